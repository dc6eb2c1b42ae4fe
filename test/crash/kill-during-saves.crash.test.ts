// Crash consistency: a child process saving forms in a loop is killed with SIGKILL at random moments;
// after every kill the store opens, integrity_check is ok, the audit chain verifies, and every save the
// child reported as done is there.

import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { verifyAuditChain } from '../../src/core/store/audit-chain';
import { findInstance } from '../../src/db/repositories/form-instances.repository';
import { findSubject } from '../../src/db/repositories/subjects.repository';
import { withRawConnection } from '../helpers/raw-connection';
import { createTestSite, PASSWORDS, USERS, type TestSite } from '../helpers/site';
import { tempDir } from '../helpers/temp';

const KILLS = Number(process.env.EDC_CRASH_KILLS ?? 200);
const CHILD = join(__dirname, 'save-loop.child.js');

interface Reported {
  subjects: Set<string>;
  saves: { subject: string; form: string; instance: number; version: number }[];
}

function runAndKill(dbFile: string, seed: number, delayMs: number): Promise<Reported> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CHILD, dbFile, USERS.data_entry, String(seed)], {
      env: { ...process.env, EDC_PASSWORD: PASSWORDS.data_entry },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const reported: Reported = { subjects: new Set(), saves: [] };
    let buffer = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      buffer += chunk.toString('utf8');
      const lines = buffer.split('\n');
      buffer = lines.pop() ?? '';
      for (const line of lines) {
        const [kind, a, b, c, d] = line.split(' ');
        if (kind === 'READY') setTimeout(() => child.kill('SIGKILL'), delayMs);
        if (kind === 'SUBJECT' && a) reported.subjects.add(a);
        if (kind === 'SAVED' && a && b) reported.saves.push({ subject: a, form: b, instance: Number(c), version: Number(d) });
      }
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('exit', (code, signal) => {
      if (signal === 'SIGKILL') resolve(reported);
      else reject(new Error(`child ended without being killed (code ${code}): ${stderr}`));
    });
  });
}

describe('crash consistency of saves', () => {
  const tmp = tempDir();
  let site: TestSite;
  beforeAll(async () => {
    if (!existsSync(join(__dirname, '..', '..', 'dist', 'core', 'forms', 'save-form.js'))) throw new Error('run `npm run build` first (npm ci does it)');
    site = await createTestSite(tmp.dir);
  });
  afterAll(() => tmp.cleanup());

  it(`keeps every reported save through ${KILLS} SIGKILLs at random moments`, async () => {
    let seed = 12345;
    const next = (): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    let totalSaves = 0;
    for (let kill = 0; kill < KILLS; kill += 1) {
      const reported = await runAndKill(site.dbFile, kill + 1, Math.floor(next() * 120));
      totalSaves += reported.saves.length;
      const session = await site.login('monitor');
      try {
        expect(withRawConnection(session, (sqlite) => sqlite.pragma('integrity_check', { simple: true }))).toBe('ok');
        const chain = await verifyAuditChain(session.store.db);
        expect(chain.ok).toBe(true);
        for (const id of reported.subjects) expect(await findSubject(session.store.db, id)).toBeDefined();
        for (const save of reported.saves) {
          const row = await findInstance(session.store.db, save.subject, save.form, save.instance);
          expect(row?.version ?? 0).toBeGreaterThanOrEqual(save.version);
        }
      } finally {
        await session.close();
      }
    }
    expect(totalSaves).toBeGreaterThan(KILLS);
  }, 1_800_000);
});
