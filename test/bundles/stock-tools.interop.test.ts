// Stock-tool interoperability, with the real `edc` program (node bin/edc.js, built in dist/) and Debian's
// `age` and `openssl`: a bundle made by `edc export` opens with `age -d -i identity.txt B | tar -xz` and its
// manifest signature verifies with `openssl pkeyutl -verify`; a file encrypted by the stock `age` to the
// coordinator decrypts with the product; a bundle re-packed with GNU tar and re-encrypted with stock age
// merges; and `edc merge` answers with its documented exit codes and report files.
// The tools are required: without them these tests fail (in CI and locally), they never skip.

import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { decryptWith } from '../../src/core/crypto/age';
import { MergeReport, Receipt } from '../../src/shared/contract/bundles';
import { MINI_STUDY_DIR } from '../helpers/site';
import { tempDir } from '../helpers/temp';

const ROOT = resolve(__dirname, '..', '..');
const EDC = join(ROOT, 'bin', 'edc.js');
const PASSPHRASE = 'coordinator passphrase 1';
const PASSWORD = 'admin-password-1';

function missingTools(): string[] {
  return ['age', 'openssl', 'tar'].filter((tool) => spawnSync('sh', ['-c', `command -v ${tool}`]).status !== 0);
}

describe('bundles with the stock age, openssl and tar tools', () => {
  const tmp = tempDir();
  const dir = (name: string): string => {
    const path = join(tmp.dir, name);
    mkdirSync(path, { recursive: true });
    return path;
  };
  const coordinator = join(tmp.dir, 'coordinator');
  const siteDb = join(tmp.dir, 'site', 'site.db');
  let bundle: string;
  let recipient: string;
  let siteFingerprint: string;

  /** Runs the real program in its own process. */
  function edc(args: readonly string[], env: Record<string, string> = {}): SpawnSyncReturns<string> {
    return spawnSync(process.execPath, [EDC, ...args], { cwd: tmp.dir, encoding: 'utf8', env: { ...process.env, EDC_LANG: 'en', EDC_PASSPHRASE: PASSPHRASE, EDC_PASSWORD: PASSWORD, ...env }, timeout: 120_000 });
  }
  function ok(args: readonly string[], env: Record<string, string> = {}): string {
    const r = edc(args, env);
    if (r.status !== 0) throw new Error(`edc ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
    return r.stdout;
  }
  function sh(script: string, cwd: string, ...args: string[]): SpawnSyncReturns<string> {
    return spawnSync('sh', ['-c', script, 'sh', ...args], { cwd, encoding: 'utf8' });
  }

  beforeAll(() => {
    const missing = missingTools();
    if (missing.length > 0) {
      throw new Error(`stock tools missing: ${missing.join(', ')} — install them (apt-get install -y age openssl tar); these interoperability tests are required${process.env.CI ? ' in CI' : ''} and never skipped`);
    }
    if (!existsSync(join(ROOT, 'dist', 'cli', 'index.js'))) throw new Error('edc is not built: run `npm run build:node` first');

    const init = ok(['coordinator', 'init', '--dir', coordinator, '--study-dir', MINI_STUDY_DIR]);
    recipient = /age recipient: (age1[0-9a-z]+)/.exec(init)![1]!;
    const coordinatorFingerprint = /fingerprint[^\n]*:\n\s+([0-9a-f ]{79})/.exec(init)![1]!;
    ok(['coordinator', 'site-kit', '--dir', coordinator, '--site', 'IT01', '--site-name', 'Ospedale di prova', '--out', 'kit.json']);
    mkdirSync(join(tmp.dir, 'site'));
    const site = ok(['site', 'init', '--db', siteDb, '--kit', 'kit.json', '--coordinator-fingerprint', coordinatorFingerprint, '--admin', 'anna']);
    siteFingerprint = /Site signing key fingerprint[^\n]*:\n\s+([0-9a-f ]{79})/.exec(site)![1]!.replace(/ /g, '');
    for (let i = 0; i < 3; i += 1) ok(['subject', 'add', '--db', siteDb, '--user', 'anna', '--identity', `{"sil_surname":"Quaglierini${i}"}`]);
    ok(['form', 'save', '--db', siteDb, '--user', 'anna', '--subject', 'IT01-0001', '--form', 'dm', '--data', '{"sex":"2","birth_year":1960,"height_cm":165,"weight_kg":60,"dx_date":"2019-05","comorb_any":"0"}', '--complete']);
    const exported = ok(['export', '--db', siteDb, '--user', 'anna', '--out', dir('usb')]);
    bundle = /bundle\s+(\S+\.edcbundle)/.exec(exported)![1]!;
    ok(['coordinator', 'export-identity', '--dir', coordinator, '--out', 'identity.txt']);
    ok(['site', 'public-key', '--db', siteDb, '--user', 'anna', '--out', 'site.pub.pem']);
  }, 300_000);
  afterAll(() => tmp.cleanup());

  it('unpacks an exported bundle with `age -d -i identity.txt B | tar -xz`', () => {
    const out = dir('unpacked');
    const r = sh('age -d -i "$1" "$2" | tar -xz', out, join(tmp.dir, 'identity.txt'), bundle);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['audit.ndjson', 'form_instances.ndjson', 'manifest.json', 'manifest.sig', 'subjects.ndjson']);
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as { site: { id: string; keyFingerprint: string }; counts: { subjects: number } };
    expect(manifest.site).toMatchObject({ id: 'IT01', keyFingerprint: siteFingerprint });
    expect(manifest.counts.subjects).toBe(3);
    expect(readFileSync(join(out, 'subjects.ndjson'), 'utf8').trim().split('\n')).toHaveLength(3);
  });

  it('verifies the manifest signature with `openssl pkeyutl -verify -rawin`, and rejects an edited manifest', () => {
    const out = join(tmp.dir, 'unpacked');
    const verify = (manifest: string): SpawnSyncReturns<string> =>
      spawnSync('openssl', ['pkeyutl', '-verify', '-pubin', '-inkey', join(tmp.dir, 'site.pub.pem'), '-rawin', '-in', manifest, '-sigfile', join(out, 'manifest.sig')], { encoding: 'utf8' });
    const good = verify(join(out, 'manifest.json'));
    expect(good.stdout).toMatch(/Signature Verified Successfully/);
    expect(good.status).toBe(0);
    const edited = join(tmp.dir, 'manifest.edited.json');
    writeFileSync(edited, readFileSync(join(out, 'manifest.json'), 'utf8').replace('"sequence": 1', '"sequence": 2'));
    const bad = verify(edited);
    expect(bad.stdout).toMatch(/Signature Verification Failure/);
    expect(bad.status).not.toBe(0);
  });

  it('decrypts with the product what the stock `age -r <coordinator recipient>` encrypted', async () => {
    const plain = Buffer.concat([Buffer.from('interop both ways\n'), Buffer.alloc(150_000, 7)]);
    writeFileSync(join(tmp.dir, 'plain.bin'), plain);
    const r = spawnSync('age', ['-r', recipient, '-o', join(tmp.dir, 'plain.age'), join(tmp.dir, 'plain.bin')], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    const identity = readFileSync(join(tmp.dir, 'identity.txt'), 'utf8').split('\n').find((l) => l.startsWith('AGE-SECRET-KEY-1'))!;
    expect(Buffer.from(await decryptWith([identity], readFileSync(join(tmp.dir, 'plain.age')))).equals(plain)).toBe(true);
  });

  it('merges a bundle re-packed with GNU tar and re-encrypted with stock age (exit 0), then the original as unchanged (exit 0)', () => {
    const stock = join(dir('stock'), 'IT01_repacked.edcbundle');
    const files = ['manifest.json', 'manifest.sig', 'subjects.ndjson', 'form_instances.ndjson', 'audit.ndjson'];
    const r = sh(`tar -cz ${files.join(' ')} | age -r "$1" -o "$2"`, join(tmp.dir, 'unpacked'), recipient, stock);
    expect(r.status).toBe(0);
    const report = join(tmp.dir, 'reports', 'first.json');
    const first = edc(['merge', '--dir', coordinator, '--register-site', `IT01:${siteFingerprint}`, '--report', report, stock]);
    expect(first.stderr).not.toMatch(/error/);
    expect(first.status).toBe(0);
    expect(first.stdout).toMatch(/merged 1, unchanged 0, refused 0/);
    const parsed = MergeReport.parse(JSON.parse(readFileSync(report, 'utf8')));
    expect(parsed.outcomes[0]).toMatchObject({ status: 'merged', siteId: 'IT01', sequence: 1, counts: { subjects: 3, formInstances: 1 } });
    expect(readFileSync(report.replace(/\.json$/, '.txt'), 'utf8')).toMatch(/MERGED\s+IT01 #1: 3 subjects, 1 forms/);
    const receipt = Receipt.parse(JSON.parse(readFileSync(parsed.outcomes[0]!.receiptFile!, 'utf8')));
    expect(receipt.receipt).toMatchObject({ siteId: 'IT01', sequence: 1 });

    const again = edc(['merge', '--dir', coordinator, '--json', bundle]);
    expect(again.status).toBe(0);
    expect(MergeReport.parse(JSON.parse(again.stdout)).outcomes[0]).toMatchObject({ status: 'unchanged', sequence: 1 });
    // The default report location: DIR/reports/merge-<time>.json and its readable summary.
    expect(readdirSync(join(coordinator, 'reports')).filter((f) => /^merge-.*\.(json|txt)$/.test(f)).length).toBeGreaterThanOrEqual(2);

    // The site records what the centre acknowledged.
    const imported = edc(['receipt', 'import', '--db', siteDb, '--user', 'anna', parsed.outcomes[0]!.receiptFile!]);
    expect(imported.status).toBe(0);
    expect(imported.stdout).toMatch(/acknowledged bundle\s+1/);
  });

  it('exits 11 when any bundle of a run is refused, merging the others and reporting each refusal with its code', () => {
    ok(['subject', 'add', '--db', siteDb, '--user', 'anna']);
    const next = /bundle\s+(\S+\.edcbundle)/.exec(ok(['export', '--db', siteDb, '--user', 'anna', '--out', dir('usb2')]))![1]!;
    const folder = dir('mixed');
    const damaged = join(folder, 'a_damaged.edcbundle');
    const bytes = readFileSync(next);
    writeFileSync(damaged, bytes.subarray(0, bytes.length - 10));
    writeFileSync(join(folder, 'b_junk.edcbundle'), 'not a bundle\n');
    copyFileSync(next, join(folder, 'c_good.edcbundle'));
    const report = join(tmp.dir, 'reports', 'mixed.json');
    const r = edc(['merge', '--dir', coordinator, '--report', report, folder]);
    expect(r.status).toBe(11);
    expect(r.stdout).toMatch(/merged 1, unchanged 0, refused 2/);
    expect(r.stdout).toMatch(/REFUSED\s+a_damaged\.edcbundle: \[bundle\.corrupt\]/);
    expect(r.stdout).toMatch(/REFUSED\s+b_junk\.edcbundle: \[bundle\.notABundle\]/);
    const parsed = MergeReport.parse(JSON.parse(readFileSync(report, 'utf8')));
    expect(parsed.outcomes.map((o) => [o.file, o.status, o.error?.code ?? null])).toEqual([
      ['a_damaged.edcbundle', 'refused', 'bundle.corrupt'],
      ['b_junk.edcbundle', 'refused', 'bundle.notABundle'],
      ['c_good.edcbundle', 'merged', null],
    ]);
    expect(parsed.totals).toEqual({ merged: 1, unchanged: 0, refused: 2 });
    expect(readFileSync(report.replace(/\.json$/, '.txt'), 'utf8')).toMatch(/REFUSED/);

    // An older bundle is a refusal too (stale), with the same exit status.
    const stale = edc(['merge', '--dir', coordinator, '--json', bundle]);
    expect(stale.status).toBe(11);
    expect(MergeReport.parse(JSON.parse(stale.stdout)).outcomes[0]?.error?.code).toBe('merge.stale');
  });

  it('keeps the central summary digest stable when nothing changed', () => {
    const a = JSON.parse(ok(['central', 'summary', '--dir', coordinator, '--json'])) as { digest: string; sites: { siteId: string; lastSequence: number }[] };
    const b = JSON.parse(ok(['central', 'summary', '--dir', coordinator, '--json'])) as { digest: string };
    expect(a.digest).toBe(b.digest);
    expect(a.sites).toEqual([expect.objectContaining({ siteId: 'IT01', lastSequence: 2 })]);
  });
});
