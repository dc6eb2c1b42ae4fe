// First run from the coordinating centre's site kit (what `edc site init --kit` does): the kit file read and
// verified, its coordinator fingerprint confirmed by phone, the administrator, then the site created with its
// exchange keys so that it can export at once.

import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { SessionInfo } from '../../../shared/contract/auth';
import type { KitSummary } from '../../../shared/contract/site-kit';
import { asApiError, type ApiError } from '../../api/api-error';
import type { ApiClient } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { AdminFields, adminErrors, adminInput, NO_ADMIN, type AdminErrors, type AdminValues } from './AdminFields';
import { checkTypedFingerprint, FingerprintConfirm } from './FingerprintConfirm';
import { KitDetails } from './KitDetails';
import { KitReader } from './KitReader';

export interface KitSetupProps {
  readonly api: ApiClient;
  readonly onCreated: (recoveryCode: string, session: SessionInfo) => void;
}

export function KitSetup({ api, onCreated }: KitSetupProps): ReactNode {
  const { t } = useTranslation();
  const [file, setFile] = useState('');
  const [kit, setKit] = useState<KitSummary | null>(null);
  const [fingerprint, setFingerprint] = useState('');
  const [admin, setAdmin] = useState<AdminValues>(NO_ADMIN);
  const [errors, setErrors] = useState<AdminErrors>({});
  const [tried, setTried] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);

  const read = (next: KitSummary | null): void => {
    setKit(next);
    setFingerprint('');
    setTried(false);
  };

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    setTried(true);
    const found = adminErrors(admin, t);
    setErrors(found);
    if (!kit || checkTypedFingerprint(fingerprint, kit.coordinatorFingerprint) !== 'matches' || Object.keys(found).length > 0) return;
    setBusy(true);
    setError(null);
    try {
      const result = await api.call('site:initFromKit', { file: file.trim(), coordinatorFingerprint: fingerprint, admin: adminInput(admin) });
      onCreated(result.recoveryCode, result.session);
    } catch (caught) {
      setError(asApiError(caught));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={(e) => void submit(e)} noValidate>
      <fieldset>
        <legend>{t('kit.title')}</legend>
        <KitReader api={api} file={file} onFileChange={setFile} onRead={read} error={tried && !kit ? t('kit.needKit') : undefined} />
        {kit ? (
          <>
            <KitDetails kit={kit} />
            <FingerprintConfirm expected={kit.coordinatorFingerprint} value={fingerprint} onChange={setFingerprint} tried={tried} />
          </>
        ) : null}
      </fieldset>
      <AdminFields values={admin} errors={errors} onChange={setAdmin} />
      <ErrorAlert error={error} />
      <button type="submit" className="primary" disabled={busy}>
        {t('firstRun.createFromKit')}
      </button>
    </form>
  );
}
