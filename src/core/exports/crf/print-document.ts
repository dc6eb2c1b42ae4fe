// The print documents the app, the desktop shell and the CLI ask for: one function so they share the layout.

import type { PrintInput, PrintOut } from '../../../shared/contract/print';
import { requireRole } from '../../store/permissions';
import type { Session } from '../../store/session';
import { blankCrfHtml } from './blank-crf';
import { casebookHtml } from './casebook-print';

export async function printDocument(session: Session, input: PrintInput): Promise<PrintOut> {
  requireRole(session.user.role, 'data.read');
  if (input.kind === 'blankCrf') {
    const def = session.study.definition;
    return { html: blankCrfHtml(session.study, input.lang), fileName: `${def.id}_${def.version}_crf_${input.lang}.pdf` };
  }
  return { html: await casebookHtml(session, input.subjectId, input.lang), fileName: `casebook_${input.subjectId}_${input.lang}.pdf` };
}
