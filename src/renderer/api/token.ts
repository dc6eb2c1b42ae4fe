// The loopback transport's per-launch token: taken once from the launch URL's fragment, kept for this tab only
// (sessionStorage survives a reload, never another tab or a restart), and removed from the address bar.

const KEY = 'edc.launchToken';
const FRAGMENT = /(?:^#|&)token=([0-9a-f]{16,128})(?:&|$)/;

export function takeLaunchToken(loc: Location = window.location, storage: Storage = window.sessionStorage, history: History = window.history): string | undefined {
  const match = FRAGMENT.exec(loc.hash);
  if (match?.[1]) {
    storage.setItem(KEY, match[1]);
    // The token must not linger in the address bar, history or a screenshot.
    history.replaceState(history.state, '', `${loc.pathname}${loc.search}`);
    return match[1];
  }
  return storage.getItem(KEY) ?? undefined;
}
