/** @jest-environment jsdom */
// The "required items missing" banner names fields by their labels in the reader's language and drops them as
// they are filled.

import { describe, expect, it } from '@jest/globals';
import { ApiError } from '../../api/api-error';
import { render } from '../../test-utils';
import { FormErrorBanner } from './FormErrorBanner';

const incomplete = new ApiError({ code: 'form.incomplete', message: '', messages: { it: '', en: '' }, details: { fields: ['subject_id', 'incl_age18', 'consent_date'] } });
const labels: Record<string, string> = { subject_id: 'Codice paziente', incl_age18: 'Età ≥18 anni', consent_date: 'Data del consenso' };
const labelOf = (name: string): string => labels[name] ?? name;

describe('the form-level error banner', () => {
  it('names the missing items by their labels, never by their machine names', () => {
    const view = render(<FormErrorBanner error={incomplete} missing={new Set(['subject_id', 'incl_age18', 'consent_date'])} labelOf={labelOf} />);
    const text = view.container.querySelector('[role="alert"]')?.textContent ?? '';
    expect(text).toContain('mancano voci obbligatorie: Codice paziente; Età ≥18 anni; Data del consenso');
    expect(text).not.toContain('incl_age18');
    view.unmount();
  });

  it('lists only the items still empty, and disappears once all are filled', () => {
    const view = render(<FormErrorBanner error={incomplete} missing={new Set(['consent_date'])} labelOf={labelOf} />);
    expect(view.container.querySelector('[role="alert"]')?.textContent).toContain('obbligatorie: Data del consenso');
    expect(view.container.textContent).not.toContain('Codice paziente');
    view.rerender(<FormErrorBanner error={incomplete} missing={new Set()} labelOf={labelOf} />);
    expect(view.container.querySelector('[role="alert"]')).toBeNull();
    view.unmount();
  });

  it('writes the banner in English on an English screen', () => {
    const view = render(<FormErrorBanner error={incomplete} missing={new Set(['incl_age18'])} labelOf={() => 'Aged ≥18 years'} />, 'en');
    expect(view.container.textContent).toContain('required items missing: Aged ≥18 years');
    view.unmount();
  });

  it('shows any other error as it is', () => {
    const other = new ApiError({ code: 'form.locked', message: '', messages: { it: '', en: '' }, details: { form: 'elig' } });
    const view = render(<FormErrorBanner error={other} missing={new Set()} labelOf={labelOf} />);
    expect(view.container.querySelector('[role="alert"]')).not.toBeNull();
    view.unmount();
  });
});
