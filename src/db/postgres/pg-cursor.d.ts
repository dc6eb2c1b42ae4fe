// Types of pg-cursor (the package ships none): the constructor Kysely's PostgresDialect streams with.
declare module 'pg-cursor' {
  class Cursor<T = unknown> {
    constructor(text: string, values?: unknown[]);
    read(rowsCount: number): Promise<T[]>;
    close(): Promise<void>;
  }
  export = Cursor;
}
