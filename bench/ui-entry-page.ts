// Timing helpers of the UI benchmarks, installed in the page: a click timed until what it shows is in
// the page and painted, and the plain-HTML baselines (the same API call, its result inserted with innerHTML).

import type { Page } from 'playwright-core';

/** What a timed click waits for: at least `min` elements matching `selector`, and `text` in an element matching `textIn` (default: `selector`). */
export interface Ready {
  readonly selector: string;
  readonly min?: number;
  readonly text?: string;
  readonly textIn?: string;
}

/** A button: the first matching `selector` whose accessible name (aria-label, else text) starts with `text` (is `text`, if `exact`). */
export interface ButtonRef {
  readonly selector: string;
  readonly text: string;
  readonly exact?: boolean;
}

/**
 * Plain JavaScript: it runs in Chromium, where the DOM is (this file is type-checked for Node). `painted()`
 * resolves after the next frame has been produced (next animation frame, then a task).
 */
export const ENTRY_PAGE_HELPERS = `
window.__edcEntryBench = (() => {
  const painted = () => new Promise((resolve) => requestAnimationFrame(() => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => resolve();
    channel.port2.postMessage(0);
  }));
  async function api(name, input) {
    const response = await fetch('/api/' + encodeURIComponent(name), { method: 'POST', headers: { 'content-type': 'application/json', 'x-edc-token': sessionStorage.getItem('edc.launchToken') || '' }, body: JSON.stringify(input) });
    const body = await response.json();
    if (!response.ok || body.ok === false) throw new Error(name + ' failed: ' + JSON.stringify(body.error));
    return body.value;
  }
  const escape = (v) => String(v ?? '').replace(/[&<>"]/g, (c) => '&#' + c.charCodeAt(0) + ';');
  async function timeClick(button, ready) {
    const target = [...document.querySelectorAll(button.selector)].find((b) => { const name = (b.getAttribute('aria-label') || b.textContent || '').trim(); return button.exact ? name === button.text : name.startsWith(button.text); });
    if (!target) throw new Error('no button ' + button.text);
    const check = () => {
      const found = [...document.querySelectorAll(ready.selector)];
      if (found.length < (ready.min || 1)) return 0;
      if (ready.text && ![...document.querySelectorAll(ready.textIn || ready.selector)].some((e) => (e.textContent || '').includes(ready.text))) return 0;
      return found.length;
    };
    const t = performance.now();
    const count = await new Promise((resolve) => {
      const observer = new MutationObserver(() => {
        const n = check();
        if (n > 0) {
          observer.disconnect();
          resolve(n);
        }
      });
      observer.observe(document.body, { childList: true, subtree: true, characterData: true });
      target.click();
    });
    await painted();
    return { ms: performance.now() - t, count };
  }
  /** The form's baseline: the same forms:open call, as many labelled inputs with the values, then the paint. */
  async function timeOpenPlain(ref, shown) {
    const host = document.createElement('div');
    document.body.prepend(host);
    const t = performance.now();
    const out = await api('forms:open', ref);
    const values = Object.values(out.instance ? out.instance.data : {});
    host.innerHTML = Array.from({ length: shown }, (_, i) => '<div class="field"><label for="b' + i + '">Field ' + i + '</label><input id="b' + i + '" type="text" value="' + escape(values[i]) + '"></div>').join('');
    await painted();
    const ms = performance.now() - t;
    host.remove();
    return ms;
  }
  /** Mark complete's baseline: the same forms:save call on another draft, a status line, then the paint. */
  async function timeCompletePlain(ref) {
    const host = document.createElement('div');
    document.body.prepend(host);
    const opened = await api('forms:open', ref);
    const t = performance.now();
    await api('forms:save', { ...ref, data: {}, expectedVersion: opened.instance.version, complete: true });
    host.innerHTML = '<p role="status">Scheda completata.</p>';
    await painted();
    const ms = performance.now() - t;
    host.remove();
    return ms;
  }
  /** The matrix's baseline: the same call, every subject × form cell as a table cell (no virtualisation). */
  async function timeMatrixPlain() {
    const host = document.createElement('div');
    document.body.prepend(host);
    const t = performance.now();
    const matrix = await api('review:statusMatrix', {});
    const rows = matrix.rows.map((r) => {
      const by = new Map(r.cells.map((c) => [c.form, c]));
      return '<tr><th>' + r.subjectId + '</th>' + matrix.forms.map((f) => '<td><button type="button">' + escape(by.get(f) ? by.get(f).status : '') + '</button></td>').join('') + '</tr>';
    });
    host.innerHTML = '<table><tbody>' + rows.join('') + '</tbody></table>';
    await painted();
    const ms = performance.now() - t;
    host.remove();
    return { ms, rows: rows.length };
  }
  return { timeClick, timeOpenPlain, timeCompletePlain, timeMatrixPlain };
})();
`;

export interface EntryPage {
  timeClick(button: ButtonRef, ready: Ready): Promise<{ ms: number; count: number }>;
  timeOpenPlain(ref: { subjectId: string; form: string; instanceNo: number }, shown: number): Promise<number>;
  timeCompletePlain(ref: { subjectId: string; form: string; instanceNo: number }): Promise<number>;
  timeMatrixPlain(): Promise<{ ms: number; rows: number }>;
}

export function entryPage(page: Page): EntryPage {
  const call = <T>(fn: string, ...args: unknown[]): Promise<T> => page.evaluate(`window.__edcEntryBench.${fn}(${args.map((a) => JSON.stringify(a)).join(', ')})`) as Promise<T>;
  return {
    timeClick: (button, ready) => call('timeClick', button, ready),
    timeOpenPlain: (ref, shown) => call('timeOpenPlain', ref, shown),
    timeCompletePlain: (ref) => call('timeCompletePlain', ref),
    timeMatrixPlain: () => call('timeMatrixPlain'),
  };
}
