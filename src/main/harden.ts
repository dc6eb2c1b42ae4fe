// Runtime rules of DESIGN.md for the desktop shell: only app:// may load; navigation, redirects, new
// windows, webviews and permission requests are denied; every other request is cancelled.

import type { Session, WebContents } from 'electron';
import { APP_ORIGIN } from './app-origin';

export function isAppUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'app:' && parsed.host === 'edc';
  } catch {
    return false;
  }
}

/** Requests allowed to leave the page: app:// itself and the devtools' own. Everything else is cancelled. */
export function allowRequest(url: string): boolean {
  return isAppUrl(url) || url.startsWith('devtools://');
}

export function hardenSession(session: Session): void {
  session.webRequest.onBeforeRequest((details, callback) => callback({ cancel: !allowRequest(details.url) }));
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
  session.on('will-download', (event) => event.preventDefault());
}

export function hardenContents(contents: WebContents): void {
  contents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}

export const START_URL = `${APP_ORIGIN}/index.html`;
