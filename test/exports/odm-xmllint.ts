// Test helpers for ODM files: xmllint schema validation and XPath, and dangling-OID checks. xmllint is required
// (libxml2-utils; .ci/run installs it): without it the tests that use these helpers fail, they never skip.

import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';

export const ODM_XSD = resolve(__dirname, '../fixtures/odm-1.3.2/ODM1-3-2.xsd');

export function validateOdm(file: string): { ok: boolean; output: string } {
  const r = spawnSync('xmllint', ['--noout', '--nonet', '--schema', ODM_XSD, file], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.error) throw new Error(`xmllint could not run: ${r.error.message} (install libxml2-utils)`);
  return { ok: r.status === 0, output: `${r.stdout}${r.stderr}` };
}

/** Local-name XPath over the ODM namespace: `q('SubjectData')` → `*[local-name()='SubjectData']`. */
export function q(...steps: string[]): string {
  return steps.map((s) => s.replace(/^([A-Za-z]+)/, "*[local-name()='$1']")).join('/');
}

/** The string result of an XPath expression (xmllint --xpath), e.g. `string(//…/@Value)` or `count(//…)`. */
export function xpath(file: string, expression: string): string {
  const r = spawnSync('xmllint', ['--nonet', '--xpath', expression, file], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.error) throw new Error(`xmllint could not run: ${r.error.message} (install libxml2-utils)`);
  if (r.status !== 0 && r.status !== 10) throw new Error(`xmllint --xpath ${expression}: ${r.stderr}`);
  return r.stdout.trim();
}

const REFERENCE = /\b(\w+OID)="([^"]*)"/g;

/** OID references (ItemOID, CodeListOID, UserOID …) whose target is not defined in the same file. */
export function danglingReferences(xml: string): string[] {
  const defined = new Set<string>();
  for (const m of xml.matchAll(/\sOID="([^"]*)"/g)) defined.add(m[1]!);
  const dangling = new Set<string>();
  for (const m of xml.matchAll(REFERENCE)) {
    const [, attribute, value] = m;
    if (attribute === 'FileOID' || attribute === 'PriorFileOID') continue;
    if (!defined.has(value!)) dangling.add(`${attribute}=${value}`);
  }
  return [...dangling];
}
