// Settings → join a coordinating centre (what `edc site join` does): for an administrator of a stand-alone
// site that has never exported. The kit for this site code is read and checked against the store, its
// coordinator fingerprint confirmed by phone, then the site's exchange keys are made.

import { useEffect, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { KitSummary } from '../../../shared/contract/site-kit';
import { asApiError, type ApiError } from '../../api/api-error';
import { useWorkspace } from '../../app/workspace';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Fingerprint } from '../exchange/Fingerprint';
import { checkTypedFingerprint, FingerprintConfirm } from './FingerprintConfirm';
import { KitDetails } from './KitDetails';
import { KitReader } from './KitReader';

export function JoinCentre(): ReactNode {
  const { api, session } = useWorkspace();
  const { t } = useTranslation();
  const [standAlone, setStandAlone] = useState(false);
  const [file, setFile] = useState('');
  const [kit, setKit] = useState<KitSummary | null>(null);
  const [fingerprint, setFingerprint] = useState('');
  const [tried, setTried] = useState(false);
  const [joined, setJoined] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    api
      .call('export:status', {})
      .then((status) => setStandAlone(!status.canExport))
      .catch((e: unknown) => setError(asApiError(e)));
  }, [api]);

  const read = (next: KitSummary | null): void => {
    setKit(next);
    setFingerprint('');
    setTried(false);
  };

  const join = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    setTried(true);
    if (!kit || checkTypedFingerprint(fingerprint, kit.coordinatorFingerprint) !== 'matches') return;
    setBusy(true);
    setError(null);
    try {
      setJoined((await api.call('site:joinCentre', { file: file.trim(), coordinatorFingerprint: fingerprint })).siteFingerprint);
    } catch (caught) {
      setError(asApiError(caught));
    } finally {
      setBusy(false);
    }
  };

  if (!standAlone && !joined) return error ? <ErrorAlert error={error} /> : null;
  return (
    <section className="card" aria-labelledby="join-title">
      <h2 id="join-title">{t('settings.joinTitle')}</h2>
      {joined ? (
        <div className="alert alert-success" role="status">
          <p>{t('settings.joined', { site: session.siteId })}</p>
          <Fingerprint value={joined} />
        </div>
      ) : (
        <form onSubmit={(e) => void join(e)} noValidate>
          <p className="hint">{t('settings.joinExplain', { site: session.siteId })}</p>
          <KitReader api={api} file={file} onFileChange={setFile} onRead={read} forJoin />
          {kit ? (
            <>
              <KitDetails kit={kit} />
              <FingerprintConfirm expected={kit.coordinatorFingerprint} value={fingerprint} onChange={setFingerprint} tried={tried} />
              <button type="submit" className="primary" disabled={busy}>
                {t('settings.join')}
              </button>
            </>
          ) : null}
          <ErrorAlert error={error} />
        </form>
      )}
    </section>
  );
}
