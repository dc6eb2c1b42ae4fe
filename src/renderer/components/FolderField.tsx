// A folder (or file) path: the desktop shell's native picker when there is one, a typed path otherwise
// (browser transport), e.g. a USB stick's mount point.

import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiClient } from '../api/client';
import { LabeledInput } from './LabeledInput';

export interface FolderFieldProps {
  readonly api: ApiClient;
  readonly label: string;
  readonly value: string;
  readonly onChange: (value: string) => void;
  readonly hint?: string;
  /** Picks folders with the native dialog; a file path is typed. */
  readonly kind?: 'folder' | 'file';
  readonly onError?: (error: unknown) => void;
}

export function FolderField({ api, label, value, onChange, hint, kind = 'folder', onError }: FolderFieldProps): ReactNode {
  const { t } = useTranslation();
  const choose = async (): Promise<void> => {
    try {
      const picked = await api.chooseFolder();
      if (picked) onChange(picked);
    } catch (error) {
      onError?.(error);
    }
  };
  return (
    <div className="folder-field">
      <LabeledInput label={label} value={value} onChange={onChange} hint={hint ?? (kind === 'folder' ? t('backup.folderHint') : t('files.fileHint'))} spellCheck={false} autoComplete="off" />
      {api.desktop && kind === 'folder' ? (
        <button type="button" onClick={() => void choose()}>
          {t('backup.choose')}
        </button>
      ) : null}
    </div>
  );
}
