// The advisory-lock keys of the central store on PostgreSQL (first half of the two-key form; the second
// names what is locked). Transaction-scoped: a crash or a rollback releases them.

export const LOCKS = {
  /** Schema migrations, one migrator at a time. */
  migrate: 0x4544_4301,
  /** Appends to the central audit chain: read the head and append under it. */
  audit: 0x4544_4302,
  /** A site's merge: a second merge of the same site is refused as busy instead of waiting. */
  siteMerge: 0x4544_4303,
} as const;
