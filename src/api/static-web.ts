import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import type { Env, Hono } from 'hono';
import { SERVER_PAGE_CSP } from './security-headers.ts';

export interface WebAppOptions {
  /** The built app (`web/dist`, made by `npm run build:web`). */
  distDirectory: string;
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.map': 'application/json',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

// Vite puts a content hash in every file name under assets/, so a file there never changes.
const IMMUTABLE = 'public, max-age=31536000, immutable';
// index.html names the current hashed files; it must be checked on every visit or a deploy is missed.
const REVALIDATE = 'no-cache';

/** Paths the app never owns: the API, its document and reference page answer for themselves (or 404 as JSON). */
function isServerPath(path: string): boolean {
  return path === '/v1' || path.startsWith('/v1/') || path === '/openapi.json' || path === '/docs';
}

/**
 * Serve the grid app at `/`. Files of `distDirectory` are served as they are; any other GET
 * outside the API answers index.html so client-side routes (`/tables/<id>`) survive a reload.
 * The directory is read per request, so `npm run build:web` takes effect without a restart, and a
 * missing build answers a page saying how to make it instead of a bare 404.
 * Register it after the API routes: it only answers what they did not.
 */
export function registerWebApp<E extends Env>(app: Hono<E>, options: WebAppOptions): void {
  const root = normalize(options.distDirectory);
  app.on(['GET', 'HEAD'], '/*', async (context, next) => {
    const path = context.req.path;
    if (isServerPath(path)) return next();
    const index = join(root, 'index.html');
    if (!(await isFile(index))) {
      return context.html(missingBuildPage(), 503, { 'cache-control': 'no-store', 'Content-Security-Policy': SERVER_PAGE_CSP });
    }
    const file = resolveInside(root, path);
    if (file && file !== index && (await isFile(file))) {
      const body = await readFile(file);
      return context.body(body, 200, {
        'content-type': CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream',
        'cache-control': path.startsWith('/assets/') ? IMMUTABLE : 'public, max-age=3600',
      });
    }
    // A missing hashed asset is a stale page asking for an old build: say so, do not answer HTML as JavaScript.
    if (path.startsWith('/assets/')) return context.text('Not found: this file belongs to another build of the app. Reload the page.', 404);
    return context.body(await readFile(index), 200, { 'content-type': CONTENT_TYPES['.html']!, 'cache-control': REVALIDATE });
  });
}

/** The file a URL path names inside `root`, or null when it would step outside (`..`, encoded or not). */
function resolveInside(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const file = normalize(join(root, decoded));
  return file.startsWith(root.endsWith(sep) ? root : root + sep) ? file : null;
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

function missingBuildPage(): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Fathom: the web app is not built</title>
<style>body{font-family:system-ui,sans-serif;max-width:40rem;margin:4rem auto;padding:0 1rem;line-height:1.5;color:#1d2430}code{background:#f0f3f6;padding:.1rem .3rem;border-radius:4px}</style></head>
<body><h1>The web app is not built yet</h1>
<p>The API is running (see <a href="/docs">/docs</a>), but the grid app's files are missing.</p>
<p>Build them once with <code>npm run build:web</code>, then reload this page. No restart is needed.</p></body></html>`;
}
