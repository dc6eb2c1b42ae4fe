// The UI's capability rules: the role table, with site-only actions hidden on the central store and merging only there.

import { canDo } from './capabilities';

describe('capabilities', () => {
  it('follows the role table at a site', () => {
    expect(canDo('investigator', 'site', 'form.sign')).toBe(true);
    expect(canDo('monitor', 'site', 'form.save')).toBe(false);
    expect(canDo('monitor', 'site', 'bundle.export')).toBe(false);
    expect(canDo('monitor', 'site', 'data.export')).toBe(true);
    expect(canDo('admin', 'site', 'data.exportIdentified')).toBe(true);
    expect(canDo('admin', 'site', 'central.merge')).toBe(false);
    expect(canDo('data_entry', 'site', 'query.answer')).toBe(true);
    expect(canDo('monitor', 'site', 'query.answer')).toBe(false);
    expect(canDo('admin', 'site', 'query.manage')).toBe(false);
  });

  it('keeps the central store read-only', () => {
    for (const action of ['form.save', 'form.sign', 'subject.create', 'identity.read', 'store.backup', 'bundle.export', 'data.exportIdentified', 'query.answer'] as const) {
      expect(canDo('admin', 'central', action)).toBe(false);
    }
    expect(canDo('admin', 'central', 'central.merge')).toBe(true);
    expect(canDo('admin', 'central', 'data.read')).toBe(true);
    expect(canDo('monitor', 'central', 'data.export')).toBe(true);
  });
});
