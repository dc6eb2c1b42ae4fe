// The first administrator of a new site, whichever way it is set up: user name, full name, password twice,
// checked with the contract's schema before anything is sent.

import type { TFunction } from 'i18next';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { SiteAdmin } from '../../../shared/contract/app';
import { LabeledInput } from '../../components/LabeledInput';

export type AdminField = 'username' | 'displayName' | 'password' | 'confirm';
export type AdminValues = Readonly<Record<AdminField, string>>;
export type AdminErrors = Partial<Record<AdminField, string>>;

export const NO_ADMIN: AdminValues = { username: '', displayName: '', password: '', confirm: '' };

/** What is sent: the user name trimmed, the password as typed. */
export function adminInput(values: AdminValues): SiteAdmin {
  return { username: values.username.trim(), displayName: values.displayName, password: values.password };
}

/** One message per field that the contract would refuse, and the repeated password when it differs. */
export function adminErrors(values: AdminValues, t: TFunction): AdminErrors {
  const found: AdminErrors = {};
  const parsed = SiteAdmin.safeParse(adminInput(values));
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const key = issue.path[0];
      if (key === 'username' || key === 'displayName' || key === 'password') found[key] ??= t(`firstRun.invalid.${key}`);
    }
  }
  if (values.password !== values.confirm) found.confirm = t('firstRun.invalid.confirm');
  return found;
}

export interface AdminFieldsProps {
  readonly values: AdminValues;
  readonly errors: AdminErrors;
  readonly onChange: (values: AdminValues) => void;
}

export function AdminFields({ values, errors, onChange }: AdminFieldsProps): ReactNode {
  const { t } = useTranslation();
  const set = (name: AdminField) => (value: string) => onChange({ ...values, [name]: value });
  return (
    <fieldset>
      <legend>{t('firstRun.admin')}</legend>
      <LabeledInput label={t('firstRun.username')} value={values.username} onChange={set('username')} error={errors.username} autoComplete="off" />
      <LabeledInput label={t('firstRun.displayName')} value={values.displayName} onChange={set('displayName')} error={errors.displayName} />
      <LabeledInput label={t('firstRun.password')} value={values.password} onChange={set('password')} type="password" autoComplete="new-password" hint={t('firstRun.passwordHint')} error={errors.password} />
      <LabeledInput label={t('firstRun.confirm')} value={values.confirm} onChange={set('confirm')} type="password" autoComplete="new-password" error={errors.confirm} />
    </fieldset>
  );
}
