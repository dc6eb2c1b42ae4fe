// `edc casebook lock|unlock`: the administrator locks a subject's casebook from the command line (a save is then
// refused with its code, in the user's language) and unlocks it with a reason; other roles are refused.

import { join } from 'node:path';
import { edc } from '../helpers/cli';
import { MINI_STUDY_DIR } from '../helpers/site';
import { tempDir } from '../helpers/temp';

const ADMIN = { EDC_PASSWORD: 'admin-password-1' };
const DORA = { EDC_PASSWORD: 'data-entry-pw-3' };

describe('edc casebook', () => {
  const tmp = tempDir();
  afterAll(() => tmp.cleanup());

  it('locks a casebook, refuses a save while locked, and unlocks it with a reason', async () => {
    const db = join(tmp.dir, 'site.db');
    const base = ['--db', db, '--user', 'anna'];
    expect((await edc(['site', 'init', ...base.slice(0, 2), '--site', 'IT01', '--study-dir', MINI_STUDY_DIR, '--admin', 'anna', '--admin-name', 'Anna Bianchi'], ADMIN)).code).toBe(0);
    expect((await edc(['user', 'add', ...base, 'dora', '--role', 'data_entry'], { ...ADMIN, EDC_NEW_PASSWORD: DORA.EDC_PASSWORD })).code).toBe(0);
    expect((await edc(['subject', 'add', '--db', db, '--user', 'dora'], DORA)).out.trim()).toBe('IT01-0001');
    const dora = ['--db', db, '--user', 'dora', '--subject', 'IT01-0001'];
    expect((await edc(['form', 'save', ...dora, '--form', 'dm', '--data', '{"sex":"1"}'], DORA)).code).toBe(0);

    const refused = await edc(['casebook', 'lock', ...dora, '--reason', 'Database lock'], DORA);
    expect(refused.code).toBe(4);
    expect(refused.err).toMatch(/role\.forbidden/);

    const locked = await edc(['casebook', 'lock', ...base, '--subject', 'IT01-0001', '--reason', 'Database lock', '--json'], ADMIN);
    expect(locked.code).toBe(0);
    expect(JSON.parse(locked.out)).toMatchObject({ subjectId: 'IT01-0001', lockedBy: 'anna', reason: 'Database lock', forms: 1 });

    const save = await edc(['form', 'save', ...dora, '--form', 'dm', '--data', '{"sex":"2"}'], { ...DORA, EDC_LANG: 'it' });
    expect(save.code).toBe(5);
    expect(save.err).toMatch(/form\.casebookLocked/);
    expect(save.err).toMatch(/Il casebook di IT01-0001 è bloccato da anna \(Database lock\)/);

    const unlocked = await edc(['casebook', 'unlock', ...base, '--subject', 'IT01-0001', '--reason', 'Query from the monitor'], ADMIN);
    expect(unlocked.code).toBe(0);
    expect(unlocked.out).toMatch(/Casebook IT01-0001 unlocked: forms back to their previous status: 1/);
    expect((await edc(['form', 'save', ...dora, '--form', 'dm', '--data', '{"sex":"2"}'], DORA)).out).toMatch(/dm#1: draft/);

    const again = await edc(['casebook', 'unlock', ...base, '--subject', 'IT01-0001', '--reason', 'Nothing to unlock'], ADMIN);
    expect(again.code).toBe(5);
    expect(again.err).toMatch(/form\.casebookNotLocked/);
    const noReason = await edc(['casebook', 'lock', ...base, '--subject', 'IT01-0001', '--reason', 'x'], ADMIN);
    expect(noReason.code).toBe(2);
    expect(noReason.err).toMatch(/input\.invalid/);
  });
});
