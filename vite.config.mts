// Builds the React renderer (src/renderer) into dist/renderer: relative paths for app:// and the loopback
// transport, no inline scripts or styles (CSP default-src 'self'), nothing fetched from elsewhere at run time.
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  root: 'src/renderer',
  base: './',
  plugins: [react()],
  build: {
    outDir: '../../dist/renderer',
    emptyOutDir: true,
    // Inline assets would become data: URLs; keep every asset a file served from 'self'.
    assetsInlineLimit: 0,
    // The polyfill is injected as an inline script in some setups; Chromium and Electron need none.
    modulePreload: { polyfill: false },
    sourcemap: false,
    chunkSizeWarningLimit: 2000,
  },
});
