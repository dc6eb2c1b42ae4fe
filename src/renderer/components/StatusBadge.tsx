// The status of a form instance as a coloured, labelled badge (colour is never the only cue).

import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

export type BadgeStatus = 'draft' | 'complete' | 'signed' | 'locked' | 'empty';

export function StatusBadge({ status }: { status: BadgeStatus }): ReactNode {
  const { t } = useTranslation();
  return <span className={`badge badge-${status}`}>{t(`status.${status}`)}</span>;
}
