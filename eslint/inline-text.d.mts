// Types of the `messages` ESLint plugin (inline-text.mjs), for the tests that run it.
import type { ESLint } from 'eslint';

declare const plugin: ESLint.Plugin;
export default plugin;
