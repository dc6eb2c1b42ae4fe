// The `edc` CLI: the whole site workflow from the command line, passwords only from the environment,
// and every bad input answered with a message and an exit code, never a stack trace. Each test sets up its own
// store, so any one runs alone (-t) or in any order (--randomize).

import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { edc } from '../helpers/cli';
import { MINI_STUDY_DIR } from '../helpers/site';
import { tempDir } from '../helpers/temp';

const ADMIN = { EDC_PASSWORD: 'admin-password-1' };
const DORA = { EDC_PASSWORD: 'data-entry-pw-3' };
const IVO = { EDC_PASSWORD: 'investigator-pw-2' };

describe('edc CLI', () => {
  // Every test makes the store it needs in a folder of its own: none depends on another having run.
  const folders: ReturnType<typeof tempDir>[] = [];
  afterEach(() => {
    for (const f of folders.splice(0)) f.cleanup();
  });
  const newFolder = (): string => {
    const folder = tempDir();
    folders.push(folder);
    return folder.dir;
  };

  interface Store {
    readonly dir: string;
    readonly db: string;
    /** `--db <db> --user anna`: the administrator. */
    readonly base: string[];
  }

  /** A site store of the mini study, made through the CLI, with its administrator anna. */
  async function siteStore(): Promise<Store> {
    const dir = newFolder();
    const db = join(dir, 'site.db');
    const r = await edc(['site', 'init', '--db', db, '--site', 'IT01', '--study-dir', MINI_STUDY_DIR, '--admin', 'anna', '--admin-name', 'Anna Bianchi'], ADMIN);
    expect(r.code).toBe(0);
    return { dir, db, base: ['--db', db, '--user', 'anna'] };
  }

  /** A site store with dora (data entry) and ivo (investigator), and subject IT01-0001 enrolled by dora. */
  async function storeWithSubject(): Promise<Store> {
    const store = await siteStore();
    expect((await edc(['user', 'add', ...store.base, 'dora', '--role', 'data_entry'], { ...ADMIN, EDC_NEW_PASSWORD: DORA.EDC_PASSWORD })).code).toBe(0);
    expect((await edc(['user', 'add', ...store.base, 'ivo', '--role', 'investigator'], { ...ADMIN, EDC_NEW_PASSWORD: IVO.EDC_PASSWORD })).code).toBe(0);
    const added = await edc(['subject', 'add', '--db', store.db, '--user', 'dora', '--identity', '{"sil_surname":"Rossi"}'], DORA);
    expect(added.out.trim()).toBe('IT01-0001');
    return store;
  }

  it('initialises a site store and prints the recovery code once', async () => {
    const db = join(newFolder(), 'site.db');
    const r = await edc(['site', 'init', '--db', db, '--site', 'IT01', '--study-dir', MINI_STUDY_DIR, '--admin', 'anna', '--admin-name', 'Anna Bianchi'], ADMIN);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/RECOVERY CODE/);
    expect(r.out).toMatch(/[0-9A-Z]{4}(-[0-9A-Z]{4}){5}/);
    const again = await edc(['site', 'init', '--db', db, '--site', 'IT01', '--study-dir', MINI_STUDY_DIR, '--admin', 'anna'], ADMIN);
    expect(again.code).toBe(8);
    expect(again.err).toMatch(/^error \[store\.exists\]/);
    expect(again.out).not.toMatch(/RECOVERY CODE/);
  });

  it('adds users with the new password from EDC_NEW_PASSWORD, enrols a subject and saves forms', async () => {
    const { dir, db, base } = await siteStore();
    expect((await edc(['user', 'add', ...base, 'dora', '--role', 'data_entry'], { ...ADMIN, EDC_NEW_PASSWORD: DORA.EDC_PASSWORD })).code).toBe(0);
    expect((await edc(['user', 'add', ...base, 'ivo', '--role', 'investigator'], { ...ADMIN, EDC_NEW_PASSWORD: IVO.EDC_PASSWORD })).code).toBe(0);
    const list = await edc(['user', 'list', ...base, '--json'], ADMIN);
    expect(JSON.parse(list.out).map((u: { username: string }) => u.username)).toEqual(['anna', 'dora', 'ivo']);

    const added = await edc(['subject', 'add', '--db', db, '--user', 'dora', '--identity', '{"sil_surname":"Rossi"}'], DORA);
    expect(added.out.trim()).toBe('IT01-0001');

    const dataFile = join(dir, 'dm.json');
    writeFileSync(dataFile, JSON.stringify({ sex: '1', birth_year: 1960, height_cm: 175, weight_kg: 72, dx_date: '2019-05', comorb_any: '0' }));
    const saved = await edc(['form', 'save', '--db', db, '--user', 'dora', '--subject', 'IT01-0001', '--form', 'dm', '--data', `@${dataFile}`, '--complete'], DORA);
    expect(saved.code).toBe(0);
    expect(saved.out).toMatch(/dm#1: complete/);

    const noReason = await edc(['form', 'save', '--db', db, '--user', 'dora', '--subject', 'IT01-0001', '--form', 'dm', '--data', '{"height_cm":176}', '--complete'], DORA);
    expect(noReason.code).toBe(5);
    expect(noReason.err).toMatch(/form\.reasonRequired/);

    const sign = await edc(['form', 'sign', '--db', db, '--user', 'ivo', '--subject', 'IT01-0001', '--form', 'dm'], IVO);
    expect(sign.code).toBe(0);
    expect(sign.out).toMatch(/signed/);

    const show = await edc(['subject', 'show', '--db', db, '--user', 'ivo', 'IT01-0001', '--json'], IVO);
    expect(JSON.parse(show.out).instances[0]).toMatchObject({ form: 'dm', status: 'signed' });

    const verify = await edc(['audit', 'verify', ...base], ADMIN);
    expect(verify.code).toBe(0);
    expect(verify.out).toMatch(/intact/);
  });

  it('answers bad input with a coded message and a non-zero exit, never a stack trace', async () => {
    const { dir, db, base } = await storeWithSubject();
    const cases: [string[], Record<string, string>, number, RegExp][] = [
      [['form', 'save', ...base, '--subject', 'IT01-0001', '--form', 'dm', '--data', '{not json'], ADMIN, 2, /input\.json/],
      [['form', 'save', ...base, '--subject', 'IT01-0001', '--form', 'dm', '--data', '{"height_cm": 999}'], ADMIN, 5, /form\.invalidValues/],
      [['form', 'save', ...base, '--subject', 'bad id', '--form', 'dm', '--data', '{}'], ADMIN, 2, /input\.invalid/],
      [['form', 'save', ...base, '--subject', 'IT01-0099', '--form', 'dm', '--data', '{}'], ADMIN, 6, /subject\.notFound/],
      [['form', 'save', ...base, '--subject', 'IT01-0001', '--form', 'zz', '--data', '{}'], ADMIN, 5, /form\.unknown/],
      [['subject', 'list', ...base], {}, 2, /input\.passwordMissing/],
      [['subject', 'list', ...base], { EDC_PASSWORD: 'wrong' }, 3, /auth\.wrongPassword/],
      [['subject', 'list', '--db', db, '--user', 'nobody'], { EDC_PASSWORD: 'wrong' }, 3, /auth\.wrongPassword/],
      [['form', 'lock', '--db', db, '--user', 'dora', '--subject', 'IT01-0001', '--form', 'dm'], DORA, 4, /role\.forbidden/],
      [['subject', 'list', '--db', join(dir, 'none.db'), '--user', 'anna'], ADMIN, 8, /store\.keyringMissing/],
    ];
    for (const [args, env, code, message] of cases) {
      const r = await edc(args, env);
      expect({ args: args.join(' '), code: r.code }).toEqual({ args: args.join(' '), code });
      expect(r.err).toMatch(message);
      expect(r.err).not.toMatch(/\n\s+at /);
    }
  });

  it('has no command-line flag for passwords', async () => {
    const { base } = await siteStore();
    const r = await edc(['subject', 'list', ...base, '--password', 'admin-password-1'], {});
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/unknown option '--password'/);
  });

  it('prints messages in Italian when asked', async () => {
    const { base } = await siteStore();
    const r = await edc(['subject', 'list', ...base], { EDC_PASSWORD: 'wrong', EDC_LANG: 'it' });
    expect(r.err).toMatch(/Nome utente o password errati/);
  });

  it('validates a study definition and points at the file, line and column of a broken expression', async () => {
    // The mini study, with a unit typed into the expression of check EC02.
    const dir = newFolder();
    const copy = join(dir, 'study');
    cpSync(MINI_STUDY_DIR, copy, { recursive: true });
    const manifest = JSON.parse(readFileSync(join(copy, 'study.json'), 'utf8')) as { references: Record<string, { file: string }> };
    for (const ref of Object.values(manifest.references)) ref.file = resolve(MINI_STUDY_DIR, ref.file);
    writeFileSync(join(copy, 'study.json'), JSON.stringify(manifest, null, 2));
    const sound = '"[weight_kg] / (([height_cm] / 100) * ([height_cm] / 100)) <= 45"';
    const broken = '"[weight_kg] / (([height_cm] / 100) * ([height_cm] / 100)) <= 45 kg"';
    const checks = readFileSync(join(copy, 'checks.json'), 'utf8');
    expect(checks).toContain(sound);
    writeFileSync(join(copy, 'checks.json'), checks.replace(sound, broken));
    const lines = checks.replace(sound, broken).split('\n');
    const line = lines.findIndex((l) => l.includes(broken)) + 1;
    const column = lines[line - 1]!.indexOf('kg"') + 1;

    const sane = await edc(['study', 'validate', MINI_STUDY_DIR]);
    expect(sane.code).toBe(0);
    const r = await edc(['study', 'validate', 'study'], {}, dir);
    expect(r.code).toBe(7);
    expect(r.err).toContain(`${join('study', 'checks.json')}:${line}:${column}: `);
    expect(r.err).toMatch(/study\.invalid/);
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
