// Where a store's data lives: an encrypted SQLite file (the default) or a PostgreSQL database. The address
// is checked here: no password in it (PGPASSWORD or ~/.pgpass supply one), and TLS to any host but this one.

import { readFileSync } from 'node:fs';
import { isIP } from 'node:net';
import type { ClientConfig } from 'pg';
import { z } from 'zod';
import { AppError } from '../shared/errors/app-error';

export const SSL_MODES = ['disable', 'require', 'verify-ca', 'verify-full'] as const;
export type SslMode = (typeof SSL_MODES)[number];

/** What coordinator.json records of a PostgreSQL store: never a password. */
export const PostgresLocation = z.strictObject({
  dialect: z.literal('postgres'),
  /** postgres://USER@HOST:PORT/DB, without password or parameters. */
  url: z.string().min(1).max(2000),
  sslmode: z.enum(SSL_MODES),
  /** The CA certificate file that verifies the server (verify-ca, verify-full). */
  caFile: z.string().min(1).max(4000).nullable(),
  /** The user accepted an unencrypted connection to another host. */
  insecureNetwork: z.boolean(),
});
export type PostgresLocation = z.infer<typeof PostgresLocation>;

export interface PostgresLocationInput {
  readonly url: string;
  readonly sslmode?: string;
  readonly caFile?: string;
  readonly insecureNetwork?: boolean;
}

interface ParsedUrl {
  readonly user: string;
  readonly host: string;
  readonly port: number;
  readonly database: string;
  readonly sslmode?: string;
}

function parseUrl(url: string): ParsedUrl {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new AppError('store.databaseUrl');
  }
  if (parsed.protocol !== 'postgres:' && parsed.protocol !== 'postgresql:') throw new AppError('store.databaseUrl');
  if (parsed.password !== '') throw new AppError('store.passwordInUrl');
  const database = decodeURIComponent(parsed.pathname.replace(/^\//, ''));
  const user = decodeURIComponent(parsed.username);
  if (!parsed.hostname || !database || !user || database.includes('/')) throw new AppError('store.databaseUrl');
  const params = [...parsed.searchParams.keys()];
  if (params.some((p) => p !== 'sslmode')) throw new AppError('store.databaseUrl');
  const sslmode = parsed.searchParams.get('sslmode') ?? undefined;
  return { user, host: parsed.hostname.replace(/^\[|\]$/g, ''), port: parsed.port ? Number(parsed.port) : 5432, database, ...(sslmode ? { sslmode } : {}) };
}

function isLoopback(host: string): boolean {
  if (host === 'localhost') return true;
  if (isIP(host) === 4) return host.startsWith('127.');
  return host === '::1';
}

/** Checks an address given by the user and what goes with it; refuses an unencrypted connection to another host. */
export function postgresLocation(input: PostgresLocationInput): PostgresLocation {
  const url = parseUrl(input.url);
  const mode = input.sslmode ?? url.sslmode ?? 'disable';
  if (!(SSL_MODES as readonly string[]).includes(mode)) throw new AppError('store.databaseUrl');
  const sslmode = mode as SslMode;
  if ((sslmode === 'verify-ca' || sslmode === 'verify-full') && !input.caFile) throw new AppError('store.caRequired', { sslmode });
  const insecureNetwork = input.insecureNetwork === true;
  if (sslmode === 'disable' && !isLoopback(url.host) && !insecureNetwork) throw new AppError('store.insecureNetwork', { host: url.host });
  const clean = `postgres://${encodeURIComponent(url.user)}@${url.host.includes(':') ? `[${url.host}]` : url.host}:${url.port}/${encodeURIComponent(url.database)}`;
  return { dialect: 'postgres', url: clean, sslmode, caFile: input.caFile ?? null, insecureNetwork };
}

/** The same address as it may be shown: host, port and database (the user name is not a secret, but is not needed). */
export function describeLocation(location: PostgresLocation): string {
  const url = parseUrl(location.url);
  return `postgres://${url.host}:${url.port}/${url.database}`;
}

/** node-postgres settings for a checked location; the password comes from PGPASSWORD or ~/.pgpass (pg reads both). */
export function clientConfigOf(location: PostgresLocation): ClientConfig {
  // Re-checked at every open: coordinator.json is a file anyone may have edited.
  const checked = postgresLocation({ url: location.url, sslmode: location.sslmode, ...(location.caFile ? { caFile: location.caFile } : {}), insecureNetwork: location.insecureNetwork });
  const url = parseUrl(checked.url);
  const base: ClientConfig = { user: url.user, host: url.host, port: url.port, database: url.database, application_name: 'edc' };
  if (checked.sslmode === 'disable') return { ...base, ssl: false };
  if (checked.sslmode === 'require') return { ...base, ssl: { rejectUnauthorized: false } };
  let ca: string;
  try {
    ca = readFileSync(checked.caFile!, 'utf8');
  } catch {
    throw new AppError('store.notFound', { file: checked.caFile! });
  }
  // verify-ca checks the chain only; verify-full also the host name (libpq's meaning of the two modes).
  if (checked.sslmode === 'verify-ca') return { ...base, ssl: { ca, rejectUnauthorized: true, checkServerIdentity: () => undefined } };
  return { ...base, ssl: { ca, rejectUnauthorized: true } };
}
