// Site set-up (`edc site init`): a new encrypted store with a random key, its keyring with the first
// administrator and the recovery code, the study definition, and the first audit entries.

import { randomBytes } from 'node:crypto';
import { existsSync, rmSync } from 'node:fs';
import type { PostgresLocation } from '../../db/location';
import { openStore } from '../../db/open-store';
import { setMetaValues, setSiteParams } from '../../db/repositories/meta.repository';
import { insertDefinition } from '../../db/repositories/study-definition.repository';
import { insertUser } from '../../db/repositories/users.repository';
import { inWriteTransaction } from '../../db/transaction';
import { AppError } from '../../shared/errors/app-error';
import { appendAudit } from './audit-chain';
import { isoNow, systemClock, type Clock } from '../clock';
import { keyringPathFor, newStoreId, slotAad, writeKeyring, type Keyring } from '../keys/keyring';
import { newRecoveryCode } from '../keys/recovery-code';
import { wrapKey } from '../keys/wrap';
import type { LoadedStudy } from '../study/load-definition';
import { rememberStudy } from './store-study';

export interface InitStoreInput {
  readonly dbFile: string;
  readonly kind: 'site' | 'central';
  readonly siteId: string;
  readonly siteName: string;
  readonly study: LoadedStudy;
  readonly admin: { readonly username: string; readonly displayName: string; readonly password: string };
  /** Extra meta values (site-kit provenance, coordinator keys …) written in the same transaction; objects as JSON. */
  readonly meta?: Readonly<Record<string, string | Readonly<Record<string, unknown>>>>;
  readonly clock?: Clock;
  /** A central store on PostgreSQL: the data goes there, the keyring still beside `dbFile`. */
  readonly location?: PostgresLocation | undefined;
}

export interface InitStoreResult {
  readonly storeId: string;
  /** Shown once, to be printed and kept by the principal investigator; never stored in clear. */
  readonly recoveryCode: string;
  readonly keyringFile: string;
}

export async function initStore(input: InitStoreInput): Promise<InitStoreResult> {
  const clock = input.clock ?? systemClock;
  const keyringFile = keyringPathFor(input.dbFile);
  if (!input.location && existsSync(input.dbFile)) throw new AppError('store.exists', { file: input.dbFile });
  if (existsSync(keyringFile)) throw new AppError('store.exists', { file: keyringFile });
  const dbKey = randomBytes(32);
  const storeId = newStoreId();
  const recoveryCode = newRecoveryCode();
  const now = isoNow(clock);
  const keyring: Keyring = {
    format: 'edc-keyring/1',
    storeId,
    users: {
      [input.admin.username]: {
        wrapped: await wrapKey(dbKey, input.admin.password, slotAad(storeId, `user:${input.admin.username}`)),
        failures: 0,
        lockedUntil: null,
        updatedAt: now,
      },
    },
    recovery: await wrapKey(dbKey, recoveryCode, slotAad(storeId, 'recovery')),
    pendingEvents: [],
  };
  const store = await openStore(input.dbFile, dbKey, { create: true, location: input.location });
  try {
    await inWriteTransaction(store.db, async (tx) => {
      const meta: Record<string, string | Readonly<Record<string, unknown>>> = {
        store_id: storeId,
        store_kind: input.kind,
        study_id: input.study.definition.id,
        def_version: input.study.definition.version,
        def_hash: input.study.hash,
        site_id: input.siteId,
        site_name: input.siteName,
        created_at: now,
        ...input.meta,
      };
      await setMetaValues(tx, meta);
      await setSiteParams(tx, {});
      await insertDefinition(tx, {
        version: input.study.definition.version,
        hash: input.study.hash,
        studyId: input.study.definition.id,
        definition: input.study.definition,
        installedAt: now,
      });
      await insertUser(tx, {
        username: input.admin.username,
        displayName: input.admin.displayName,
        role: 'admin',
        active: true,
        createdAt: now,
        createdBy: input.admin.username,
        updatedAt: now,
      });
      await appendAudit(tx, now, input.admin.username, [
        {
          action: `${input.kind}.init`,
          details: { site: input.siteId, study: input.study.definition.id, version: input.study.definition.version, hash: input.study.hash },
        },
        { action: 'user.add', details: { username: input.admin.username, role: 'admin' } },
      ]);
    });
    writeKeyring(keyringFile, keyring);
  } catch (error) {
    await store.close();
    for (const f of [input.dbFile, `${input.dbFile}-wal`, `${input.dbFile}-shm`, keyringFile]) rmSync(f, { force: true });
    throw error;
  } finally {
    dbKey.fill(0);
  }
  await store.close();
  rememberStudy(input.study);
  return { storeId, recoveryCode, keyringFile };
}
