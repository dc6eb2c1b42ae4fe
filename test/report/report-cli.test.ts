// `edc report`: central (--dir) and site (--db/--user) reports written with exit 0; bad options refused with coded errors.

import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { edc } from '../helpers/cli';
import { PASSPHRASE } from '../helpers/network';
import { PASSWORDS, USERS } from '../helpers/site';
import { tempDir } from '../helpers/temp';
import { createReportNetwork, type ReportNetwork } from './report-network';

describe('edc report', () => {
  const tmp = tempDir();
  let network: ReportNetwork;
  const env = { EDC_PASSPHRASE: PASSPHRASE };

  beforeAll(async () => {
    network = await createReportNetwork(tmp.dir);
  }, 120_000);
  afterAll(() => tmp.cleanup());

  it('writes the central report and its JSON, and says where they are', async () => {
    const out = join(tmp.dir, 'central', 'report.html');
    const r = await edc(['report', '--dir', network.net.coordinatorDir, '--out', out, '--lang', 'it', '--data-cutoff', '2026-10-31'], env);
    expect(r.err).not.toContain('error');
    expect(r.code).toBe(0);
    expect(existsSync(out)).toBe(true);
    const json = join(tmp.dir, 'central', 'report.json');
    expect(r.out).toContain(out);
    expect(r.out).toContain(json);
    const data = JSON.parse(readFileSync(json, 'utf8')) as { lang: string; header: { data_cutoff: string; subjects: number } };
    expect(data).toMatchObject({ lang: 'it', header: { data_cutoff: '2026-10-31', subjects: 8 } });
    expect(readFileSync(out, 'utf8')).toContain('<h2>Sopravvivenza globale e libera da eventi</h2>');
  });

  it('writes a site’s own report with --db and --user, in the language of EDC_LANG', async () => {
    const out = join(tmp.dir, 'site', 'it01.html');
    const r = await edc(['report', '--db', network.siteDb, '--user', USERS.investigator, '--out', out], { EDC_PASSWORD: PASSWORDS.investigator, EDC_LANG: 'en' });
    expect(r.code).toBe(0);
    const data = JSON.parse(readFileSync(join(tmp.dir, 'site', 'it01.json'), 'utf8')) as { lang: string; header: { scope: string; subjects: number } };
    expect(data).toMatchObject({ lang: 'en', header: { scope: 'site', subjects: 4 } });
  });

  it.each([
    [['--lang', 'fr'], '--lang'],
    [['--data-cutoff', '31/10/2026'], '--data-cutoff'],
    [['--out', join('x', 'report.pdf')], '--out'],
  ])('refuses %j with input.invalid', async (extra, word) => {
    const r = await edc(['report', '--dir', network.net.coordinatorDir, '--out', join(tmp.dir, 'bad', 'report.html'), ...extra], env);
    expect(r.code).toBe(2);
    expect(r.err).toContain('[input.invalid]');
    expect(r.err).toContain(word);
    expect(existsSync(join(tmp.dir, 'bad'))).toBe(false);
  });

  it('needs a store and an output file', async () => {
    const none = await edc(['report', '--out', join(tmp.dir, 'bad', 'report.html')], env);
    expect([none.code, none.err]).toEqual([2, expect.stringContaining('[input.invalid]')]);
    const both = await edc(['report', '--dir', network.net.coordinatorDir, '--db', network.siteDb, '--user', USERS.admin, '--out', join(tmp.dir, 'bad', 'r.html')], env);
    expect([both.code, both.err]).toEqual([2, expect.stringContaining('[input.invalid]')]);
    const noOut = await edc(['report', '--dir', network.net.coordinatorDir], env);
    expect(noOut.code).toBe(2);
    expect(noOut.err).toContain('--out');
  });

  it('refuses a wrong passphrase with an auth error', async () => {
    const r = await edc(['report', '--dir', network.net.coordinatorDir, '--out', join(tmp.dir, 'bad', 'report.html')], { EDC_PASSPHRASE: 'not the passphrase' });
    expect(r.code).toBe(3);
    expect(r.err).toMatch(/\[auth\./);
  });
});
