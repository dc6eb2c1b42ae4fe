// Which of a site's subjects the centre's locks freeze: a study or site lock all of them, a subject lock
// that subject. Their central data is kept at merge; what the site changed in them goes to quarantine.

import type { FrozenSubjects } from '../../db/bulk/site-snapshot.writer';
import { listCentralLocks } from '../../db/repositories/return-exchange.repository';
import type { Tx } from '../../db/transaction';
import { lockConcernsSite, type CentralLock } from '../../shared/contract/return-bundles';

export function frozenSubjectsOf(locks: readonly CentralLock[], siteId: string): FrozenSubjects {
  const concerning = locks.filter((l) => lockConcernsSite(l, siteId));
  return {
    all: concerning.some((l) => l.scope !== 'subject'),
    subjects: new Set(concerning.flatMap((l) => (l.scope === 'subject' && l.target ? [l.target] : []))),
  };
}

export async function frozenSubjectsOfSite(tx: Tx, siteId: string): Promise<FrozenSubjects> {
  return frozenSubjectsOf(await listCentralLocks(tx), siteId);
}

/** Why a frozen subject's record was not merged (kept with the record in quarantine). */
export function frozenReason(frozen: FrozenSubjects, subjectId: string, siteId: string, change: 'added' | 'changed' | 'removed'): string {
  const what = frozen.all ? `site ${siteId} is locked at the centre` : `subject ${subjectId} is locked at the centre`;
  return `${what}: the record was ${change} at the site after the lock; the central data is kept`;
}
