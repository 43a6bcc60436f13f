import react from '@vitejs/plugin-react';
import { defineConfig, loadEnv } from 'vite';

// Resolved from this file so `npx vite build --config web/vite.config.ts` works from the repo root.
const webDirectory = decodeURIComponent(new URL('.', import.meta.url).pathname);

/**
 * The grid app. `vite build` writes static files to web/dist, which the Fathom server serves at `/`
 * (src/api/static-web.ts). `vite` (dev) proxies the API to a running server, FATHOM_DEV_API_URL or
 * http://127.0.0.1:8000, so the app and the API share one origin as they do in production.
 */
export default defineConfig(({ mode }) => ({
  root: webDirectory,
  base: '/',
  plugins: [react()],
  build: {
    outDir: `${webDirectory}dist`,
    emptyOutDir: true,
    // Self-hosted: every asset is a file next to index.html, nothing is fetched from elsewhere.
    assetsInlineLimit: 0,
    sourcemap: true,
  },
  server: {
    host: '127.0.0.1',
    proxy: {
      '/v1': { target: loadEnv(mode, webDirectory, 'FATHOM_DEV_').FATHOM_DEV_API_URL ?? 'http://127.0.0.1:8000', changeOrigin: false },
    },
    fs: { allow: [`${webDirectory}..`] },
  },
}));
