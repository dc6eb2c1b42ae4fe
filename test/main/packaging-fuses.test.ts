// The packaged app's Electron fuses, read from electron-builder.yml by electron-builder's own config loader
// and checked against its own schema: a fuse missing, misspelt or flipped the wrong way fails here.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Configuration, FuseOptionsV1 } from 'app-builder-lib';
// The loader and validator `electron-builder --config electron-builder.yml` itself runs (no public export).
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config';

const root = join(__dirname, '..', '..');

/** What the shell relies on (see the comment in electron-builder.yml); the type holds the names to electron-builder's. */
const REQUIRED_FUSES: Required<Pick<FuseOptionsV1, 'runAsNode' | 'enableNodeOptionsEnvironmentVariable' | 'enableNodeCliInspectArguments' | 'enableEmbeddedAsarIntegrityValidation' | 'onlyLoadAppFromAsar' | 'enableCookieEncryption'>> = {
  runAsNode: false,
  enableNodeOptionsEnvironmentVariable: false,
  enableNodeCliInspectArguments: false,
  enableEmbeddedAsarIntegrityValidation: true,
  onlyLoadAppFromAsar: true,
  enableCookieEncryption: true,
};

interface Schema {
  readonly definitions: Readonly<Record<string, { readonly properties?: Readonly<Record<string, { readonly type?: string }>> }>>;
}

describe('packaging: Electron fuses', () => {
  let config: Configuration;

  beforeAll(async () => {
    config = await getConfig(root, join(root, 'electron-builder.yml'), null);
  });

  it('the packaging config is valid for electron-builder, fuses included', async () => {
    await expect(validateConfiguration(config, { isEnabled: false, add: () => undefined } as unknown as Parameters<typeof validateConfiguration>[1])).resolves.toBeUndefined();
  });

  it.each(Object.entries(REQUIRED_FUSES))('sets the fuse %s to %s', (fuse, wanted) => {
    expect(config.electronFuses).toBeTruthy();
    expect((config.electronFuses as Record<string, unknown>)[fuse]).toBe(wanted);
  });

  it('names each fuse as electron-builder\'s schema does (a boolean option of FuseOptionsV1)', () => {
    const schema = JSON.parse(readFileSync(require.resolve('app-builder-lib/scheme.json'), 'utf8')) as Schema;
    const known = schema.definitions['FuseOptionsV1']?.properties ?? {};
    for (const fuse of Object.keys(config.electronFuses ?? {})) expect({ fuse, type: known[fuse]?.type }).toEqual({ fuse, type: 'boolean' });
    for (const fuse of Object.keys(REQUIRED_FUSES)) expect(Object.keys(known)).toContain(fuse);
  });
});
