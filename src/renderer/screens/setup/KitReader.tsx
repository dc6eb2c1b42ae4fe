// The site kit file: chosen with the desktop shell's file dialog or typed (browser transport), then read and
// verified by core (`kit:inspect`), which answers with what the kit says or why it cannot be used.

import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { KitSummary } from '../../../shared/contract/site-kit';
import { asApiError, type ApiError } from '../../api/api-error';
import type { ApiClient } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FolderField } from '../../components/FolderField';

export interface KitReaderProps {
  readonly api: ApiClient;
  readonly file: string;
  readonly onFileChange: (file: string) => void;
  /** The kit as core read it, or null while there is none (or it was refused). */
  readonly onRead: (kit: KitSummary | null) => void;
  /** Also check that the logged-in site could join with it (Settings). */
  readonly forJoin?: boolean;
  readonly error?: string | undefined;
}

export function KitReader({ api, file, onFileChange, onRead, forJoin = false, error }: KitReaderProps): ReactNode {
  const { t } = useTranslation();
  const [refused, setRefused] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);

  const change = (next: string): void => {
    onFileChange(next);
    onRead(null);
    setRefused(null);
  };

  const read = async (): Promise<void> => {
    setBusy(true);
    setRefused(null);
    try {
      onRead(await api.call('kit:inspect', { file: file.trim(), forJoin }));
    } catch (caught) {
      onRead(null);
      setRefused(asApiError(caught));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="kit-reader">
      <FolderField api={api} kind="file" extensions={['json']} label={t('kit.file')} value={file} onChange={change} onError={(e) => setRefused(asApiError(e))} />
      {error ? <div className="field-error">{error}</div> : null}
      <button type="button" onClick={() => void read()} disabled={busy || file.trim() === ''}>
        {t('kit.read')}
      </button>
      <ErrorAlert error={refused} />
    </div>
  );
}
