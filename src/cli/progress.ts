// A progress bar on stderr for long work (export, merge, CSV): redrawn in place on a terminal, a line
// per step otherwise (logs, CI).

import type { CliIo } from './io';

export function progressBar(io: CliIo, label: string): (done: number, total: number, note?: string) => void {
  let lastLine = '';
  const tty = io.interactive;
  return (done, total, note = '') => {
    const width = 30;
    const filled = total > 0 ? Math.round((done / total) * width) : width;
    const line = `${label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total}${note ? ` ${note}` : ''}`;
    if (line === lastLine) return;
    lastLine = line;
    if (tty) io.err(`\r${line.padEnd(100)}${done >= total ? '\n' : ''}`.replace(/\n?$/, done >= total ? '\n' : ''));
    else if (done === 0 || done >= total || note) io.err(line);
  };
}
