import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const webRoot = fileURLToPath(new URL('.', import.meta.url));
const apiServer = 'http://127.0.0.1:3000';

export default defineConfig({
  root: webRoot,
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('../dist/web', import.meta.url)),
    // The output lies outside web/, where Vite refuses to empty a folder unless told to.
    emptyOutDir: true,
  },
  server: {
    proxy: { '/api': apiServer },
  },
  preview: {
    proxy: { '/api': apiServer },
  },
});
