// A UTF-8 text sink over a writable stream with backpressure, counting and hashing the bytes written.

import { createHash } from 'node:crypto';

export class TextSink {
  private parts: string[] = [];
  private pending = 0;
  private failure: unknown;
  private readonly hash = createHash('sha256');
  /** Bytes handed to the stream so far. */
  bytes = 0;

  constructor(
    private readonly stream: NodeJS.WritableStream,
    private readonly chunkChars = 64 * 1024,
  ) {
    stream.on('error', (error: unknown) => {
      this.failure ??= error;
    });
  }

  async write(text: string): Promise<void> {
    this.parts.push(text);
    this.pending += text.length;
    if (this.pending >= this.chunkChars) await this.flush();
  }

  async flush(): Promise<void> {
    if (this.failure !== undefined) throw this.failure;
    if (this.parts.length === 0) return;
    const chunk = Buffer.from(this.parts.join(''), 'utf8');
    this.parts = [];
    this.pending = 0;
    this.bytes += chunk.length;
    this.hash.update(chunk);
    if (!this.stream.write(chunk)) await drained(this.stream);
    if (this.failure !== undefined) throw this.failure;
  }

  /** SHA-256 (hex) of every byte written; call once, after the last flush. */
  sha256(): string {
    return this.hash.digest('hex');
  }
}

/** Resolves when the stream drains; rejects when it fails or closes first. */
function drained(stream: NodeJS.WritableStream): Promise<void> {
  return new Promise((resolve, reject) => {
    const settle = (error?: unknown): void => {
      stream.off('drain', onDrain);
      stream.off('error', onError);
      stream.off('close', onClose);
      if (error === undefined) resolve();
      else reject(error instanceof Error ? error : new Error(String(error)));
    };
    const onDrain = (): void => settle();
    const onError = (error: unknown): void => settle(error ?? new Error('write failed'));
    const onClose = (): void => settle(new Error('the output stream closed before the export was written'));
    stream.on('drain', onDrain);
    stream.on('error', onError);
    stream.on('close', onClose);
  });
}
