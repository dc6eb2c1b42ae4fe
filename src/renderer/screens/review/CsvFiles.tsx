// The files a CSV export wrote: name, rows and SHA-256 (the same hashes the audit trail records).

import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type { CsvExportResult } from './CsvExportPanel';

export function CsvFiles({ result }: { result: z.infer<typeof CsvExportResult> }): ReactNode {
  const { t } = useTranslation();
  return (
    <div className="alert alert-success" role="status">
      <p>{t('csv.done', { count: result.files.length, subjects: result.subjects, dir: result.dir })}</p>
      <div className="table-scroll">
        <table className="table" aria-label={t('csv.files')}>
          <thead>
            <tr>
              <th scope="col">{t('csv.file')}</th>
              <th scope="col" className="num">{t('csv.rows')}</th>
              <th scope="col">SHA-256</th>
            </tr>
          </thead>
          <tbody>
            {result.files.map((f) => (
              <tr key={f.name}>
                <td className={f.name.includes('IDENTIFIED') ? 'mono warn-text' : 'mono'}>{f.name}</td>
                <td className="num">{f.rows}</td>
                <td className="mono small">{f.sha256}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
