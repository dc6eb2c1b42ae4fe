// The CLI speaks the user's language: its summaries, headings and error lines come from the catalogue in
// Italian or English (EDC_LANG, else LANG), one language at a time.

import { edc } from '../helpers/cli';

describe('edc in the user’s language', () => {
  it('prints a summary in Italian with EDC_LANG=it and in English with EDC_LANG=en', async () => {
    const it = await edc(['study', 'validate'], { EDC_LANG: 'it' });
    const en = await edc(['study', 'validate'], { EDC_LANG: 'en' });
    expect(it.code).toBe(0);
    expect(it.out).toMatch(/^esito\s+valida$/m);
    expect(it.out).not.toMatch(/result/);
    expect(en.out).toMatch(/^result\s+valid$/m);
    expect(en.out).not.toMatch(/esito|valida/);
  });

  it('takes the language from LANG when EDC_LANG is not set', async () => {
    const r = await edc(['study', 'validate'], { EDC_LANG: '', LANG: 'it_IT.UTF-8' });
    expect(r.out).toMatch(/^controlli\s+\d+ \(\d+ bloccanti, \d+ avvisi\)$/m);
  });

  it('writes the error line in the user’s language, the code unchanged', async () => {
    const r = await edc(['subject', 'list', '--db', 'none.db', '--user', 'anna'], { EDC_LANG: 'it' });
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^errore \[input\.passwordMissing\]: /);
  });
});
