// The desktop shell's native folder and file pickers, behind the same sender check as the contract's channels.
// The page gets a path (or null when the dialog is cancelled); the file is read by core, never by the page.

import type { BrowserWindow, Dialog, IpcMain, IpcMainInvokeEvent, OpenDialogOptions } from 'electron';
import type { ApiResult } from '../shared/contract/contract';
import { ChooseFileInput } from '../shared/contract/shell';
import { AppError, toErrorPayload } from '../shared/errors/app-error';
import { zodIssues } from '../shared/errors/zod-issues';
import { trustedSender } from './ipc';

function refused(error: AppError): ApiResult<never> {
  return { ok: false, error: { ...toErrorPayload(error), details: { ...error.details } } };
}

async function pick(dialog: Pick<Dialog, 'showOpenDialog'>, window: BrowserWindow, options: OpenDialogOptions): Promise<ApiResult<string | null>> {
  const result = await dialog.showOpenDialog(window, options);
  return { ok: true, value: result.canceled ? null : (result.filePaths[0] ?? null) };
}

/** The dialog options for a file of one of `extensions` (all files when none is given). */
export function fileDialogOptions(extensions: readonly string[]): OpenDialogOptions {
  const filters = extensions.length > 0 ? [{ name: extensions.map((e) => `*.${e}`).join(', '), extensions: [...extensions] }, { name: '*', extensions: ['*'] }] : [];
  return { properties: ['openFile'], filters };
}

export function registerDialogs(ipcMain: Pick<IpcMain, 'handle'>, dialog: Pick<Dialog, 'showOpenDialog'>, window: () => BrowserWindow | null): void {
  const guarded = (work: (win: BrowserWindow, raw: unknown) => Promise<ApiResult<unknown>>) => async (event: IpcMainInvokeEvent, raw: unknown) => {
    const win = window();
    if (!trustedSender(event) || !win) return refused(new AppError('auth.notLoggedIn'));
    return work(win, raw);
  };
  ipcMain.handle(
    'shell:chooseFolder',
    guarded((win) => pick(dialog, win, { properties: ['openDirectory', 'createDirectory'] })),
  );
  ipcMain.handle(
    'shell:chooseFile',
    guarded((win, raw) => {
      const parsed = ChooseFileInput.safeParse(raw ?? {});
      if (!parsed.success) return Promise.resolve(refused(new AppError('input.invalid', { issues: zodIssues(ChooseFileInput, raw ?? {}, parsed.error) })));
      return pick(dialog, win, fileDialogOptions(parsed.data.extensions));
    }),
  );
}
