// One form instance as the merge's audit-consistency check sees it: the values the bundle stores, as the
// texts the site's audit trail writes for them (entryText), and per field whether the last audited text
// is that one. Only the stored side is kept (texts and status, not the record's own data object, which
// would otherwise stay alive for the whole bundle); the audit entries set and clear flags as they stream past.

import { isMissing, entryText } from '../../shared/study/entries';

/** What the trail and the record disagree on; reported by the caller. */
export type InstanceMismatch =
  | { readonly kind: 'valueNotAudited' | 'valueNotStored'; readonly field: string }
  | { readonly kind: 'statusNotAudited'; readonly status: string }
  | { readonly kind: 'instanceNotCreated' | 'instanceRemoved' | 'instanceMissing' };

function isCodeList(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((v) => typeof v === 'string');
}

/**
 * The text a stored value has in the audit trail. Values of a valid shape get entryText's (sorted codes,
 * `[NK]` for a missing-data reason); anything else, which validation quarantines, its JSON, so that it
 * matches no audited text by accident of conversion.
 */
export function storedText(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return entryText(value);
  if (typeof value === 'number' && Number.isFinite(value)) return entryText(value);
  if (isCodeList(value)) return entryText(value);
  if (isMissing(value) && typeof value.missing === 'string') return entryText(value);
  return JSON.stringify(value);
}

export class AuditedInstance {
  private readonly fields: readonly string[];
  private readonly texts: readonly (string | null)[];
  /** Per stored field: the last audited text is the stored one. */
  private readonly matched: boolean[];
  /** Fields the trail leaves holding a value that the record does not store. */
  private unstored: Set<string> | undefined;
  private statusMatched = false;
  private exists = false;
  private removed = false;
  /** The record's status; undefined for an instance only the trail names. */
  private readonly storedStatus: string | undefined;

  /**
   * `stored`: the record's data and status, or undefined for an instance only the trail names. `fieldList`
   * returns one shared array per list of field names (instances of a form mostly have the same fields).
   */
  constructor(
    readonly subjectId: string,
    readonly form: string,
    readonly instanceNo: number,
    stored?: { readonly data: Readonly<Record<string, unknown>>; readonly status: string },
    fieldList: (names: string[]) => readonly string[] = (names) => names,
  ) {
    const data = stored?.data ?? {};
    this.storedStatus = stored?.status;
    this.fields = fieldList(Object.keys(data));
    this.texts = this.fields.map((f) => storedText(data[f]));
    this.matched = this.texts.map((t) => t === null);
  }

  /** form.create (`exists`) or form.remove: every field starts empty again. */
  reset(exists: boolean): void {
    this.exists = exists;
    if (!exists) this.removed = true;
    for (let i = 0; i < this.texts.length; i += 1) this.matched[i] = this.texts[i] === null;
    this.unstored = undefined;
    this.statusMatched = false;
  }

  /** An audited value of a field: its text after the entry (null: emptied). */
  setField(field: string, text: string | null): void {
    const i = this.fields.indexOf(field);
    if (i >= 0) this.matched[i] = this.texts[i] === text;
    else if (text !== null) (this.unstored ??= new Set()).add(field);
    else this.unstored?.delete(field);
  }

  setStatus(status: string): void {
    this.statusMatched = this.storedStatus === status;
  }

  /** Every disagreement between the record and the trail, once the whole trail was followed. */
  mismatches(report: (mismatch: InstanceMismatch) => void): void {
    if (this.storedStatus === undefined) {
      if (this.exists) report({ kind: 'instanceMissing' });
      return;
    }
    if (!this.exists) {
      report({ kind: this.removed ? 'instanceRemoved' : 'instanceNotCreated' });
      return;
    }
    for (let i = 0; i < this.fields.length; i += 1) {
      if (!this.matched[i]) report({ kind: this.texts[i] === null ? 'valueNotStored' : 'valueNotAudited', field: this.fields[i]! });
    }
    for (const field of this.unstored ?? []) report({ kind: 'valueNotStored', field });
    if (!this.statusMatched) report({ kind: 'statusNotAudited', status: this.storedStatus });
  }
}
