// The frame around every logged-in screen: who is logged in, navigation (site screens, or the coordinator's in
// coordinator mode), language, logout, the backup reminder, and the screen of the current route.

import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useRouter } from '../app/router';
import type { Route } from '../app/routes';
import { useLang } from '../app/use-lang';
import { useWorkspace } from '../app/workspace';
import { Backup } from './Backup';
import { ExchangeReminder } from './exchange/ExchangeReminder';
import { Casebook } from './Casebook';
import { CentralCasebook } from './central/CentralCasebook';
import { CentralSummary } from './central/CentralSummary';
import { MergeScreen } from './central/MergeScreen';
import { ExchangeScreen } from './exchange/ExchangeScreen';
import { ReportScreen } from './report/ReportScreen';
import { ReviewScreen } from './review/ReviewScreen';
import { FormScreen } from './FormScreen';
import { NewSubject } from './NewSubject';
import { Settings } from './Settings';
import { SubjectList } from './SubjectList';
import { Users } from './Users';
import { StatusMatrix } from './status/StatusMatrix';
import { QueriesScreen } from './queries/QueriesScreen';

function Screen({ route }: { route: Route }): ReactNode {
  const { central } = useWorkspace();
  switch (route.name) {
    case 'subjects':
      return <SubjectList />;
    case 'newSubject':
      return <NewSubject />;
    case 'casebook':
      return central ? <CentralCasebook subjectId={route.subjectId} /> : <Casebook subjectId={route.subjectId} />;
    case 'form':
      return <FormScreen subjectId={route.subjectId} formKey={route.form} instanceNo={route.instanceNo} />;
    case 'users':
      return <Users />;
    case 'backup':
      return <Backup />;
    case 'settings':
      return <Settings />;
    case 'review':
      return <ReviewScreen formKey={route.form} />;
    case 'exchange':
      return <ExchangeScreen />;
    case 'summary':
      return <CentralSummary />;
    case 'merge':
      return <MergeScreen />;
    case 'report':
      return <ReportScreen />;
    case 'statusMatrix':
      return <StatusMatrix />;
    case 'queries':
      return <QueriesScreen subjectId={route.subjectId} />;
  }
}

function BackupReminder(): ReactNode {
  const { api, can } = useWorkspace();
  const { t } = useTranslation();
  const router = useRouter();
  const [due, setDue] = useState<number | null | false>(false);
  const isAdmin = can('store.backup');
  useEffect(() => {
    if (!isAdmin) return;
    void api
      .call('backup:status', {})
      .then((s) => setDue(s.reminder ? s.daysSince : false))
      .catch(() => setDue(false));
  }, [api, isAdmin, router.visit]);
  if (!isAdmin || due === false) return null;
  return (
    <div className="banner banner-warning" role="status">
      {due === null ? t('backup.reminderNever') : t('backup.reminderDays', { count: due })}{' '}
      <button type="button" className="link" onClick={() => void router.navigate({ name: 'backup' })}>
        {t('backup.goTo')}
      </button>
    </div>
  );
}

export function Shell(): ReactNode {
  const { session, study, logout, setLang, can, central } = useWorkspace();
  const { t } = useTranslation();
  const lang = useLang();
  const router = useRouter();
  const go = (route: Route) => () => void router.navigate(route);
  const current = router.route.name;
  const nav: { route: Route; label: string; show: boolean }[] = [
    { route: { name: 'summary' }, label: t('nav.summary'), show: central },
    { route: { name: 'merge' }, label: t('nav.merge'), show: can('central.merge') },
    { route: { name: 'subjects' }, label: t('nav.subjects'), show: true },
    { route: { name: 'review' }, label: t('nav.review'), show: can('data.read') },
    { route: { name: 'statusMatrix' }, label: t('nav.statusMatrix'), show: can('data.read') },
    { route: { name: 'queries' }, label: t('nav.queries'), show: can('data.read') },
    { route: { name: 'report' }, label: t('nav.report'), show: central && can('data.export') },
    { route: { name: 'exchange' }, label: t('nav.exchange'), show: !central && can('data.read') },
    { route: { name: 'users' }, label: t('nav.users'), show: can('user.manage') },
    { route: { name: 'backup' }, label: t('nav.backup'), show: can('store.backup') },
    { route: { name: 'settings' }, label: t('nav.settings'), show: true },
  ];

  useEffect(() => {
    document.title = `EDC · ${study.definition.id} · ${session.siteId}`;
  }, [study, session]);

  return (
    <div className="shell">
      <header className="topbar">
        <div className="brand">
          <span className="brand-name">EDC</span>
          <span className="brand-study" title={study.definition.title[lang]}>
            {study.definition.id} {study.definition.version}
          </span>
          <span className="brand-site">
            {session.siteId} · {session.siteName}
          </span>
          {central ? <span className="brand-mode">{t('nav.coordinatorMode')}</span> : null}
        </div>
        <nav aria-label={t('nav.main')}>
          {nav
            .filter((n) => n.show)
            .map((n) => (
              <button key={n.route.name} type="button" className={current === n.route.name ? 'nav-item nav-current' : 'nav-item'} aria-current={current === n.route.name ? 'page' : undefined} onClick={go(n.route)}>
                {n.label}
              </button>
            ))}
        </nav>
        <div className="user-box">
          <span>
            {session.displayName} ({t(`roles.${session.role}`)})
          </span>
          <button type="button" onClick={() => void setLang(lang === 'it' ? 'en' : 'it')} aria-label={t('nav.switchLanguage')} lang={lang === 'it' ? 'en' : 'it'}>
            {t(lang === 'it' ? 'languages.en' : 'languages.it')}
          </button>
          <button
            type="button"
            onClick={() =>
              void (async () => {
                if (await router.confirmLeave()) await logout();
              })()
            }
          >
            {t('nav.logout')}
          </button>
        </div>
      </header>
      <BackupReminder />
      <ExchangeReminder />
      <div className="content">
        <Screen key={router.visit} route={router.route} />
      </div>
    </div>
  );
}
