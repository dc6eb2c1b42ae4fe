// A key fingerprint (SHA-256 hex) grouped in fours, so two people can read it to each other.

import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

export function groupFingerprint(hex: string): string {
  return (hex.match(/.{1,4}/g) ?? []).join(' ');
}

export function Fingerprint({ value }: { value: string | null }): ReactNode {
  const { t } = useTranslation();
  if (!value) return <span className="hint">{t('exchange.noFingerprint')}</span>;
  return (
    <code className="fingerprint" data-fingerprint={value}>
      {groupFingerprint(value)}
    </code>
  );
}
