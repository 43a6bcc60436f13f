import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerWebApp } from './static-web.ts';

describe('registerWebApp', () => {
  let directory: string;
  let app: Hono;

  beforeAll(() => {
    directory = mkdtempSync(join(tmpdir(), 'fathom-web-'));
    mkdirSync(join(directory, 'dist', 'assets'), { recursive: true });
    writeFileSync(join(directory, 'dist', 'index.html'), '<!doctype html><div id="root"></div>');
    writeFileSync(join(directory, 'dist', 'assets', 'index-abc123.js'), 'console.log(1)');
    writeFileSync(join(directory, 'dist', 'favicon.svg'), '<svg/>');
    writeFileSync(join(directory, 'secret.txt'), 'outside the app');
    app = new Hono();
    app.get('/v1/tables', (context) => context.json([]));
    app.notFound((context) => context.json({ detail: 'Not Found', code: 'not_found' }, 404));
    registerWebApp(app, { distDirectory: join(directory, 'dist') });
  });

  afterAll(() => rmSync(directory, { recursive: true, force: true }));

  it('answers index.html at / and at client routes, checked again on every visit', async () => {
    for (const path of ['/', '/tables/2b4f55a2-00d7-43b9-86ce-1b014dc9414e']) {
      const response = await app.request(path);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toContain('text/html');
      expect(response.headers.get('cache-control')).toBe('no-cache');
      expect(await response.text()).toContain('<div id="root">');
    }
  });

  it('serves hashed assets with a year-long immutable cache, other files for an hour', async () => {
    const asset = await app.request('/assets/index-abc123.js');
    expect(asset.status).toBe(200);
    expect(asset.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    const icon = await app.request('/favicon.svg');
    expect(icon.headers.get('content-type')).toBe('image/svg+xml');
    expect(icon.headers.get('cache-control')).toBe('public, max-age=3600');
  });

  it('leaves the API alone: its routes answer, and an unknown API path stays a JSON 404', async () => {
    expect(await (await app.request('/v1/tables')).json()).toEqual([]);
    const unknown = await app.request('/v1/nothing-here');
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual({ detail: 'Not Found', code: 'not_found' });
  });

  it('answers 404, not index.html, for an asset of another build', async () => {
    const response = await app.request('/assets/index-old999.js');
    expect(response.status).toBe(404);
    expect(await response.text()).toContain('another build');
  });

  it('never serves a file outside the dist directory', async () => {
    for (const path of ['/../secret.txt', '/%2e%2e/secret.txt', '/assets/%2e%2e/%2e%2e/secret.txt']) {
      const response = await app.request(path);
      expect(await response.text()).not.toContain('outside the app');
    }
  });

  it('says how to build the app when web/dist is missing', async () => {
    const bare = new Hono();
    registerWebApp(bare, { distDirectory: join(directory, 'not-built') });
    const response = await bare.request('/');
    expect(response.status).toBe(503);
    expect(await response.text()).toContain('npm run build:web');
  });
});
