// A 5,000-subject site for the benchmarks, grown from the cached 500-subject one instead of seeded: its
// subjects, identities, instances, counters, statuses and their audit entries copied under new subject
// numbers with raw SQL, the copied entries appended to the audit chain and re-hashed. Seeding 5,000 patients
// through the use-cases would take most of the bench's time budget; the copy takes well under a minute and
// gives the store the same shape (rows per subject, trail length per subject) ten times over.

import { cpSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { GENESIS_HASH, hashAuditEntry } from '../src/core/store/audit-chain';
import { keyringPathFor } from '../src/core/keys/keyring';
import { openSession } from '../src/core/auth/open-session';
import { openSqlite, type Sqlite } from '../src/db/open-store';
import { seededSite, type SeededFixture } from './fixtures';
import type { BenchContext } from './measure';

const GROWN_VERSION = 2;

type Row = Record<string, unknown>;

/** Copies every subject-bearing row `copies` more times, subject numbers shifted by the base count each time. */
function grow(dbFile: string, key: Buffer, base: number, copies: number): void {
  const sqlite = openSqlite(dbFile, key, false);
  try {
    const siteId = (sqlite.prepare('SELECT site_id FROM subjects LIMIT 1').get() as { site_id: string }).site_id;
    const newId = `printf('%s-%04d', s.site_id, s.seq + @shift)`;
    const columns = (table: string): string[] => (sqlite.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[]).map((c) => c.name);
    const copy = (table: string, skip: readonly string[]): ReturnType<Sqlite['prepare']> => {
      const cols = columns(table).filter((c) => !skip.includes(c));
      const select = cols.map((c) => (c === 'subject_id' ? newId : `t."${c}"`)).join(', ');
      return sqlite.prepare(`INSERT INTO ${table} (${cols.map((c) => `"${c}"`).join(', ')}) SELECT ${select} FROM ${table} t JOIN subjects s ON s.id = t.subject_id WHERE s.seq <= @base ORDER BY t.rowid`);
    };
    const subjects = sqlite.prepare(`INSERT INTO subjects (id, site_id, seq, created_at, created_by) SELECT ${newId}, s.site_id, s.seq + @shift, s.created_at, s.created_by FROM subjects s WHERE s.seq <= @base ORDER BY s.seq`);
    const tables = [copy('subject_identity', []), copy('form_instances', ['id']), copy('instance_counters', []), copy('subject_status', [])];
    const auditColumns = columns('audit');
    const audit = sqlite.prepare('SELECT * FROM audit WHERE subject_id IS NOT NULL ORDER BY id').all() as Row[];
    const seqOf = new Map((sqlite.prepare('SELECT id, seq FROM subjects').all() as { id: string; seq: number }[]).map((s) => [s.id, s.seq]));
    const insertAudit = sqlite.prepare(`INSERT INTO audit (${auditColumns.map((c) => `"${c}"`).join(', ')}) VALUES (${auditColumns.map(() => '?').join(', ')})`);
    const head = sqlite.prepare('SELECT id, hash FROM audit ORDER BY id DESC LIMIT 1').get() as { id: number; hash: string } | undefined;
    let id = head?.id ?? 0;
    let prev = head?.hash ?? GENESIS_HASH;
    for (let c = 1; c <= copies; c += 1) {
      const shift = c * base;
      sqlite.transaction(() => {
        subjects.run({ shift, base });
        for (const t of tables) t.run({ shift, base });
        for (const row of audit) {
          const seq = seqOf.get(row.subject_id as string);
          if (seq === undefined || seq > base) continue;
          id += 1;
          const unhashed = { ...(row as Parameters<typeof hashAuditEntry>[0]), id, subject_id: `${siteId}-${String(seq + shift).padStart(4, '0')}`, prev_hash: prev };
          const hashed: Row = { ...unhashed, hash: hashAuditEntry(unhashed) };
          prev = hashed.hash as string;
          insertAudit.run(auditColumns.map((k) => hashed[k]));
        }
        sqlite.prepare("INSERT INTO meta (key, value) VALUES ('audit_head', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value").run(`${id}:${prev}`);
      })();
    }
    sqlite.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    sqlite.close();
  }
}

/** A work copy of a `base × factor`-subject site grown from the cached `base`-subject one (cached too). */
export async function grownSite(ctx: BenchContext, base: number, factor: number): Promise<SeededFixture> {
  const siteId = 'IT01';
  const cached = join(ctx.cacheDir, `grown-${siteId}-${base}x${factor}-v${GROWN_VERSION}`);
  const cachedDb = join(cached, 'site.db');
  const source = await seededSite(ctx, base);
  if (!existsSync(cachedDb)) {
    rmSync(cached, { recursive: true, force: true });
    mkdirSync(cached, { recursive: true });
    ctx.log(`  growing the ${base}-subject site to ${base * factor} subjects (cached afterwards)…`);
    const t = Date.now();
    const building = join(cached, 'building.db');
    cpSync(source.dbFile, building);
    cpSync(keyringPathFor(source.dbFile), keyringPathFor(building));
    const entry = source.users.find((u) => u.role === 'data_entry')!;
    // The store key comes from a login, as the app gets it; the copy is written through a raw connection.
    const session = await openSession({ dbFile: building, username: entry.username, password: entry.password });
    const key = Buffer.from(session.dbKey);
    await session.close();
    grow(building, key, base, factor - 1);
    cpSync(building, cachedDb);
    cpSync(keyringPathFor(building), keyringPathFor(cachedDb));
    rmSync(building, { force: true });
    rmSync(keyringPathFor(building), { force: true });
    ctx.log(`  grown in ${((Date.now() - t) / 1000).toFixed(0)} s`);
  }
  rmSync(source.dbFile, { force: true });
  const work = join(ctx.workDir, `grown-${siteId}-${Date.now()}`);
  mkdirSync(work, { recursive: true });
  const dbFile = join(work, 'site.db');
  cpSync(cachedDb, dbFile);
  cpSync(keyringPathFor(cachedDb), keyringPathFor(dbFile));
  return { dbFile, users: source.users, subjects: base * factor };
}
