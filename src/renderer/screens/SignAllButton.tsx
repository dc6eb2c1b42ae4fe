// "Sign all completed forms" in a casebook (investigators): one password entry for every completed, unsigned
// form instance, with the meaning of the signature and the list of what is signed shown first.

import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { InstanceOverview } from '../../shared/contract/subjects';
import { asApiError } from '../api/api-error';
import { useLang } from '../app/use-lang';
import { useWorkspace } from '../app/workspace';
import { SignDialog } from '../form/SignDialog';

export interface SignAllButtonProps {
  readonly subjectId: string;
  readonly instances: readonly InstanceOverview[];
  readonly onSigned: (count: number) => void;
}

export function SignAllButton({ subjectId, instances, onSigned }: SignAllButtonProps): ReactNode {
  const { api, study } = useWorkspace();
  const { t } = useTranslation();
  const lang = useLang();
  const [open, setOpen] = useState(false);
  const completed = instances.filter((i) => i.status === 'complete');
  if (completed.length === 0) return null;
  const name = (i: InstanceOverview): string => {
    const form = study.form(i.form);
    return `${form?.specId ?? ''} ${form?.title[lang] ?? i.form}${form?.repeating ? ` #${i.instanceNo}` : ''}`;
  };

  const sign = async (password: string) => {
    try {
      const { signed } = await api.call('forms:signMany', { subjectId, instances: completed.map((i) => ({ form: i.form, instanceNo: i.instanceNo })), password });
      setOpen(false);
      onSigned(signed);
      return null;
    } catch (e) {
      return asApiError(e);
    }
  };

  return (
    <>
      <button type="button" onClick={() => setOpen(true)}>
        {t('signAll.button', { count: completed.length })}
      </button>
      {open ? (
        <SignDialog formTitle={t('signAll.what', { count: completed.length, subject: subjectId })} onSign={sign} onCancel={() => setOpen(false)}>
          <ul className="sign-list" aria-label={t('signAll.list')}>
            {completed.map((i) => (
              <li key={`${i.form}#${i.instanceNo}`}>{name(i)}</li>
            ))}
          </ul>
        </SignDialog>
      ) : null}
    </>
  );
}
