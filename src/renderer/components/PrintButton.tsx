// Print a document in the one print layout core makes: in the desktop shell saved as PDF (printToPDF in main),
// in the browser printed from a hidden frame with the browser's own print dialog (which also saves PDF).

import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { PrintInput } from '../../shared/contract/print';
import { asApiError, type ApiError } from '../api/api-error';
import { bridgeOf, unwrapEnvelope } from '../api/client';
import { useWorkspace } from '../app/workspace';
import { ErrorAlert } from './ErrorAlert';

function printInFrame(html: string): void {
  const frame = document.createElement('iframe');
  frame.setAttribute('aria-hidden', 'true');
  frame.style.cssText = 'position:fixed;width:0;height:0;border:0;right:0;bottom:0';
  frame.srcdoc = html;
  frame.onload = () => {
    frame.contentWindow?.focus();
    frame.contentWindow?.print();
    window.setTimeout(() => frame.remove(), 60_000);
  };
  document.body.append(frame);
}

export function PrintButton({ request, label }: { request: PrintInput; label: string }): ReactNode {
  const { api } = useWorkspace();
  const { t } = useTranslation();
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState<string | null>(null);
  const run = async (): Promise<void> => {
    setError(null);
    setSaved(null);
    setBusy(true);
    try {
      const savePdf = bridgeOf(window)?.['shell:savePdf'];
      if (savePdf) setSaved(unwrapEnvelope<string | null>(await savePdf(request)));
      else printInFrame((await api.call('print:document', request)).html);
    } catch (e: unknown) {
      setError(asApiError(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <span className="print-action">
      <button type="button" onClick={() => void run()} disabled={busy}>
        {label}
      </button>
      {saved ? <span role="status">{t('print.saved', { path: saved })}</span> : null}
      <ErrorAlert error={error} />
    </span>
  );
}
