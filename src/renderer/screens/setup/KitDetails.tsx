// What a verified site kit says: the site and study it sets up, when it was issued, and the coordinating
// centre's key fingerprint grouped in fours as the CLI prints it, to be read back by phone.

import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { KitSummary } from '../../../shared/contract/site-kit';
import { formatTimestampLocal } from '../../../shared/format';
import { useLang } from '../../app/use-lang';
import { Fingerprint } from '../exchange/Fingerprint';

export function KitDetails({ kit }: { kit: KitSummary }): ReactNode {
  const { t } = useTranslation();
  const lang = useLang();
  return (
    <dl className="facts" aria-label={t('kit.title')}>
      <dt>{t('kit.site')}</dt>
      <dd>
        <span className="mono">{kit.siteId}</span> {kit.siteName}
      </dd>
      <dt>{t('kit.study')}</dt>
      <dd>
        {kit.study.title[lang]} <span className="mono">({kit.study.id} {kit.study.version})</span>
      </dd>
      <dt>{t('kit.issuedAt')}</dt>
      <dd>{formatTimestampLocal(kit.issuedAt, lang)}</dd>
      <dt>{t('kit.coordinatorFingerprint')}</dt>
      <dd data-testid="kit-fingerprint">
        <Fingerprint value={kit.coordinatorFingerprint} />
      </dd>
    </dl>
  );
}
