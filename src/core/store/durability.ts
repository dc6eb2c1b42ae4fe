// Commits that do not wait for the disk, for generating synthetic seed data only (the tools use it):
// a crash meanwhile loses a useless seed, never a real store's data.

import { relaxDurability as relax } from '../../db/durability';
import type { Session } from './session';

/** Relaxes the sessions' stores; the returned function restores synchronous=FULL (call it in a `finally`). */
export function relaxDurability(sessions: readonly Session[]): () => void {
  return relax(sessions.map((s) => s.store.db));
}
