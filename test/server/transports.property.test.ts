// Property tests of both transports: thousands of random and malformed payloads to every contract entry
// through the IPC guard and the loopback HTTP server — never a crash, always a coded error, nothing written.

import fc from 'fast-check';
import { request } from 'node:http';
import { AppContext } from '../../src/core/api/app-context';
import { studyModules } from '../../src/studies';
import { guard } from '../../src/main/ipc';
import { startLoopbackServer, type LoopbackServer } from '../../src/server/loopback-server';
import { CHANNEL_NAMES } from '../../src/shared/contract/channels';
import { contract, CHANNELS, type Channel } from '../../src/shared/contract/contract';
import { CATALOGUE, messageKeys } from '../../src/shared/i18n/catalogue';
import { storeDigest } from '../helpers/digest';
import { createTestSite, PASSWORDS, USERS } from '../helpers/site';
import { tempDir } from '../helpers/temp';
import { dispatch } from '../../src/core/api/dispatch';

const trusted = { senderFrame: { url: 'app://edc/index.html', parent: null } } as never;
const KNOWN_CODES = new Set(messageKeys(CATALOGUE.en.errors));

/** Payloads that do not satisfy the entry's input schema: random values and near-misses of real shapes. */
function malformed(channel: Channel): fc.Arbitrary<unknown> {
  const nearMiss = fc.dictionary(
    fc.constantFrom('subjectId', 'form', 'instanceNo', 'data', 'username', 'password', 'reason', 'complete', 'identity', 'folder', 'role', 'name', 'value', '__proto__', 'constructor'),
    fc.oneof(fc.string(), fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.array(fc.anything()), fc.object()),
  );
  // Judged as the server sees it: after a JSON round trip (undefined keys vanish, NaN becomes null).
  const asSent = (v: unknown): unknown => JSON.parse(JSON.stringify(v ?? null) ?? 'null') as unknown;
  return fc
    .oneof(fc.anything(), nearMiss, fc.string(), fc.array(fc.anything()))
    .filter((v) => !contract[channel].input.safeParse(v ?? {}).success && !contract[channel].input.safeParse(asSent(v) ?? {}).success);
}

describe('transports under random and malformed input', () => {
  const tmp = tempDir();
  let ctx: AppContext;
  let server: LoopbackServer;
  let digest: () => string;

  beforeAll(async () => {
    const site = await createTestSite(tmp.dir);
    ctx = new AppContext({ dataDir: tmp.dir, modules: studyModules });
    await dispatch(ctx, 'auth:login', { username: USERS.admin, password: PASSWORDS.admin });
    digest = () => storeDigest(ctx.session!);
    server = await startLoopbackServer({ ctx, rendererDir: tmp.dir, log: () => undefined });
    expect(site.dbFile).toBe(ctx.dbFile);
  });
  afterAll(async () => {
    await server.close();
    await ctx.dispose();
    tmp.cleanup();
  });

  it('keeps the preload channel list equal to the contract', () => {
    expect([...CHANNEL_NAMES].sort()).toEqual([...CHANNELS].sort());
  });

  it('answers 10,000 malformed IPC payloads with coded errors and writes nothing', async () => {
    const before = digest();
    let calls = 0;
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...CHANNELS), async (channel) => {
        const payload = fc.sample(malformed(channel), 1)[0];
        const result = await guard(ctx, trusted, channel, payload, () => undefined);
        calls += 1;
        return !result.ok && KNOWN_CODES.has(result.error.code) && result.error.code !== 'internal.unexpected';
      }),
      { numRuns: 10_000 },
    );
    expect(calls).toBe(10_000);
    expect(digest()).toBe(before);
  });

  it('refuses unknown channels and untrusted senders over IPC', async () => {
    for (const channel of ['nope', '__proto__', 'constructor', 'toString', '', 'auth:login ']) {
      const r = await guard(ctx, trusted, channel, {}, () => undefined);
      expect(r).toMatchObject({ ok: false, error: { code: 'input.unknownChannel' } });
    }
    // Refused by the sender check itself, before the dispatcher (which would refuse a logged-out call the same way).
    const logged: string[] = [];
    const foreign = await guard(ctx, { senderFrame: { url: 'https://evil.example/', parent: null } } as never, 'users:list', {}, (line) => logged.push(line));
    expect(foreign).toMatchObject({ ok: false, error: { code: 'auth.notLoggedIn' } });
    expect(logged).toEqual(['refused users:list from an untrusted frame']);
  });

  it('answers 10,000 malformed HTTP payloads with coded errors and writes nothing', async () => {
    const before = digest();
    const samples = CHANNELS.flatMap((channel) => fc.sample(malformed(channel), Math.ceil(10_000 / CHANNELS.length)).map((p) => [channel, p] as const));
    expect(samples.length).toBeGreaterThanOrEqual(10_000);
    for (let i = 0; i < samples.length; i += 50) {
      await Promise.all(
        samples.slice(i, i + 50).map(async ([channel, payload]) => {
          const body = JSON.stringify(payload ?? null) ?? 'null';
          const res = await fetch(`${server.url}/api/${encodeURIComponent(channel)}`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'x-edc-token': server.token },
            body,
          });
          const json = (await res.json()) as { ok: boolean; error?: { code: string } };
          expect(json.ok).toBe(false);
          expect(KNOWN_CODES.has(json.error!.code)).toBe(true);
          expect(json.error!.code).not.toBe('internal.unexpected');
        }),
      );
    }
    expect(digest()).toBe(before);
  });

  it('refuses wrong hosts, foreign origins, missing tokens, non-JSON and oversized bodies', async () => {
    const call = (headers: Record<string, string>, body = '{}', path = '/api/users:list'): Promise<Response> =>
      fetch(`${server.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-edc-token': server.token, ...headers }, body });
    expect((await call({ 'x-edc-token': 'wrong' })).status).toBe(401);
    expect((await call({ 'x-edc-token': '' })).status).toBe(401);
    expect((await call({ origin: 'https://evil.example' })).status).toBe(403);
    expect((await call({ origin: 'http://localhost:1' })).status).toBe(403);
    expect((await call({ 'content-type': 'text/plain' })).status).toBe(415);
    expect((await call({}, '{bad json')).status).toBe(400);
    expect((await call({}, JSON.stringify({ x: 'a'.repeat(5 * 1024 * 1024) }))).status).toBe(413);
    const ok = await call({ origin: server.url });
    expect(((await ok.json()) as { ok: boolean }).ok).toBe(true);
    // DNS rebinding: the same socket, another Host header.
    const rebinding = await new Promise<number>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port: server.port, path: '/api/users:list', method: 'POST', headers: { host: `evil.example:${server.port}`, 'content-type': 'application/json', 'x-edc-token': server.token } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.end('{}');
    });
    expect(rebinding).toBe(421);
  });

  it('serves pages with the same CSP as the desktop window and never a file outside the renderer folder', async () => {
    const page = await fetch(`${server.url}/../../etc/passwd`);
    expect(page.status).toBe(404);
    const encoded = await fetch(`${server.url}/%2e%2e/%2e%2e/etc/passwd`);
    expect(encoded.status).toBe(404);
    expect(page.headers.get('content-security-policy')).toContain("default-src 'self'");
  });

  it('binds to 127.0.0.1 only', () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });
});
