// Ids of queries and their events, made where they happen and the same in every store afterwards.

import { randomBytes, randomUUID } from 'node:crypto';

export function newQueryId(): string {
  return `Q-${randomBytes(6).toString('hex').toUpperCase()}`;
}

export function newEventId(): string {
  return randomUUID();
}

/** Query ids named in a text (a form save's reason for change may name the queries it answers). */
export function queryIdsIn(text: string): string[] {
  return [...new Set(text.match(/\bQ-[0-9A-F]{12}\b/g) ?? [])];
}
