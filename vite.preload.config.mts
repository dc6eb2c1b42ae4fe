// Bundles the sandboxed preload into one CommonJS file (a sandboxed preload can require only 'electron').
import { defineConfig } from 'vite';

export default defineConfig({
  build: {
    outDir: 'dist/preload',
    emptyOutDir: false,
    minify: false,
    sourcemap: false,
    lib: { entry: 'src/preload/index.ts', formats: ['cjs'], fileName: () => 'index.js' },
    rollupOptions: { external: ['electron'] },
  },
});
