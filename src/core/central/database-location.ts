// A PostgreSQL address for the central store as the user gives it (CLI flags), checked by db/location.ts:
// no password in it, TLS to any other host unless the user accepts an unencrypted network.

import { describeLocation, postgresLocation, type PostgresLocation, type PostgresLocationInput } from '../../db/location';

export type { PostgresLocation } from '../../db/location';

export function centralDatabase(input: PostgresLocationInput): PostgresLocation {
  return postgresLocation(input);
}

/** The address as it may be shown: host, port, database. */
export function describeCentralDatabase(location: PostgresLocation): string {
  return describeLocation(location);
}
