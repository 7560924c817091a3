import react from '@vitejs/plugin-react';
import { defaultClientConditions, defineConfig } from 'vite';

/** Where the ingest server runs in development; the built app is served by it on the same origin. */
const api = process.env.IOC_API_URL ?? 'http://localhost:8080';

export default defineConfig({
  plugins: [react()],
  // the workspace packages as TypeScript sources (their "@cityioc/source" export), no tsc build needed first
  resolve: { conditions: ['@cityioc/source', ...defaultClientConditions] },
  server: {
    port: Number(process.env.PORT ?? 5173),
    proxy: {
      '/api': { target: api, changeOrigin: true },
      '/socket.io': { target: api, ws: true, changeOrigin: true },
      // a wall screen's link sets its session cookie on the server, then goes to the wall
      '/kiosk': { target: api, changeOrigin: true },
    },
  },
  preview: {
    proxy: {
      '/api': { target: api, changeOrigin: true },
      '/socket.io': { target: api, ws: true, changeOrigin: true },
      // a wall screen's link sets its session cookie on the server, then goes to the wall
      '/kiosk': { target: api, changeOrigin: true },
    },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
    // maplibre-gl alone is ~1 MB minified (its own lazy chunk); the budget that matters is gzip.
    chunkSizeWarningLimit: 1200,
  },
});
