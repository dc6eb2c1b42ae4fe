// The one message catalogue of the app: every user-facing text of the UI, the errors, the CLI and the report,
// in Italian and English, as nested JSON per namespace (i18next's resource format, so the renderer loads the
// same files). `translate` fills {{name}} placeholders; a study module's own texts use the same format.

import type { Lang } from '../study/localized';
import enCli from './en/cli.json';
import enErrors from './en/errors.json';
import enRedcap from './en/redcap.json';
import enReport from './en/report.json';
import enUi from './en/ui.json';
import itCli from './it/cli.json';
import itErrors from './it/errors.json';
import itRedcap from './it/redcap.json';
import itReport from './it/report.json';
import itUi from './it/ui.json';

export type { Lang };

/** A namespace of messages: nested objects whose leaves are templates. */
export interface MessageTree {
  readonly [key: string]: string | MessageTree;
}

/** The dotted paths of a tree's leaves, e.g. 'auth.locked'. */
export type MessageKey<T> = {
  [K in keyof T & string]: T[K] extends string ? K : `${K}.${MessageKey<T[K]>}`;
}[keyof T & string];

/** A value a template may show: text, a number, a list (joined with '; '), or a text in both languages. */
export type MessageParam = string | number | boolean | null | undefined | readonly (string | { readonly it: string; readonly en: string })[] | { readonly it: string; readonly en: string };
export type MessageParams = Readonly<Record<string, MessageParam>>;

export const CATALOGUE = {
  en: { ui: enUi, errors: enErrors, cli: enCli, redcap: enRedcap, report: enReport },
  it: { ui: itUi, errors: itErrors, cli: itCli, redcap: itRedcap, report: itReport },
} as const satisfies Record<Lang, Record<string, MessageTree>>;

export type Namespace = keyof (typeof CATALOGUE)['en'];

function lookup(tree: MessageTree, key: string): string | undefined {
  let node: string | MessageTree | undefined = tree;
  for (const part of key.split('.')) {
    if (node === undefined || typeof node === 'string' || !Object.hasOwn(node, part)) return undefined;
    node = node[part];
  }
  return typeof node === 'string' ? node : undefined;
}

function show(value: MessageParam, lang: Lang): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (Array.isArray(value)) return value.map((v: string | { it: string; en: string }) => (typeof v === 'string' ? v : v[lang])).join('; ');
  if (typeof value === 'object') return (value as { it: string; en: string })[lang];
  return String(value);
}

/** Fills {{name}} placeholders; a placeholder without a value is left as written. */
export function interpolate(template: string, params: MessageParams, lang: Lang): string {
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, name: string) => (Object.hasOwn(params, name) ? (show(params[name], lang) ?? whole) : whole));
}

/** A message of a tree in one language; the key itself when the tree lacks it (tests make sure none does). */
export function translateIn(tree: MessageTree, lang: Lang, key: string, params: MessageParams = {}): string {
  const template = lookup(tree, key);
  return template === undefined ? key : interpolate(template, params, lang);
}

export function hasMessage(tree: MessageTree, key: string): boolean {
  return lookup(tree, key) !== undefined;
}

/** A message of the app's catalogue: translate('it', 'errors', 'auth.locked', { seconds: 30 }). */
export function translate(lang: Lang, namespace: Namespace, key: string, params: MessageParams = {}): string {
  return translateIn(CATALOGUE[lang][namespace], lang, key, params);
}

/** A message in both languages: for error details, which are filled in whichever language reads them. */
export function translateBoth(namespace: Namespace, key: string, params: MessageParams = {}): { readonly it: string; readonly en: string } {
  return { it: translate('it', namespace, key, params), en: translate('en', namespace, key, params) };
}

/** Every leaf path of a tree (for the completeness tests). */
export function messageKeys(tree: MessageTree, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([k, v]) => (typeof v === 'string' ? [`${prefix}${k}`] : messageKeys(v, `${prefix}${k}.`)));
}
