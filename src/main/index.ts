// Electron main process: single instance, the app:// protocol, a hardened session and window, IPC → core.

import { join } from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, session } from 'electron';
import { AppContext } from '../core/api/app-context';
import { studyModules } from '../studies';
import { rendererRoot } from '../server/static-files';
import { handleAppProtocol, registerAppScheme } from './app-protocol';
import { hardenContents, hardenSession, START_URL } from './harden';
import { registerDialogs } from './dialogs';
import { registerIpc } from './ipc';
import { PRINT_PARTITION, registerPrintPdf } from './print-pdf';
import { windowOptions } from './window-options';

const log = (line: string): void => {
  process.stderr.write(`${line}\n`);
};

function start(): void {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  registerAppScheme();
  let mainWindow: BrowserWindow | null = null;
  const ctx = new AppContext({ dataDir: process.env.EDC_DATA_DIR ?? join(app.getPath('userData'), 'data'), modules: studyModules });

  app.on('second-instance', () => {
    if (mainWindow) {
      if (mainWindow.isMinimized()) mainWindow.restore();
      mainWindow.focus();
    }
  });
  app.on('web-contents-created', (_event, contents) => hardenContents(contents));
  app.on('window-all-closed', () => {
    void ctx.dispose().then(() => app.quit());
  });

  void app.whenReady().then(() => {
    hardenSession(session.defaultSession);
    handleAppProtocol(rendererRoot(__dirname));
    registerIpc(ipcMain, ctx, log);
    registerDialogs(ipcMain, dialog, () => mainWindow);
    registerPrintPdf(ipcMain, ctx, { dialog, createWindow: (options) => new BrowserWindow(options), printSession: () => session.fromPartition(PRINT_PARTITION) }, () => mainWindow);
    mainWindow = new BrowserWindow(windowOptions(join(__dirname, '..', 'preload', 'index.js')));
    mainWindow.once('ready-to-show', () => mainWindow?.show());
    void mainWindow.loadURL(START_URL);
  });
}

start();
