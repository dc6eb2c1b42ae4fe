// `edc coordinator amend` on a real coordinator directory: the changes printed and the amendment queued (and
// audited) for a newer version with a migration that loses nothing; refused with its own code and nothing
// queued for an older version, another study, or a change that would lose data.

import { cpSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { amendmentsDir } from '../../src/core/central/amend-study';
import { auditPage } from '../../src/db/repositories/audit.repository';
import { edc } from '../helpers/cli';
import { createNetwork, PASSPHRASE, type TestNetwork } from '../helpers/network';
import { MINI_STUDY_DIR } from '../helpers/site';
import { tempDir } from '../helpers/temp';

type Json = Record<string, unknown> & { fields?: Record<string, unknown>[] };

function studyVersion(root: string, name: string, edit: (files: { study: Json; dm: Json; ae: Json }) => void): string {
  const dir = join(root, name);
  cpSync(MINI_STUDY_DIR, dir, { recursive: true });
  const read = (f: string): Json => JSON.parse(readFileSync(join(dir, f), 'utf8')) as Json;
  const files = { study: read('study.json'), dm: read('forms/dm.json'), ae: read('forms/ae.json') };
  // The copy keeps pointing at the repository's CTCAE list.
  (files.study.references as { ctcae: { file: string } }).ctcae.file = resolve(MINI_STUDY_DIR, '../../../resources/reference/ctcae-v5.0.json');
  edit(files);
  writeFileSync(join(dir, 'study.json'), JSON.stringify(files.study));
  writeFileSync(join(dir, 'forms/dm.json'), JSON.stringify(files.dm));
  writeFileSync(join(dir, 'forms/ae.json'), JSON.stringify(files.ae));
  return dir;
}

describe('edc coordinator amend', () => {
  const tmp = tempDir();
  const env = { EDC_PASSPHRASE: PASSPHRASE };
  let net: TestNetwork;
  let v020 = '';
  let migrationFile = '';

  beforeAll(async () => {
    net = await createNetwork(join(tmp.dir, 'net'));
    v020 = studyVersion(tmp.dir, 'v020', ({ study, dm }) => {
      study.version = '0.2.0';
      dm.fields!.push({ name: 'ecog', type: 'integer', label: { it: 'ECOG', en: 'ECOG' }, min: 0, max: 4 });
      const dx = dm.fields!.find((f) => f.name === 'sdv_done')!;
      dx.name = 'source_verified';
    });
    migrationFile = join(tmp.dir, 'migration.json');
    writeFileSync(migrationFile, JSON.stringify({ renames: [{ form: 'dm', from: 'sdv_done', to: 'source_verified' }] }));
  }, 60_000);
  afterAll(() => tmp.cleanup());

  const queued = (): string[] => (existsSync(amendmentsDir(net.coordinatorDir)) ? readdirSync(amendmentsDir(net.coordinatorDir)) : []);

  it('refuses an amendment that would lose the renamed field\'s values when no migration says where they go', async () => {
    const result = await edc(['coordinator', 'amend', '--dir', net.coordinatorDir, '--study-dir', v020], env);
    expect(result.code).toBe(7);
    expect(result.err).toContain('dm.sdv_done');
    expect(queued()).toEqual([]);
  });

  it('prints the changes and queues the amendment with its migration, audited at the centre', async () => {
    const result = await edc(['coordinator', 'amend', '--dir', net.coordinatorDir, '--study-dir', v020, '--migration', migrationFile], env);
    expect(result.err).toBe('');
    expect(result).toMatchObject({ code: 0 });
    expect(result.out).toContain('Amendment 0.1.0 → 0.2.0');
    expect(result.out).toContain('dm: field ecog added');
    expect(result.out).toContain('dm: field sdv_done removed');
    expect(queued()).toEqual(['mini_0.2.0.amendment.json']);
    const amendment = JSON.parse(readFileSync(join(amendmentsDir(net.coordinatorDir), 'mini_0.2.0.amendment.json'), 'utf8')) as Record<string, unknown>;
    expect(amendment).toMatchObject({ format: 'edc-amendment/1', study: 'mini', baseVersion: '0.1.0', version: '0.2.0', migration: { renames: [{ from: 'sdv_done', to: 'source_verified' }] } });
    const central = await net.central();
    try {
      expect((await auditPage(central.store.db, 0, 10_000)).filter((e) => e.action === 'study.amendmentQueued')).toEqual([expect.objectContaining({ old_value: '0.1.0', new_value: '0.2.0' })]);
    } finally {
      await central.close();
    }
  });

  it.each([
    ['a version that is not newer', 'same', (f: { study: Json }) => void (f.study.version = '0.1.0'), 'not newer'],
    ['another study', 'other', (f: { study: Json }) => void Object.assign(f.study, { id: 'other-study', version: '0.3.0' }), 'other-study'],
  ])('refuses %s with its own message and queues nothing', async (_what, name, edit, text) => {
    const dir = studyVersion(tmp.dir, name, edit);
    const before = queued();
    const result = await edc(['coordinator', 'amend', '--dir', net.coordinatorDir, '--study-dir', dir], env);
    expect(result.code).toBe(7);
    expect(result.err).toContain(text);
    expect(queued()).toEqual(before);
  });
});
