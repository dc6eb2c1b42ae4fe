// Gives a merged central store something to query: site data passes the site's own checks, so
// `queries generate` on it alone raises nothing. Behind the app's back (a raw connection, bench only), one
// completed form instance in `every` loses an always-required item, as a definition amendment would leave it.

import { openSession } from '../src/core/auth/open-session';
import { centralDbFile, COORDINATOR_USER } from '../src/core/central/coordinator-files';
import { openSqlite } from '../src/db/open-store';
import { PASSPHRASE } from './exchange-fixture';

/** Empties one required item of every `every`-th completed instance; returns how many were changed. */
export async function emptyRequiredItems(coordinatorDir: string, every: number): Promise<number> {
  const session = await openSession({ dbFile: centralDbFile(coordinatorDir), username: COORDINATOR_USER, password: PASSPHRASE });
  try {
    const study = session.study.compiled;
    // Per form: a field required in every instance (no condition on its visibility or its being required).
    const target = new Map<string, string>();
    for (const form of session.study.definition.forms) {
      const field = form.fields.find((f) => f.type !== 'calc' && f.required && form.sequenceField !== f.name && !study.field(form.key, f.name)?.showIf);
      if (field) target.set(form.key, field.name);
    }
    const sqlite = openSqlite(session.store.file, session.dbKey, false);
    try {
      const rows = sqlite.prepare("SELECT id, form_key, data FROM form_instances WHERE status IN ('complete', 'signed', 'locked') ORDER BY id").all() as { id: number; form_key: string; data: string }[];
      const update = sqlite.prepare('UPDATE form_instances SET data = ? WHERE id = ?');
      let changed = 0;
      sqlite.transaction(() => {
        rows.forEach((row, i) => {
          const field = target.get(row.form_key);
          if (i % every !== 0 || !field) return;
          const data = JSON.parse(row.data) as Record<string, unknown>;
          if (data[field] === undefined || data[field] === null) return;
          delete data[field];
          update.run(JSON.stringify(data), row.id);
          changed += 1;
        });
      })();
      return changed;
    } finally {
      sqlite.close();
    }
  } finally {
    await session.close();
  }
}
