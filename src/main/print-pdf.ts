// The desktop shell's "save as PDF" of a print document: the HTML comes from core (the page only names what to
// print), is laid out in a hidden window with scripts off and every request refused, printed with
// webContents.printToPDF and written where the person chooses in the save dialog.

import type { BrowserWindow, BrowserWindowConstructorOptions, Dialog, IpcMain, IpcMainInvokeEvent, Session } from 'electron';
import type { AppContext } from '../core/api/app-context';
import { dispatch } from '../core/api/dispatch';
import { writeFileAtomic } from '../core/files/write-file-atomic';
import type { ApiResult } from '../shared/contract/contract';
import { PrintInput, PrintOut } from '../shared/contract/print';
import { AppError, toErrorPayload } from '../shared/errors/app-error';
import { zodIssues } from '../shared/errors/zod-issues';
import { trustedSender } from './ipc';

/** What the shell needs of electron, so tests can run without the binary. */
export interface PdfShell {
  readonly dialog: Pick<Dialog, 'showSaveDialog'>;
  /** A hidden window for laying out the document. */
  createWindow(options: BrowserWindowConstructorOptions): BrowserWindow;
  /** The print window's own session: no request leaves it but the document itself. */
  printSession(): Session;
}

export const PRINT_PARTITION = 'edc-print';

export function printWindowOptions(session: Session): BrowserWindowConstructorOptions {
  return { show: false, webPreferences: { session, javascript: false, sandbox: true, contextIsolation: true, nodeIntegration: false, webSecurity: true } };
}

function refused(error: AppError): ApiResult<never> {
  return { ok: false, error: { ...toErrorPayload(error), details: { ...error.details } } };
}

/** Lays out the HTML in a hidden window and returns the PDF bytes (A4, backgrounds printed). */
export async function htmlToPdf(shell: PdfShell, html: string): Promise<Buffer> {
  const session = shell.printSession();
  // Only the data: URL of the document loads; the layout is self-contained (inline CSS, no images).
  session.webRequest.onBeforeRequest((details, callback) => callback({ cancel: !details.url.startsWith('data:text/html') }));
  const win = shell.createWindow(printWindowOptions(session));
  try {
    await win.loadURL(`data:text/html;charset=utf-8;base64,${Buffer.from(html, 'utf8').toString('base64')}`);
    return await win.webContents.printToPDF({ pageSize: 'A4', printBackground: true, preferCSSPageSize: true });
  } finally {
    win.destroy();
  }
}

export function registerPrintPdf(ipcMain: Pick<IpcMain, 'handle'>, ctx: AppContext, shell: PdfShell, window: () => BrowserWindow | null): void {
  ipcMain.handle('shell:savePdf', async (event: IpcMainInvokeEvent, raw: unknown): Promise<ApiResult<string | null>> => {
    const win = window();
    if (!trustedSender(event) || !win) return refused(new AppError('auth.notLoggedIn'));
    const parsed = PrintInput.safeParse(raw ?? {});
    if (!parsed.success) return refused(new AppError('input.invalid', { issues: zodIssues(PrintInput, raw ?? {}, parsed.error) }));
    // The same handler as the page's own 'print:document': session and role checked there.
    const result = await dispatch(ctx, 'print:document', parsed.data);
    if (!result.ok) return result;
    const doc = PrintOut.parse(result.value);
    const choice = await shell.dialog.showSaveDialog(win, { defaultPath: doc.fileName, filters: [{ name: 'PDF', extensions: ['pdf'] }] });
    if (choice.canceled || !choice.filePath) return { ok: true, value: null };
    writeFileAtomic(choice.filePath, await htmlToPdf(shell, doc.html));
    return { ok: true, value: choice.filePath };
  });
}
