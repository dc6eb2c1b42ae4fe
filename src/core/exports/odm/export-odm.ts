// ODM export for an open session: role check, a second read connection for the audit, file, audit-trail entry.

import { basename } from 'node:path';
import { inReadSnapshot, inWriteTransaction } from '../../../db/transaction';
import { appendAudit } from '../../store/audit-chain';
import { requireRole } from '../../store/permissions';
import { APP_VERSION } from '../../bundles/export-bundle';
import { isoNow } from '../../clock';
import type { Session } from '../../store/session';
import { writeOdm, type OdmResult } from './write-odm';

export interface OdmExportOptions {
  /** Central store only: export one site. */
  readonly siteId?: string;
}

export async function exportOdm(session: Session, outFile: string, options: OdmExportOptions = {}): Promise<OdmResult & { file: string }> {
  requireRole(session.user.role, 'data.export');
  const [name = 'edc-offline', version = ''] = APP_VERSION.split('/');
  // The audit trail streams from a second connection beside the dataset (see OdmOptions.auditDb).
  const result: OdmResult = await inReadSnapshot(session.store.db, (auditDb) =>
    writeOdm(session.store.db, session.study, {
      out: outFile,
      scope: session.info.kind,
      ...(options.siteId !== undefined && session.info.kind === 'central' ? { siteId: options.siteId } : {}),
      now: session.clock(),
      sourceSystem: { name, version },
      auditDb,
    }),
  );
  await inWriteTransaction(session.store.db, (tx) =>
    appendAudit(tx, isoNow(session.clock), session.user.username, [
      {
        action: 'export.odm',
        details: { scope: session.info.kind, site: options.siteId ?? null, file: basename(outFile), sha256: result.sha256, bytes: result.bytes, subjects: result.subjects },
      },
    ]),
  );
  return { ...result, file: outFile };
}
