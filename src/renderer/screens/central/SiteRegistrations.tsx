// Sites to register on this merge: the site code and the fingerprint of its key, read out of band (by phone,
// on paper). A bundle from an unknown site is refused unless its key matches the fingerprint given here.

import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { LabeledInput } from '../../components/LabeledInput';
import { groupFingerprint } from '../exchange/Fingerprint';

export interface Registration {
  readonly siteId: string;
  readonly fingerprint: string;
}

const SITE = /^[A-Z0-9]{2,6}$/;

/** The fingerprint as typed (spaces, colons, dashes allowed) → 64 lower-case hex digits, or null. */
export function normalizeFingerprint(text: string): string | null {
  const hex = text.replace(/[\s:-]/g, '').toLowerCase();
  return /^[0-9a-f]{64}$/.test(hex) ? hex : null;
}

export interface SiteRegistrationsProps {
  readonly value: readonly Registration[];
  readonly onChange: (value: Registration[]) => void;
}

export function SiteRegistrations({ value, onChange }: SiteRegistrationsProps): ReactNode {
  const { t } = useTranslation();
  const [siteId, setSiteId] = useState('');
  const [fingerprint, setFingerprint] = useState('');
  const [tried, setTried] = useState(false);
  const site = siteId.trim().toUpperCase();
  const hex = normalizeFingerprint(fingerprint);
  const siteError = tried && !SITE.test(site) ? t('merge.invalidSite') : undefined;
  const fpError = tried && !hex ? t('merge.invalidFingerprint') : undefined;

  const add = (event: FormEvent): void => {
    event.preventDefault();
    setTried(true);
    if (!SITE.test(site) || !hex) return;
    onChange([...value.filter((r) => r.siteId !== site), { siteId: site, fingerprint: hex }]);
    setSiteId('');
    setFingerprint('');
    setTried(false);
  };

  return (
    <section className="card" aria-labelledby="register-title">
      <h2 id="register-title">{t('merge.registerTitle')}</h2>
      <p className="hint">{t('merge.registerExplain')}</p>
      {value.length > 0 ? (
        <ul className="plain-list" aria-label={t('merge.registered')}>
          {value.map((r) => (
            <li key={r.siteId}>
              <span className="mono">{r.siteId}</span> <code className="fingerprint small">{groupFingerprint(r.fingerprint)}</code>{' '}
              <button type="button" className="danger" onClick={() => onChange(value.filter((x) => x.siteId !== r.siteId))} aria-label={t('merge.unregister', { site: r.siteId })}>
                {t('merge.remove')}
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      <form className="row-controls" onSubmit={add} noValidate>
        <LabeledInput label={t('merge.siteId')} value={siteId} onChange={setSiteId} error={siteError} maxLength={6} autoComplete="off" spellCheck={false} />
        <LabeledInput label={t('merge.fingerprint')} value={fingerprint} onChange={setFingerprint} error={fpError} maxLength={100} autoComplete="off" spellCheck={false} className="wide-input" />
        <button type="submit">{t('merge.addSite')}</button>
      </form>
    </section>
  );
}
