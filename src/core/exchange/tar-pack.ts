// Packs named byte buffers into a gzipped tar in memory, in the given order, with fixed metadata.

import { createGzip } from 'node:zlib';
import * as tar from 'tar-stream';

export async function packTarGz(entries: readonly { name: string; data: Uint8Array }[], mtime: Date): Promise<Buffer> {
  const pack = tar.pack();
  const gzip = createGzip({ level: 6 });
  const chunks: Buffer[] = [];
  const done = new Promise<void>((resolve, reject) => {
    gzip.on('data', (c: Buffer) => chunks.push(c));
    gzip.on('end', () => resolve());
    gzip.on('error', reject);
    pack.on('error', reject);
  });
  pack.pipe(gzip);
  for (const entry of entries) {
    await new Promise<void>((resolve, reject) => {
      pack.entry({ name: entry.name, size: entry.data.length, mode: 0o644, mtime, type: 'file', uname: 'edc', gname: 'edc' }, Buffer.from(entry.data.buffer, entry.data.byteOffset, entry.data.byteLength), (error) =>
        error ? reject(error) : resolve(),
      );
    });
  }
  pack.finalize();
  await done;
  return Buffer.concat(chunks);
}
