// Fills a form on screen from stored entries, the way a person would: each field found by its role and its
// Italian label from the study definition, dates typed dd/mm/yyyy, choices clicked by their labels, CTCAE
// terms picked from the type-ahead. Fields shown only after others are filled are done in a later pass; fields
// the app fills (subject id, site) are left as the app filled them.

import type { Locator, Page } from 'playwright-core';
import type { CompiledStudy } from '../../src/shared/study/compile';
import type { Field } from '../../src/shared/study/definition.schema';
import { isMissing, type FormData, type StoredEntry } from '../../src/shared/study/entries';

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** ISO (possibly partial) → what an Italian user types. */
export function italianDate(iso: string): string {
  const [y, m, d] = iso.split('-');
  return d ? `${d}/${m}/${y}` : m ? `${m}/${y}` : y!;
}

export function italianNumber(n: number): string {
  return String(n).replace('.', ',');
}

export class FormFiller {
  constructor(
    private readonly page: Page,
    private readonly study: CompiledStudy,
  ) {}

  /** The field's group on screen, named by its label. */
  field(label: string): Locator {
    return this.page.getByRole('group', { name: label, exact: true });
  }

  fieldOf(form: string, name: string): Locator {
    const field = this.study.field(form, name)?.field;
    if (!field) throw new Error(`no field ${form}.${name}`);
    return this.field(field.label.it);
  }

  async fill(form: string, data: FormData): Promise<void> {
    const spec = this.study.form(form);
    if (!spec) throw new Error(`no form ${form}`);
    // The app fills the subject id and the site itself (read-only): a person never types them.
    const appFilled = (f: Field): boolean => f.type !== 'calc' && (f.prefill === 'site_id' || f.prefill === 'subject_id');
    let pending = spec.fields.filter((f) => f.type !== 'calc' && f.name !== spec.sequenceField && !appFilled(f) && data[f.name] !== undefined);
    // A field shown only once another is filled appears after the app re-evaluates the form, which may take
    // a render or an answer from the main process: a pass that fills nothing waits for one of them to appear.
    while (pending.length > 0) {
      const later: Field[] = [];
      for (const field of pending) {
        const group = this.field(field.label.it);
        const count = await group.count();
        if (count === 0) {
          later.push(field);
          continue;
        }
        if (count > 1) throw new Error(`${form}.${field.name}: ${count} fields are labelled '${field.label.it}'`);
        await this.fillField(form, group, field, data[field.name]!);
      }
      if (later.length === pending.length && !(await this.anyAppears(later))) {
        throw new Error(`${form}: never shown: ${later.map((f) => f.name).join(', ')}`);
      }
      pending = later;
    }
  }

  /** Whether one of the fields appears on screen within a few seconds. */
  private async anyAppears(fields: readonly Field[]): Promise<boolean> {
    const any = fields.map((f) => this.field(f.label.it)).reduce((a, b) => a.or(b));
    try {
      await any.first().waitFor({ state: 'attached', timeout: 5_000 });
      return true;
    } catch {
      return false;
    }
  }

  async fillField(form: string, group: Locator, field: Field, value: StoredEntry): Promise<void> {
    if (isMissing(value)) {
      const button = group.getByRole('button', { name: new RegExp(`^${value.missing} `) });
      if ((await button.getAttribute('aria-pressed')) !== 'true') await button.click();
      return;
    }
    const choices = this.study.field(form, field.name)?.choices ?? [];
    const labelOf = (code: string): string => {
      const choice = choices.find((c) => c.code === code);
      if (!choice) throw new Error(`${field.name}: no choice ${code}`);
      return choice.label.it;
    };
    switch (field.type) {
      case 'text':
        await group.getByRole('textbox').fill(String(value));
        return;
      case 'integer':
      case 'decimal':
        await group.getByRole('textbox').fill(italianNumber(Number(value)));
        return;
      case 'date':
      case 'partialDate':
        await group.getByRole('textbox').fill(italianDate(String(value)));
        return;
      case 'single':
      case 'ynu': {
        const code = String(value);
        if (field.type === 'single' && field.reference) {
          await this.pickReference(group, code);
        } else if (field.type === 'single' && field.choiceAvailability) {
          await group.getByRole('radio', { name: new RegExp(`^${escape(labelOf(code))}\\b`) }).check();
        } else if (choices.length <= 5) {
          await group.getByRole('radio', { name: labelOf(code), exact: true }).check();
        } else {
          await group.getByRole('combobox').selectOption(code);
        }
        return;
      }
      case 'multi':
        for (const code of value as string[]) await group.getByRole('checkbox', { name: labelOf(code), exact: true }).check();
        return;
      case 'calc':
        return;
    }
  }

  /** Types the MedDRA code into the CTCAE type-ahead and picks the one option. */
  async pickReference(group: Locator, key: string): Promise<void> {
    const box = group.getByRole('combobox');
    await box.fill(key);
    await this.page.getByRole('option', { name: new RegExp(`${key}$`) }).click();
  }
}
