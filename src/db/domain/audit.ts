// Audit entries keep the field names they are hashed under (DESIGN.md "Audit trail": the hash covers the
// canonical JSON of the entry), so the stored entry, the bundle record and the hashed object are one shape.

import type { AuditRecord } from '../../shared/contract/bundle-records';

export type AuditEntry = AuditRecord;

/** Where an export reads audit entries: a site store's own trail, or one merged site's trail at the centre. */
export type AuditSource = { readonly table: 'audit' } | { readonly table: 'site_audit'; readonly siteId?: string };

/** The parts of an audit entry that exports attach to subjects, form instances and items. */
export type SubjectAuditEntry = Pick<AuditEntry, 'id' | 'at' | 'user' | 'action' | 'form_key' | 'instance_no' | 'field' | 'reason'> & { readonly subject_id: string };

/** A user who acted in an audit trail; `siteId` is null for a site store's own trail. */
export interface AuditActor {
  readonly siteId: string | null;
  readonly user: string;
}

/** An entry that describes a user (added, role changed, a signature with a display name), details decoded. */
export interface AuditUserFact extends AuditActor {
  readonly action: string;
  readonly newValue: string | null;
  readonly details: Readonly<Record<string, unknown>>;
}
