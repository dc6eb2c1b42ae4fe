// Minimal helpers for the jsdom component tests: render with i18n (Italian), type into inputs the way React
// sees it, press keys. (Kept tiny on purpose: no extra testing library is installed.)

import { act, type ReactNode } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { createI18n } from './i18n/i18n';
import { LangProvider } from './i18n/lang-context';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

export interface Rendered {
  readonly container: HTMLElement;
  rerender(ui: ReactNode): void;
  unmount(): void;
}

export function render(ui: ReactNode, lang: 'it' | 'en' = 'it'): Rendered {
  const container = document.createElement('div');
  document.body.appendChild(container);
  const i18n = createI18n(lang);
  let root: Root | undefined;
  const wrap = (node: ReactNode): ReactNode => (
    <I18nextProvider i18n={i18n}>
      <LangProvider>{node}</LangProvider>
    </I18nextProvider>
  );
  act(() => {
    root = createRoot(container);
    root.render(wrap(ui));
  });
  return {
    container,
    rerender: (next) => act(() => root!.render(wrap(next))),
    unmount: () => {
      act(() => root!.unmount());
      container.remove();
    },
  };
}

/** Sets an input's value through the native setter and fires `input`, which React's onChange listens to. */
export function typeInto(input: HTMLInputElement | HTMLTextAreaElement, text: string): void {
  const proto = input instanceof HTMLTextAreaElement ? HTMLTextAreaElement.prototype : HTMLInputElement.prototype;
  const setter = Object.getOwnPropertyDescriptor(proto, 'value')!.set!;
  act(() => {
    setter.call(input, text);
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

export function press(target: Element, key: string): void {
  act(() => {
    target.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true }));
  });
}

export function click(target: Element): void {
  act(() => {
    target.dispatchEvent(new MouseEvent('mousedown', { bubbles: true, cancelable: true }));
    (target as HTMLElement).click();
  });
}

export function byLabel(container: HTMLElement, label: string): HTMLElement {
  const found = [...container.querySelectorAll<HTMLElement>('[aria-label]')].find((e) => e.getAttribute('aria-label') === label);
  if (!found) throw new Error(`nothing labelled '${label}'`);
  return found;
}
