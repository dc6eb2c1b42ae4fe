// The desktop shell's native pickers, with electron's dialog faked (the binary cannot run here): what the
// page gets back, the kit filter offered first, and refusals that never open a dialog.

import type { BrowserWindow, Dialog, IpcMainInvokeEvent, OpenDialogOptions } from 'electron';
import { registerDialogs } from '../../src/main/dialogs';

type Handler = (event: IpcMainInvokeEvent, raw: unknown) => Promise<unknown>;

const trusted = { senderFrame: { url: 'app://edc/index.html', parent: null } } as unknown as IpcMainInvokeEvent;
const foreign = { senderFrame: { url: 'https://example.org/', parent: null } } as unknown as IpcMainInvokeEvent;

function shell(answer: { canceled: boolean; filePaths: string[] }): { handlers: Map<string, Handler>; opened: OpenDialogOptions[] } {
  const handlers = new Map<string, Handler>();
  const opened: OpenDialogOptions[] = [];
  const dialog = {
    showOpenDialog: (_window: BrowserWindow, options: OpenDialogOptions) => {
      opened.push(options);
      return Promise.resolve(answer);
    },
  } as Pick<Dialog, 'showOpenDialog'>;
  registerDialogs({ handle: (channel: string, fn: Handler) => handlers.set(channel, fn) } as never, dialog, () => ({}) as BrowserWindow);
  return { handlers, opened };
}

describe('native pickers of the desktop shell', () => {
  it('offers .json files first for a kit and returns the chosen path', async () => {
    const { handlers, opened } = shell({ canceled: false, filePaths: ['/media/usb/IT01.kit.json'] });
    expect(await handlers.get('shell:chooseFile')!(trusted, { extensions: ['json'] })).toEqual({ ok: true, value: '/media/usb/IT01.kit.json' });
    expect(opened).toEqual([{ properties: ['openFile'], filters: [{ name: '*.json', extensions: ['json'] }, { name: '*', extensions: ['*'] }] }]);
  });

  it('returns null when the person cancels the dialog', async () => {
    const { handlers } = shell({ canceled: true, filePaths: [] });
    expect(await handlers.get('shell:chooseFile')!(trusted, {})).toEqual({ ok: true, value: null });
    expect(await handlers.get('shell:chooseFolder')!(trusted, {})).toEqual({ ok: true, value: null });
  });

  it('refuses a frame that is not the app page without opening a dialog', async () => {
    const { handlers, opened } = shell({ canceled: false, filePaths: ['/etc/passwd'] });
    expect(await handlers.get('shell:chooseFile')!(foreign, {})).toMatchObject({ ok: false, error: { code: 'auth.notLoggedIn' } });
    expect(await handlers.get('shell:chooseFolder')!(foreign, {})).toMatchObject({ ok: false, error: { code: 'auth.notLoggedIn' } });
    expect(opened).toEqual([]);
  });

  it('refuses extensions that are not plain names with input.invalid without opening a dialog', async () => {
    const { handlers, opened } = shell({ canceled: false, filePaths: ['/x'] });
    expect(await handlers.get('shell:chooseFile')!(trusted, { extensions: ['../*'] })).toMatchObject({ ok: false, error: { code: 'input.invalid' } });
    expect(opened).toEqual([]);
  });
});
