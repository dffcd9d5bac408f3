import { defineConfig } from 'vite';
import solid from 'vite-plugin-solid';

/** The API the dev server proxies `/graphql` (HTTP and WebSocket) to. */
const apiUrl = process.env['API_URL'] ?? 'http://127.0.0.1:4000';

export default defineConfig({
  plugins: [solid()],
  server: {
    host: '127.0.0.1',
    proxy: { '/graphql': { target: apiUrl, ws: true, changeOrigin: true } },
  },
  build: { outDir: 'dist', emptyOutDir: true, target: 'es2022', chunkSizeWarningLimit: 900 },
});
