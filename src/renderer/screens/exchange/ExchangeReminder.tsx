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
  // Its subject-wide count must not reach the server before the screen's own calls: not refreshed on opening a
  // form (the next casebook or list visit does), and elsewhere asked once the screen has sent its calls.
  const entering = router.route.name === 'form';
  useEffect(() => {
    if (!shown || entering) return;
    let cancelled = false;
    const refresh = (): void =>
      void api
        .call('exchange:status', {})
        .then((s) => !cancelled && setStatus(s))
        .catch(() => !cancelled && setStatus(null));
    const idle = typeof window.requestIdleCallback === 'function' ? window.requestIdleCallback(refresh, { timeout: 2000 }) : null;
    const timer = idle === null ? window.setTimeout(refresh, 0) : null;
    return () => {
      cancelled = true;
      if (idle !== null) window.cancelIdleCallback(idle);
      if (timer !== null) window.clearTimeout(timer);
    };
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
