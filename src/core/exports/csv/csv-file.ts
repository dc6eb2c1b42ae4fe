// One CSV file being written: dialect header (BOM), CRLF records, RFC 4180 quoting, SHA-256 of the
// bytes as written, and backpressure so millions of rows never pile up in memory.

import { createHash } from 'node:crypto';
import { createWriteStream, type WriteStream } from 'node:fs';
import { AppError } from '../../../shared/errors/app-error';
import { csvLine } from './csv-line';
import type { Dialect } from './dialect';

export class CsvFile {
  private readonly stream: WriteStream;
  private readonly hash = createHash('sha256');
  private buffer: string[] = [];
  private bufferedChars = 0;
  /** A write error (disk full, folder removed …) is kept and reported by the next call, never left unhandled. */
  private failure: Error | undefined;
  rows = 0;

  constructor(
    readonly path: string,
    private readonly dialect: Dialect,
    header: readonly string[],
  ) {
    this.stream = createWriteStream(path, { flags: 'wx', mode: 0o600 });
    this.stream.on('error', (error) => {
      this.failure ??= error;
    });
    if (dialect.bom) this.push('\uFEFF');
    this.push(this.line(header));
  }

  private line(cells: readonly string[]): string {
    return csvLine(cells, this.dialect.delimiter);
  }

  private push(text: string): void {
    this.buffer.push(text);
    this.bufferedChars += text.length;
  }

  async row(cells: readonly string[]): Promise<void> {
    this.push(this.line(cells));
    this.rows += 1;
    if (this.bufferedChars > 256 * 1024) await this.flush();
  }

  private fail(): void {
    if (this.failure) throw new AppError('export.writeFailed', { file: this.path, detail: (this.failure as NodeJS.ErrnoException).code ?? this.failure.message });
  }

  private async flush(): Promise<void> {
    this.fail();
    if (this.buffer.length === 0) return;
    const chunk = Buffer.from(this.buffer.join(''), 'utf8');
    this.buffer = [];
    this.bufferedChars = 0;
    this.hash.update(chunk);
    // A failed stream closes instead of draining: either ends the wait.
    if (!this.stream.write(chunk)) {
      await new Promise<void>((resolve) => {
        const done = (): void => {
          this.stream.off('drain', done);
          this.stream.off('close', done);
          resolve();
        };
        this.stream.on('drain', done);
        this.stream.on('close', done);
      });
    }
    this.fail();
  }

  async close(): Promise<{ path: string; sha256: string; rows: number }> {
    await this.flush();
    await new Promise<void>((resolve) => {
      if (this.stream.destroyed) resolve();
      else {
        this.stream.once('close', () => resolve());
        this.stream.end();
      }
    });
    this.fail();
    return { path: this.path, sha256: this.hash.digest('hex'), rows: this.rows };
  }
}
