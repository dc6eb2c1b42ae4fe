// `edc return import` of a bundle carrying an amendment: the diff and the migration are printed before the
// import's result, in the user's language; a user who is no admin sees them too and is refused the import.

import { getMeta } from '../../src/db/repositories/meta.repository';
import { edc } from '../helpers/cli';
import { PASSWORDS, USERS } from '../helpers/site';
import { tempDir } from '../helpers/temp';
import { amendedNetwork, type AmendedNetwork } from './amendment-fixture';

describe('edc return import of an amendment', () => {
  const tmp = tempDir();
  let amended: AmendedNetwork;

  beforeAll(async () => {
    amended = await amendedNetwork(tmp.dir, 3);
  }, 180_000);
  afterAll(() => tmp.cleanup());

  const siteVersion = async (): Promise<string | undefined> => {
    const site = await amended.login();
    try {
      return await getMeta(site.store.db, 'def_version');
    } finally {
      await site.close();
    }
  };

  it('refuses a data-entry user after showing the diff, and leaves the site on its version', async () => {
    const result = await edc(['return', 'import', '--db', amended.dbFile, '--user', USERS.data_entry, amended.returnFile], { EDC_PASSWORD: PASSWORDS.data_entry });
    expect(result.code).not.toBe(0);
    expect(result.out).toContain('This return bundle carries amendment 0.1.0 → 1.1.0');
    expect(result.err).toContain('apply protocol amendments');
    expect(await siteVersion()).toBe('0.1.0');
  });

  it('prints the changes and the migration first, then what the admin\'s import applied', async () => {
    const result = await edc(['return', 'import', '--db', amended.dbFile, '--user', USERS.admin, amended.returnFile], { EDC_PASSWORD: PASSWORDS.admin, EDC_LANG: 'it' });
    expect(result).toMatchObject({ code: 0, err: '' });
    const lines = result.out.split('\n');
    const at = (text: string): number => lines.findIndex((l) => l.includes(text));
    const order = [
      at('Questo pacchetto di ritorno porta l’emendamento 0.1.0 → 1.1.0'),
      at('dm: campo ecog aggiunto'),
      at('controllo EC06 aggiunto'),
      at('Migrazione dei dati esistenti'),
      at('dm: campo dx_date rinominato in diagnosis_date'),
      at('dm: codici di sex ricodificati (1 → M, 2 → F)'),
      at('Emendamento 0.1.0 → 1.1.0 applicato'),
    ];
    expect(order.every((i) => i >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(await siteVersion()).toBe('1.1.0');
  });
});
