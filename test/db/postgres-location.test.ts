// The PostgreSQL address of a central store: no password in it, TLS to any host but this one unless the user
// accepts an unencrypted network, a CA for the verifying modes; what coordinator.json records of it.

import { clientConfigOf, postgresLocation } from '../../src/db/location';

describe('a PostgreSQL address for the central store', () => {
  it('accepts a loopback server without TLS and records the address without parameters', () => {
    expect(postgresLocation({ url: 'postgres://edc_app@127.0.0.1:5433/edc' })).toEqual({ dialect: 'postgres', url: 'postgres://edc_app@127.0.0.1:5433/edc', sslmode: 'disable', caFile: null, insecureNetwork: false });
    expect(postgresLocation({ url: 'postgresql://edc_app@localhost/edc' }).url).toBe('postgres://edc_app@localhost:5432/edc');
  });

  it('refuses a password written in the address', () => {
    expect(() => postgresLocation({ url: 'postgres://edc_app:secret@127.0.0.1/edc' })).toThrow(expect.objectContaining({ code: 'store.passwordInUrl' }));
  });

  it('refuses an unencrypted connection to another host unless told --insecure-network', () => {
    expect(() => postgresLocation({ url: 'postgres://edc_app@db.hospital.example/edc' })).toThrow(expect.objectContaining({ code: 'store.insecureNetwork', details: { host: 'db.hospital.example' } }));
    expect(() => postgresLocation({ url: 'postgres://edc_app@db.hospital.example/edc?sslmode=disable' })).toThrow(expect.objectContaining({ code: 'store.insecureNetwork' }));
    expect(postgresLocation({ url: 'postgres://edc_app@db.hospital.example/edc', insecureNetwork: true })).toMatchObject({ sslmode: 'disable', insecureNetwork: true });
    expect(postgresLocation({ url: 'postgres://edc_app@db.hospital.example/edc', sslmode: 'require' })).toMatchObject({ sslmode: 'require' });
  });

  it('needs a CA certificate to verify the server, and takes sslmode from the address', () => {
    expect(() => postgresLocation({ url: 'postgres://edc_app@db.hospital.example/edc?sslmode=verify-full' })).toThrow(expect.objectContaining({ code: 'store.caRequired' }));
    expect(postgresLocation({ url: 'postgres://edc_app@db.hospital.example/edc?sslmode=verify-full', caFile: '/etc/ssl/ca.pem' })).toMatchObject({ sslmode: 'verify-full', caFile: '/etc/ssl/ca.pem' });
  });

  it('refuses what is not a PostgreSQL address or carries other parameters', () => {
    for (const url of ['mysql://u@h/db', 'postgres://h/db', 'postgres://u@h/', 'not a url', 'postgres://u@h/db?sslmode=prefer', 'postgres://u@h/db?host=/tmp']) {
      expect(() => postgresLocation({ url })).toThrow(expect.objectContaining({ code: 'store.databaseUrl' }));
    }
  });

  it('re-checks a recorded address at every open (coordinator.json may have been edited)', () => {
    const edited = { dialect: 'postgres' as const, url: 'postgres://edc_app@db.hospital.example:5432/edc', sslmode: 'disable' as const, caFile: null, insecureNetwork: false };
    expect(() => clientConfigOf(edited)).toThrow(expect.objectContaining({ code: 'store.insecureNetwork' }));
    expect(clientConfigOf({ ...edited, sslmode: 'require' })).toMatchObject({ host: 'db.hospital.example', ssl: { rejectUnauthorized: false } });
    expect(clientConfigOf({ ...edited, sslmode: 'require' })).not.toHaveProperty('password');
  });
});
