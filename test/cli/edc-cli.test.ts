// The `edc` CLI: the whole site workflow from the command line, passwords only from the environment,
// and every bad input answered with a message and an exit code, never a stack trace.

import { execFileSync, spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { edc } from '../helpers/cli';
import { MINI_STUDY_DIR } from '../helpers/site';
import { tempDir } from '../helpers/temp';

const ADMIN = { EDC_PASSWORD: 'admin-password-1' };

describe('edc CLI', () => {
  const tmp = tempDir();
  const db = join(tmp.dir, 'site.db');
  const base = ['--db', db, '--user', 'anna'];
  afterAll(() => tmp.cleanup());

  it('initialises a site store and prints the recovery code once', async () => {
    const r = await edc(['site', 'init', '--db', db, '--site', 'IT01', '--study-dir', MINI_STUDY_DIR, '--admin', 'anna', '--admin-name', 'Anna Bianchi'], ADMIN);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/RECOVERY CODE/);
    expect(r.out).toMatch(/[0-9A-Z]{4}(-[0-9A-Z]{4}){5}/);
    const again = await edc(['site', 'init', '--db', db, '--site', 'IT01', '--study-dir', MINI_STUDY_DIR, '--admin', 'anna'], ADMIN);
    expect(again.code).toBe(8);
    expect(again.err).toMatch(/^error \[store\.exists\]/);
  });

  it('adds users with the new password from EDC_NEW_PASSWORD, enrols a subject and saves forms', async () => {
    expect((await edc(['user', 'add', ...base, 'dora', '--role', 'data_entry'], { ...ADMIN, EDC_NEW_PASSWORD: 'data-entry-pw-3' })).code).toBe(0);
    expect((await edc(['user', 'add', ...base, 'ivo', '--role', 'investigator'], { ...ADMIN, EDC_NEW_PASSWORD: 'investigator-pw-2' })).code).toBe(0);
    const list = await edc(['user', 'list', ...base, '--json'], ADMIN);
    expect(JSON.parse(list.out).map((u: { username: string }) => u.username)).toEqual(['anna', 'dora', 'ivo']);

    const added = await edc(['subject', 'add', '--db', db, '--user', 'dora', '--identity', '{"sil_surname":"Rossi"}'], { EDC_PASSWORD: 'data-entry-pw-3' });
    expect(added.out.trim()).toBe('IT01-0001');

    const dataFile = join(tmp.dir, 'dm.json');
    writeFileSync(dataFile, JSON.stringify({ sex: '1', birth_year: 1960, height_cm: 175, weight_kg: 72, dx_date: '2019-05', comorb_any: '0' }));
    const saved = await edc(['form', 'save', '--db', db, '--user', 'dora', '--subject', 'IT01-0001', '--form', 'dm', '--data', `@${dataFile}`, '--complete'], { EDC_PASSWORD: 'data-entry-pw-3' });
    expect(saved.code).toBe(0);
    expect(saved.out).toMatch(/dm#1: complete/);

    const noReason = await edc(['form', 'save', '--db', db, '--user', 'dora', '--subject', 'IT01-0001', '--form', 'dm', '--data', '{"height_cm":176}', '--complete'], { EDC_PASSWORD: 'data-entry-pw-3' });
    expect(noReason.code).toBe(5);
    expect(noReason.err).toMatch(/form\.reasonRequired/);

    const sign = await edc(['form', 'sign', '--db', db, '--user', 'ivo', '--subject', 'IT01-0001', '--form', 'dm'], { EDC_PASSWORD: 'investigator-pw-2' });
    expect(sign.code).toBe(0);
    expect(sign.out).toMatch(/signed/);

    const show = await edc(['subject', 'show', '--db', db, '--user', 'ivo', 'IT01-0001', '--json'], { EDC_PASSWORD: 'investigator-pw-2' });
    expect(JSON.parse(show.out).instances[0]).toMatchObject({ form: 'dm', status: 'signed' });

    const verify = await edc(['audit', 'verify', ...base], ADMIN);
    expect(verify.code).toBe(0);
    expect(verify.out).toMatch(/intact/);
  });

  it('answers bad input with a coded message and a non-zero exit, never a stack trace', async () => {
    const cases: [string[], Record<string, string>, number, RegExp][] = [
      [['form', 'save', ...base, '--subject', 'IT01-0001', '--form', 'dm', '--data', '{not json'], ADMIN, 2, /input\.json/],
      [['form', 'save', ...base, '--subject', 'IT01-0001', '--form', 'dm', '--data', '{"height_cm": 999}'], ADMIN, 5, /form\.invalidValues/],
      [['form', 'save', ...base, '--subject', 'bad id', '--form', 'dm', '--data', '{}'], ADMIN, 2, /input\.invalid/],
      [['form', 'save', ...base, '--subject', 'IT01-0099', '--form', 'dm', '--data', '{}'], ADMIN, 6, /subject\.notFound/],
      [['form', 'save', ...base, '--subject', 'IT01-0001', '--form', 'zz', '--data', '{}'], ADMIN, 5, /form\.unknown/],
      [['subject', 'list', ...base], {}, 2, /input\.passwordMissing/],
      [['subject', 'list', ...base], { EDC_PASSWORD: 'wrong' }, 3, /auth\.wrongPassword/],
      [['form', 'lock', '--db', db, '--user', 'dora', '--subject', 'IT01-0001', '--form', 'dm'], { EDC_PASSWORD: 'data-entry-pw-3' }, 4, /role\.forbidden/],
      [['subject', 'list', '--db', join(tmp.dir, 'none.db'), '--user', 'anna'], ADMIN, 8, /store\.keyringMissing|store\.notFound/],
    ];
    for (const [args, env, code, message] of cases) {
      const r = await edc(args, env);
      expect({ args: args.join(' '), code: r.code }).toEqual({ args: args.join(' '), code });
      expect(r.err).toMatch(message);
      expect(r.err).not.toMatch(/\n\s+at /);
    }
  });

  it('has no command-line flag for passwords', async () => {
    const r = await edc(['subject', 'list', ...base, '--password', 'admin-password-1'], {});
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/unknown option '--password'/);
  });

  it('prints messages in Italian when asked', async () => {
    const r = await edc(['subject', 'list', ...base], { EDC_PASSWORD: 'wrong', EDC_LANG: 'it' });
    expect(r.err).toMatch(/Nome utente o password errati/);
  });

  it('validates a study definition and points at the line of a broken expression', async () => {
    const broken = join(tmp.dir, 'broken.json');
    writeFileSync(broken, '{\n  "id": "x"\n}\n');
    const r = await edc(['study', 'validate', broken]);
    expect(r.code).toBe(7);
    expect(r.err).toMatch(/broken\.json:\d+:\d+/);
  });

  it('is installed as the `edc` bin of the package (built by npm ci via prepare)', () => {
    const root = resolve(__dirname, '../..');
    const help = execFileSync(process.execPath, [join(root, 'bin', 'edc.js'), '--help'], { encoding: 'utf8' });
    expect(help).toMatch(/Usage: edc/);
    const bad = spawnSync(process.execPath, [join(root, 'bin', 'edc.js'), 'subject', 'list', '--db', '/nonexistent/x.db', '--user', 'anna'], { encoding: 'utf8', env: { ...process.env, EDC_PASSWORD: 'x', EDC_LANG: 'en' } });
    expect(bad.status).toBe(8);
    expect(bad.stderr).not.toMatch(/\n\s+at /);
  });
});
