// The one dialog a form entry may have open at a time, and what it needs to answer.

export type PendingDialog =
  | { readonly kind: 'reason'; readonly complete: boolean }
  | { readonly kind: 'override'; readonly id: string }
  | { readonly kind: 'sign' }
  | { readonly kind: 'lock' }
  | { readonly kind: 'unlock' }
  | { readonly kind: 'history'; readonly field: string; readonly label: string }
  | { readonly kind: 'leave'; readonly answer: (leave: boolean) => void }
  | null;
