// The renderer as Vite builds it for production, for the UI benchmarks (built when dist/renderer is missing).

import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { BenchContext } from './measure';

const ROOT = join(__dirname, '..');

export function ensureRenderer(ctx: BenchContext): string {
  const dir = join(ROOT, 'dist', 'renderer');
  if (!existsSync(join(dir, 'index.html'))) {
    ctx.log('  building the renderer (dist/renderer is missing)…');
    execFileSync(process.execPath, [join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--logLevel', 'warn'], { cwd: ROOT, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } });
  }
  return dir;
}
