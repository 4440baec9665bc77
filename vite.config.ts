import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { precompress } from './src/cli/web-precompress.ts';

// The API the dev server proxies to (`npm start` listens on 3000 by default).
const apiTarget = process.env.JALON_API_URL ?? 'http://127.0.0.1:3000';
const fromRoot = (p: string) => fileURLToPath(new URL(p, import.meta.url));

// index.html sits at the repository root (the CLI builds with `root` = the checkout);
// the sources are in src/web.
export default defineConfig({
  root: fromRoot('.'),
  base: '/',
  publicDir: fromRoot('./src/web/public'),
  // precompress: .br and .gz beside every asset, sent as they are (src/server/app.ts).
  plugins: [react(), precompress()],
  build: {
    outDir: fromRoot('./dist/web'),
    emptyOutDir: true,
    sourcemap: true,
  },
  server: {
    proxy: {
      '/api': { target: apiTarget, changeOrigin: false },
      '/livez': apiTarget,
      '/readyz': apiTarget,
    },
  },
});
