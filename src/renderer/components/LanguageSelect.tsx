// The choice between Italian and English, with its visible label: for the app's language and a report's.

import { useId, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Lang } from '../../shared/study/localized';

export interface LanguageSelectProps {
  readonly label: string;
  readonly value: Lang;
  readonly onChange: (lang: Lang) => void;
}

export function LanguageSelect({ label, value, onChange }: LanguageSelectProps): ReactNode {
  const id = useId();
  const { t } = useTranslation();
  return (
    <div className="control">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value === 'en' ? 'en' : 'it')}>
        {/* Each language named in itself, so a user who cannot read the current one still finds theirs. */}
        <option value="it" lang="it">
          {t('languages.it')}
        </option>
        <option value="en" lang="en">
          {t('languages.en')}
        </option>
      </select>
    </div>
  );
}
