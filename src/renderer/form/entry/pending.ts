// The one dialog a form entry may have open at a time, and what it needs to answer.

import type { QueryOut } from '../../../shared/contract/queries';

export type PendingDialog =
  | { readonly kind: 'reason'; readonly complete: boolean }
  | { readonly kind: 'override'; readonly id: string }
  | { readonly kind: 'sign' }
  | { readonly kind: 'lock' }
  | { readonly kind: 'unlock' }
  | { readonly kind: 'history'; readonly field: string; readonly label: string }
  | { readonly kind: 'leave'; readonly answer: (leave: boolean) => void }
  | { readonly kind: 'answer'; readonly query: QueryOut }
  | null;
