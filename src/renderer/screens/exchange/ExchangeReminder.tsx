// The banner after login and on every screen of a site: the export interval has passed, or bundles wait to
// be uploaded; with the changes not yet exported and a link to the Exchange screen.

import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ExchangeStatus } from '../../../shared/contract/bundles';
import { formatTimestampLocal } from '../../../shared/format';
import { useLang } from '../../app/use-lang';
import { useRouter } from '../../app/router';
import { useWorkspace } from '../../app/workspace';

export function ExchangeReminder(): ReactNode {
  const { api, can, central } = useWorkspace();
  const { t } = useTranslation();
  const lang = useLang();
  const router = useRouter();
  const [status, setStatus] = useState<ExchangeStatus | null>(null);
  const shown = !central && can('data.read');
  // Not refreshed on opening a form: its subject-wide count would reach the server before the form's own call
  // and delay the fields; the next casebook or list visit refreshes it.
  const entering = router.route.name === 'form';
  useEffect(() => {
    if (!shown || entering) return;
    void api
      .call('exchange:status', {})
      .then(setStatus)
      .catch(() => setStatus(null));
  }, [api, shown, entering, router.visit]);
  if (!shown || status === null || (!status.overdue && status.queue.pending === 0)) return null;
  return (
    <div className="banner banner-warning" role="status" data-testid="exchange-reminder">
      {status.overdue ? t('periodic.overdue', { due: status.dueAt ? formatTimestampLocal(status.dueAt, lang) : '', subjects: status.changes.subjects }) : null}{' '}
      {status.queue.pending > 0 ? t('periodic.waiting', { count: status.queue.pending }) : null}{' '}
      <button type="button" className="link" onClick={() => void router.navigate({ name: 'exchange' })}>
        {t('periodic.goTo')}
      </button>
    </div>
  );
}
