// The app:// protocol: serves the built renderer from its folder only (path containment), with the CSP.

import { protocol } from 'electron';
import { readStatic } from '../server/static-files';
import { SECURITY_HEADERS } from '../shared/security/csp';
import { APP_SCHEME } from './app-origin';


/** Must run before the app is ready. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
}

export function appResponse(rendererDir: string, requestUrl: string): Response {
  const url = new URL(requestUrl);
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== 'edc') return new Response('Not found', { status: 404 });
  const file = readStatic(rendererDir, url.pathname);
  if (!file) return new Response('Not found', { status: 404, headers: SECURITY_HEADERS });
  return new Response(new Uint8Array(file.body), { status: 200, headers: { ...SECURITY_HEADERS, 'Content-Type': file.type } });
}

export function handleAppProtocol(rendererDir: string): void {
  protocol.handle(APP_SCHEME, (request) => appResponse(rendererDir, request.url));
}
