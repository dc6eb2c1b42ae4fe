// The desktop shell's "save as PDF", with electron faked (the binary cannot run here): the document comes from
// core through the contract's handler, is laid out in a hidden script-less window that loads nothing but itself,
// printed with printToPDF and written where the save dialog says; refusals open no dialog.

import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserWindow, BrowserWindowConstructorOptions, IpcMainInvokeEvent, SaveDialogOptions, Session } from 'electron';
import { AppContext } from '../../src/core/api/app-context';
import { dispatch } from '../../src/core/api/dispatch';
import { registerPrintPdf, type PdfShell } from '../../src/main/print-pdf';
import { studyModules } from '../../src/studies';
import { createTestSite, PASSWORDS, USERS } from '../helpers/site';

type Handler = (event: IpcMainInvokeEvent, raw: unknown) => Promise<unknown>;
const trusted = { senderFrame: { url: 'app://edc/index.html', parent: null } } as unknown as IpcMainInvokeEvent;
const foreign = { senderFrame: { url: 'https://example.org/', parent: null } } as unknown as IpcMainInvokeEvent;

describe('saving a print document as PDF in the desktop shell', () => {
  let dir: string;
  let ctx: AppContext;
  const loaded: string[] = [];
  const windows: BrowserWindowConstructorOptions[] = [];
  const dialogs: SaveDialogOptions[] = [];
  let filter: ((details: { url: string }, callback: (r: { cancel: boolean }) => void) => void) | undefined;
  let answer: { canceled: boolean; filePath: string } = { canceled: false, filePath: '' };
  let handler: Handler;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'edc-print-pdf-'));
    await createTestSite(dir);
    ctx = new AppContext({ dataDir: dir, modules: studyModules });
    const printSession = { webRequest: { onBeforeRequest: (fn: typeof filter) => (filter = fn) } } as unknown as Session;
    const shell: PdfShell = {
      dialog: {
        showSaveDialog: ((_w: BrowserWindow, options: SaveDialogOptions) => {
          dialogs.push(options);
          return Promise.resolve(answer);
        }) as never,
      },
      createWindow: (options) => {
        windows.push(options);
        return {
          loadURL: (url: string) => {
            loaded.push(url);
            return Promise.resolve();
          },
          webContents: { printToPDF: () => Promise.resolve(Buffer.from('%PDF-1.7 fake')) },
          destroy: () => undefined,
        } as unknown as BrowserWindow;
      },
      printSession: () => printSession,
    };
    const handlers = new Map<string, Handler>();
    registerPrintPdf({ handle: (channel: string, fn: Handler) => handlers.set(channel, fn) } as never, ctx, shell, () => ({}) as BrowserWindow);
    handler = handlers.get('shell:savePdf')!;
  });
  afterAll(async () => {
    await ctx.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it('refuses a frame that is not the app page and a request before login, without a dialog', async () => {
    expect(await handler(foreign, { kind: 'blankCrf', lang: 'it' })).toMatchObject({ ok: false, error: { code: 'auth.notLoggedIn' } });
    expect(await handler(trusted, { kind: 'blankCrf', lang: 'it' })).toMatchObject({ ok: false, error: { code: 'auth.notLoggedIn' } });
    expect(await handler(trusted, { kind: 'poster', lang: 'it' })).toMatchObject({ ok: false, error: { code: 'input.invalid' } });
    expect(dialogs).toEqual([]);
  });

  it('writes the blank CRF as PDF where the save dialog says, from a hidden window without scripts', async () => {
    const login = await dispatch(ctx, 'auth:login', { username: USERS.data_entry, password: PASSWORDS.data_entry });
    expect(login.ok).toBe(true);
    const target = join(dir, 'crf.pdf');
    answer = { canceled: false, filePath: target };
    expect(await handler(trusted, { kind: 'blankCrf', lang: 'en' })).toEqual({ ok: true, value: target });
    expect(readFileSync(target, 'utf8')).toBe('%PDF-1.7 fake');
    expect(dialogs.at(-1)).toMatchObject({ defaultPath: expect.stringMatching(/_crf_en\.pdf$/), filters: [{ name: 'PDF', extensions: ['pdf'] }] });
    expect(windows.at(-1)).toMatchObject({ show: false, webPreferences: { javascript: false, sandbox: true, nodeIntegration: false } });
    const html = Buffer.from(loaded.at(-1)!.replace(/^data:text\/html;charset=utf-8;base64,/, ''), 'base64').toString('utf8');
    expect(html).toContain('Blank case report form');
    const verdict = (url: string): boolean => {
      let cancel = false;
      filter!({ url }, (r) => (cancel = r.cancel));
      return cancel;
    };
    expect(verdict('https://example.org/x.png')).toBe(true);
    expect(verdict('file:///etc/passwd')).toBe(true);
    expect(verdict(loaded.at(-1)!)).toBe(false);
  });

  it('writes nothing when the person cancels the dialog', async () => {
    answer = { canceled: true, filePath: '' };
    const before = loaded.length;
    expect(await handler(trusted, { kind: 'blankCrf', lang: 'it' })).toEqual({ ok: true, value: null });
    expect(loaded.length).toBe(before);
  });
});
