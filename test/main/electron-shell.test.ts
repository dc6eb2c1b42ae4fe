// The desktop shell's security baseline, with electron mocked (the binary cannot run here): window
// preferences, CSP on app:// responses, denied navigation, windows, permissions and foreign requests.

import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '../helpers/temp';

jest.mock('electron', () => ({ protocol: { registerSchemesAsPrivileged: jest.fn(), handle: jest.fn() } }), { virtual: false });

import { appResponse } from '../../src/main/app-protocol';
import { allowRequest, hardenContents, hardenSession, isAppUrl } from '../../src/main/harden';
import { trustedSender } from '../../src/main/ipc';
import { windowOptions } from '../../src/main/window-options';
import { CONTENT_SECURITY_POLICY } from '../../src/shared/security/csp';

type Listener = (...args: unknown[]) => void;

function fakeEmitter(): { on: jest.Mock; listeners: Map<string, Listener> } {
  const listeners = new Map<string, Listener>();
  return { listeners, on: jest.fn((event: string, fn: Listener) => listeners.set(event, fn)) };
}

describe('main window', () => {
  it('isolates the page: context isolation, sandbox, no Node, web security on', () => {
    const prefs = windowOptions('/app/preload.js').webPreferences!;
    expect(prefs).toMatchObject({
      preload: '/app/preload.js',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
  });
});

describe('app:// protocol', () => {
  const tmp = tempDir();
  beforeAll(() => {
    mkdirSync(join(tmp.dir, 'renderer', 'assets'), { recursive: true });
    writeFileSync(join(tmp.dir, 'renderer', 'index.html'), '<!doctype html><title>EDC</title>');
    writeFileSync(join(tmp.dir, 'renderer', 'assets', 'app.js'), 'console.log(1)');
    writeFileSync(join(tmp.dir, 'secret.txt'), 'outside');
  });
  afterAll(() => tmp.cleanup());

  it('serves the renderer with the CSP default-src self', async () => {
    const res = appResponse(join(tmp.dir, 'renderer'), 'app://edc/index.html');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(CONTENT_SECURITY_POLICY).toContain("default-src 'self'");
    expect(await res.text()).toContain('EDC');
  });

  it('never serves a file outside the renderer folder', () => {
    for (const url of ['app://edc/../secret.txt', 'app://edc/%2e%2e/secret.txt', 'app://edc/assets/..%2F..%2Fsecret.txt', 'app://edc/..%5Csecret.txt', 'app://other/index.html']) {
      const res = appResponse(join(tmp.dir, 'renderer'), url);
      expect({ url, status: res.status }).toEqual({ url, status: 404 });
    }
  });
});

describe('session and contents hardening', () => {
  it('cancels every request that is not app://', () => {
    const onBeforeRequest = jest.fn();
    const session = {
      webRequest: { onBeforeRequest },
      setPermissionRequestHandler: jest.fn(),
      setPermissionCheckHandler: jest.fn(),
      setDevicePermissionHandler: jest.fn(),
      on: jest.fn(),
    };
    hardenSession(session as never);
    const handler = onBeforeRequest.mock.calls[0][0] as (d: { url: string }, cb: (r: { cancel: boolean }) => void) => void;
    const decide = (url: string): boolean => {
      let cancel = false;
      handler({ url }, (r) => (cancel = r.cancel));
      return cancel;
    };
    expect(decide('app://edc/index.html')).toBe(false);
    for (const url of ['https://example.org/', 'http://127.0.0.1:8080/', 'file:///etc/passwd', 'ws://localhost/', 'data:text/html,x']) expect(decide(url)).toBe(true);
  });

  it('denies every permission request and check', () => {
    const setPermissionRequestHandler = jest.fn();
    const setPermissionCheckHandler = jest.fn();
    const session = { webRequest: { onBeforeRequest: jest.fn() }, setPermissionRequestHandler, setPermissionCheckHandler, setDevicePermissionHandler: jest.fn(), on: jest.fn() };
    hardenSession(session as never);
    const request = setPermissionRequestHandler.mock.calls[0][0] as (c: unknown, p: string, cb: (ok: boolean) => void) => void;
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal']) {
      let granted = true;
      request({}, permission, (ok) => (granted = ok));
      expect(granted).toBe(false);
    }
    expect((setPermissionCheckHandler.mock.calls[0][0] as () => boolean)()).toBe(false);
  });

  it('prevents navigation and redirects away from app://, webviews, and new windows', () => {
    const { on, listeners } = fakeEmitter();
    const setWindowOpenHandler = jest.fn();
    hardenContents({ on, setWindowOpenHandler } as never);
    const prevented = (event: string, url: string): boolean => {
      const e = { preventDefault: jest.fn() };
      listeners.get(event)!(e, url);
      return e.preventDefault.mock.calls.length > 0;
    };
    expect(prevented('will-navigate', 'https://evil.example/')).toBe(true);
    expect(prevented('will-navigate', 'app://edc/index.html')).toBe(false);
    expect(prevented('will-redirect', 'http://127.0.0.1/')).toBe(true);
    const webview = { preventDefault: jest.fn() };
    listeners.get('will-attach-webview')!(webview);
    expect(webview.preventDefault).toHaveBeenCalled();
    expect((setWindowOpenHandler.mock.calls[0][0] as () => { action: string })()).toEqual({ action: 'deny' });
  });

  it('recognises only the app origin', () => {
    expect(isAppUrl('app://edc/x')).toBe(true);
    expect(isAppUrl('app://evil/x')).toBe(false);
    expect(isAppUrl('not a url')).toBe(false);
    expect(allowRequest('devtools://devtools/bundled/x')).toBe(true);
  });
});

describe('IPC sender check', () => {
  it('accepts only the top frame of the app page', () => {
    expect(trustedSender({ senderFrame: { url: 'app://edc/index.html', parent: null } } as never)).toBe(true);
    expect(trustedSender({ senderFrame: { url: 'app://edc/index.html', parent: {} } } as never)).toBe(false);
    expect(trustedSender({ senderFrame: { url: 'https://evil.example/', parent: null } } as never)).toBe(false);
    expect(trustedSender({ senderFrame: null } as never)).toBe(false);
  });
});
