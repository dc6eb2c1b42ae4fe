// The coordinator fingerprint typed as the coordinating centre reads it out by phone, compared as it is typed
// with the kit's: only a match lets the set-up go on (core checks it again).

import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { LabeledInput } from '../../components/LabeledInput';
import { normalizeFingerprint } from '../central/SiteRegistrations';

export type FingerprintCheck = 'incomplete' | 'matches' | 'mismatch';

/** Whether what was typed (spaces, colons, dashes, any case) is the expected fingerprint. */
export function checkTypedFingerprint(typed: string, expected: string): FingerprintCheck {
  const hex = normalizeFingerprint(typed);
  if (!hex) return 'incomplete';
  return hex === expected ? 'matches' : 'mismatch';
}

export interface FingerprintConfirmProps {
  readonly expected: string;
  readonly value: string;
  readonly onChange: (value: string) => void;
  /** Set once the person tried to go on: an incomplete fingerprint is then an error too. */
  readonly tried: boolean;
}

export function FingerprintConfirm({ expected, value, onChange, tried }: FingerprintConfirmProps): ReactNode {
  const { t } = useTranslation();
  const check = checkTypedFingerprint(value, expected);
  const error = check === 'mismatch' ? t('kit.mismatch') : tried && check === 'incomplete' ? t('kit.incomplete') : undefined;
  return (
    <div className="fingerprint-confirm">
      <p>{t('kit.confirmExplain')}</p>
      <LabeledInput label={t('kit.typedFingerprint')} value={value} onChange={onChange} hint={t('kit.typedHint')} error={error} maxLength={100} autoComplete="off" spellCheck={false} className="wide-input mono" />
      {check === 'matches' ? (
        <p className="alert alert-success" role="status">
          {t('kit.matches')}
        </p>
      ) : null}
    </div>
  );
}
