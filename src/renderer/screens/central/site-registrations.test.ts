// Fingerprints as read out by phone (grouped, colons, upper case) become the hex the merge expects; upload
// addresses must be https.

import { isHttpsUrl } from '../exchange/UploadUrlSetting';
import { groupFingerprint } from '../exchange/Fingerprint';
import { normalizeFingerprint } from './SiteRegistrations';

const HEX = 'a47f3785a4f40e638e9a1f3c11dba60cea5a9843c08d7a1823b057b18452cdc0';

describe('site registration and upload address', () => {
  it('accepts a fingerprint grouped, with colons or dashes, in any case', () => {
    expect(normalizeFingerprint(groupFingerprint(HEX).toUpperCase())).toBe(HEX);
    expect(normalizeFingerprint(HEX.match(/../g)!.join(':'))).toBe(HEX);
    expect(normalizeFingerprint(`${HEX.slice(0, 32)}-${HEX.slice(32)}`)).toBe(HEX);
    expect(normalizeFingerprint(HEX.slice(1))).toBeNull();
    expect(normalizeFingerprint(`${HEX.slice(1)}g`)).toBeNull();
  });

  it('takes only https addresses for uploads', () => {
    expect(isHttpsUrl('https://centro.example.org:8443/edc')).toBe(true);
    expect(isHttpsUrl('http://centro.example.org')).toBe(false);
    expect(isHttpsUrl('centro.example.org')).toBe(false);
  });
});
