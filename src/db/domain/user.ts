// A site user as the app sees it (the wrapped keys live in the keyring file, not the store).

import type { Role } from '../../shared/study/definition.schema';

export interface User {
  readonly username: string;
  readonly displayName: string;
  readonly role: Role;
  readonly active: boolean;
  readonly createdAt: string;
  readonly createdBy: string;
  readonly updatedAt: string;
}

export interface UserChanges {
  readonly role?: Role;
  readonly active?: boolean;
  readonly displayName?: string;
  readonly updatedAt: string;
}
