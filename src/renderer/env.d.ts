// Module types for what Vite bundles besides TypeScript: the stylesheet.
declare module '*.css';
