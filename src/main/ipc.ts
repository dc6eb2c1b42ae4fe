// The only place ipcMain.handle is called: every contract channel behind one guard that checks the
// sender frame is our app page, then hands the raw input to the shared dispatcher (zod, session, core).

import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import type { AppContext } from '../core/api/app-context';
import { dispatch, type Logger } from '../core/api/dispatch';
import { CHANNEL_NAMES } from '../shared/contract/channels';
import type { ApiResult } from '../shared/contract/contract';
import { AppError, toErrorPayload } from '../shared/errors/app-error';
import { isAppUrl } from './harden';

export function trustedSender(event: Pick<IpcMainInvokeEvent, 'senderFrame'>): boolean {
  const frame = event.senderFrame;
  // Only the top frame of our own page may call; subframes and foreign pages never.
  return frame !== null && frame !== undefined && frame.parent === null && isAppUrl(frame.url);
}

export async function guard(ctx: AppContext, event: Pick<IpcMainInvokeEvent, 'senderFrame'>, channel: string, raw: unknown, log: Logger): Promise<ApiResult<unknown>> {
  if (!trustedSender(event)) {
    log(`refused ${channel} from an untrusted frame`);
    return { ok: false, error: { ...toErrorPayload(new AppError('auth.notLoggedIn')), details: {} } };
  }
  return dispatch(ctx, channel, raw, log);
}

export function registerIpc(ipcMain: Pick<IpcMain, 'handle'>, ctx: AppContext, log: Logger): void {
  for (const channel of CHANNEL_NAMES) {
    ipcMain.handle(channel, (event, raw: unknown) => guard(ctx, event, channel, raw, log));
  }
}
