// The site-only identification log's fields (name, tax code, record numbers, birth date …), as the study
// defines them; values as typed, converted and checked by identityInput.

import { useId, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { IdentityInput } from '../../shared/contract/subjects';
import type { IdentificationField } from '../../shared/study/definition.schema';
import { isValidCodiceFiscale } from '../../shared/study/codice-fiscale';
import type { Lang } from '../../shared/study/localized';
import { useLang } from '../app/use-lang';
import { formatDate, parseDateText } from '../../shared/format';

/** The field the app fills with the pseudonym (core links the log to the subject by it). */
export const LINK_FIELD = 'sil_subject_id';

export type IdentityTexts = Record<string, string>;

export function identityTexts(fields: readonly IdentificationField[], stored: IdentityInput, lang: Lang): IdentityTexts {
  const out: IdentityTexts = {};
  for (const f of fields) {
    const value = stored[f.name];
    if (value === undefined || value === null) out[f.name] = '';
    else if (Array.isArray(value)) out[f.name] = value.join('\n');
    else out[f.name] = f.type === 'date' && value !== '' ? formatDate(value, lang) : value;
  }
  return out;
}

/** Typed texts → the contract's identity input, or the per-field problems (translation keys). */
export function identityInput(fields: readonly IdentificationField[], texts: IdentityTexts): { input: IdentityInput; errors: Record<string, string> } {
  const input: IdentityInput = {};
  const errors: Record<string, string> = {};
  for (const f of fields) {
    if (f.name === LINK_FIELD) continue;
    const text = (texts[f.name] ?? '').trim();
    if (f.type === 'textList') {
      input[f.name] = text === '' ? null : text.split(/\n|;/).map((s) => s.trim()).filter(Boolean);
      continue;
    }
    if (text === '') {
      input[f.name] = null;
      continue;
    }
    if (f.type === 'date') {
      const iso = parseDateText(text);
      if (!iso || iso.length !== 10) errors[f.name] = 'identity.invalidDate';
      else input[f.name] = iso;
      continue;
    }
    if (f.maxLength !== undefined && text.length > f.maxLength) errors[f.name] = 'identity.tooLong';
    else if (f.format === 'codice_fiscale' && !isValidCodiceFiscale(text)) errors[f.name] = 'identity.codiceFiscale';
    else input[f.name] = f.format === 'codice_fiscale' ? text.toUpperCase() : text;
  }
  return { input, errors };
}

export interface IdentityFieldsProps {
  readonly fields: readonly IdentificationField[];
  readonly texts: IdentityTexts;
  readonly errors: Record<string, string>;
  readonly onChange: (name: string, text: string) => void;
  readonly readOnly?: boolean;
}

function IdentityControl({ field, text, error, onChange, readOnly }: { field: IdentificationField; text: string; error?: string | undefined; onChange: (text: string) => void; readOnly: boolean }): ReactNode {
  const { t } = useTranslation();
  const lang = useLang();
  const id = useId();
  const common = {
    id,
    value: text,
    readOnly,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': error ? `${id}-e` : undefined,
    'aria-required': field.required ? true : undefined,
  } as const;
  return (
    <div className="control">
      <label htmlFor={id}>
        {field.label[lang]}
        {field.required ? <span aria-hidden="true"> *</span> : null}
      </label>
      {field.type === 'textList' ? (
        <textarea {...common} rows={2} onChange={(e) => onChange(e.target.value)} />
      ) : (
        <input
          {...common}
          onChange={(e) => onChange(e.target.value)}
          maxLength={field.type === 'date' ? 10 : field.maxLength}
          placeholder={field.type === 'date' ? t('date.placeholder.day') : undefined}
          autoComplete="off"
          spellCheck={false}
        />
      )}
      {field.type === 'textList' ? <div className="hint">{t('identity.onePerLine')}</div> : null}
      {error ? (
        <div id={`${id}-e`} className="field-error">
          {t(error)}
        </div>
      ) : null}
    </div>
  );
}

export function IdentityFields({ fields, texts, errors, onChange, readOnly = false }: IdentityFieldsProps): ReactNode {
  return (
    <div className="identity-fields">
      {fields
        .filter((f) => f.name !== LINK_FIELD)
        .map((f) => (
          <IdentityControl key={f.name} field={f} text={texts[f.name] ?? ''} error={errors[f.name]} onChange={(v) => onChange(f.name, v)} readOnly={readOnly} />
        ))}
    </div>
  );
}
