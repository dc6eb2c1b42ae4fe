// A session opened for one piece of work in a test, closed whatever happens.

import type { Session } from '../../src/core/store/session';

export async function withSession<T>(open: Promise<Session>, work: (s: Session) => Promise<T>): Promise<T> {
  const s = await open;
  try {
    return await work(s);
  } finally {
    await s.close();
  }
}
