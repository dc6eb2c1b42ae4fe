// The coordinator fingerprint typed as it is read out by phone: grouped, with colons, in capitals, it matches the
// kit's; a digit wrong is a mismatch; fewer than 64 digits is not yet an answer.

import { checkTypedFingerprint } from './FingerprintConfirm';

const KIT = '5bf92b6d7a890af6ce36870d0ac1e53ea9a9f47fac6b3abab5ce1ea47225e4b9';

describe('a typed coordinator fingerprint', () => {
  it('matches the kit’s when typed in groups of four, with colons or dashes, in capitals', () => {
    expect(checkTypedFingerprint('5bf9 2b6d 7a89 0af6 ce36 870d 0ac1 e53e a9a9 f47f ac6b 3aba b5ce 1ea4 7225 e4b9', KIT)).toBe('matches');
    expect(checkTypedFingerprint(KIT.toUpperCase().match(/.{2}/g)!.join(':'), KIT)).toBe('matches');
    expect(checkTypedFingerprint(KIT.match(/.{4}/g)!.join('-'), KIT)).toBe('matches');
  });

  it('does not match when one digit differs', () => {
    expect(checkTypedFingerprint(`${KIT.slice(0, 63)}8`, KIT)).toBe('mismatch');
  });

  it('is incomplete with fewer than 64 digits or with letters that are not hexadecimal', () => {
    expect(checkTypedFingerprint(KIT.slice(0, 60), KIT)).toBe('incomplete');
    expect(checkTypedFingerprint(`${KIT.slice(0, 63)}g`, KIT)).toBe('incomplete');
  });
});
