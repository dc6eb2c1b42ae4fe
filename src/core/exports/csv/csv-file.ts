// One CSV file being written: dialect header (BOM), CRLF records, RFC 4180 quoting, SHA-256 of the
// bytes as written, and backpressure so millions of rows never pile up in memory.

import { createHash } from 'node:crypto';
import { createWriteStream, type WriteStream } from 'node:fs';
import { AppError } from '../../../shared/errors/app-error';
import { csvLine } from './csv-line';
import type { Dialect } from './dialect';

/** Bytes gathered before one write to the file. */
const WRITE_BYTES = 256 * 1024;

export class CsvFile {
  private readonly stream: WriteStream;
  private readonly hash = createHash('sha256');
  private pending: Uint8Array[] = [];
  private pendingBytes = 0;
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
    this.push(Buffer.from(`${dialect.bom ? '\uFEFF' : ''}${csvLine(header, dialect.delimiter)}`, 'utf8'));
  }

  private push(bytes: Uint8Array): void {
    this.hash.update(bytes);
    this.pending.push(bytes);
    this.pendingBytes += bytes.byteLength;
  }

  async row(cells: readonly string[]): Promise<void> {
    await this.records(Buffer.from(csvLine(cells, this.dialect.delimiter), 'utf8'), 1);
  }

  /** Records already formatted with csvLine and encoded as UTF-8, `count` of them. */
  async records(bytes: Uint8Array, count: number): Promise<void> {
    this.push(bytes);
    this.rows += count;
    if (this.pendingBytes >= WRITE_BYTES) await this.flush();
  }

  private fail(): void {
    if (this.failure) throw new AppError('export.writeFailed', { file: this.path, detail: (this.failure as NodeJS.ErrnoException).code ?? this.failure.message });
  }

  private async flush(): Promise<void> {
    this.fail();
    if (this.pending.length === 0) return;
    const chunk = this.pending.length === 1 ? this.pending[0]! : Buffer.concat(this.pending, this.pendingBytes);
    this.pending = [];
    this.pendingBytes = 0;
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
