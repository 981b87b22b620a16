/**
 * @module adapters/ui/vite.config
 * Builds the web UI into <repo>/ui-dist, which `unspun serve` serves as static files.
 * Run by `npm run build` (and so by `npm install` / `npm ci` through "prepare").
 */
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root: here,
  base: '/',
  plugins: [react()],
  // The bundle is served from this app's own origin under a strict CSP: no inline scripts.
  build: {
    outDir: fileURLToPath(new URL('../../../ui-dist', import.meta.url)),
    emptyOutDir: true,
    modulePreload: { polyfill: false },
    sourcemap: false,
    chunkSizeWarningLimit: 800,
  },
  logLevel: 'warn',
});
