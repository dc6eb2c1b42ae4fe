// An NDJSON payload built in memory, one record a line, with its SHA-256, size and record count for a
// manifest: the payloads of site bundles and of return bundles alike.

import { createHash } from 'node:crypto';

export class NdjsonBuffer {
  private readonly parts: Buffer[] = [];
  private readonly hash = createHash('sha256');
  size = 0;
  records = 0;
  add(record: unknown): void {
    const line = Buffer.from(`${JSON.stringify(record)}\n`, 'utf8');
    this.parts.push(line);
    this.hash.update(line);
    this.size += line.length;
    this.records += 1;
  }
  finish(): { data: Buffer; sha256: string } {
    return { data: Buffer.concat(this.parts, this.size), sha256: this.hash.digest('hex') };
  }
}
