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
  /** A folder, or a file; in the desktop shell both are picked with the native dialog. */
  readonly kind?: 'folder' | 'file';
  /** For a file: the extensions the native dialog offers first (e.g. ["json"]). */
  readonly extensions?: readonly string[];
  readonly onError?: (error: unknown) => void;
}

export function FolderField({ api, label, value, onChange, hint, kind = 'folder', extensions = [], onError }: FolderFieldProps): ReactNode {
  const { t } = useTranslation();
  const choose = async (): Promise<void> => {
    try {
      const picked = await (kind === 'folder' ? api.chooseFolder() : api.chooseFile(extensions));
      if (picked) onChange(picked);
    } catch (error) {
      onError?.(error);
    }
  };
  return (
    <div className="folder-field">
      <LabeledInput label={label} value={value} onChange={onChange} hint={hint ?? (kind === 'folder' ? t('backup.folderHint') : t('files.fileHint'))} spellCheck={false} autoComplete="off" />
      {api.desktop ? (
        <button type="button" onClick={() => void choose()}>
          {kind === 'folder' ? t('backup.choose') : t('files.choose')}
        </button>
      ) : null}
    </div>
  );
}
