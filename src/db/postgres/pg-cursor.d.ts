// Types of pg-cursor (the package ships none): the constructor Kysely's PostgresDialect streams with, and
// what a client's `query(cursor)` needs of it (a Submittable).
declare module 'pg-cursor' {
  import type { Connection, Submittable } from 'pg';
  class Cursor<T = unknown> implements Submittable {
    constructor(text: string, values?: unknown[], config?: { rowMode?: 'array' });
    submit(connection: Connection): void;
    read(rowsCount: number): Promise<T[]>;
    close(): Promise<void>;
  }
  export = Cursor;
}
