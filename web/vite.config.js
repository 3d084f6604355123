import { defineConfig } from 'vite'
import vue from '@vitejs/plugin-vue'

// The portal must stay small on first load: every page is a lazily loaded route chunk
// (src/router.js); scripts/gzip.mjs checks the portal's first-load budget after the build.
export default defineConfig({
  plugins: [vue()],
  build: {
    outDir: 'dist',
    manifest: true,
    chunkSizeWarningLimit: 1200,
  },
  server: {
    proxy: { '/api': 'http://127.0.0.1:8080' },
  },
})
