// "(EN)" before a text shown in English on a form in another language (CTCAE definitions and grade texts).

import type { ReactNode } from 'react';
import { useT } from '../../i18n/lang-context';

export function UntranslatedMark({ title }: { title: string }): ReactNode {
  const { t } = useT();
  return (
    <>
      <span className="reference-untranslated" title={title}>
        {t('reference.untranslated')}
      </span>{' '}
    </>
  );
}
