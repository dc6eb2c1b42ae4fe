// The loopback server's bounds, with short timeouts: clients that trickle headers or never finish are
// closed, connections beyond the cap are closed as they arrive, and a normal request is served meanwhile.

import { writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { connect, type Socket } from 'node:net';
import { join } from 'node:path';
import { AppContext } from '../../src/core/api/app-context';
import { startLoopbackServer, type LoopbackBounds, type LoopbackServer } from '../../src/server/loopback-server';
import { studyModules } from '../../src/studies';
import { tempDir } from '../helpers/temp';

interface Probe {
  readonly socket: Socket;
  /** What the server sent before closing, and whether it closed. */
  readonly seen: { data: string; closed: boolean };
  readonly closed: Promise<void>;
}

function open(port: number, first?: string): Promise<Probe> {
  return new Promise((resolve, reject) => {
    const seen = { data: '', closed: false };
    const socket = connect(port, '127.0.0.1');
    const closed = new Promise<void>((done) =>
      socket.on('close', () => {
        seen.closed = true;
        done();
      }),
    );
    socket.on('data', (chunk: Buffer) => (seen.data += chunk.toString('latin1')));
    socket.on('error', () => undefined);
    socket.once('connect', () => {
      if (first !== undefined) socket.write(first);
      resolve({ socket, seen, closed });
    });
    socket.once('error', reject);
  });
}

function get(server: LoopbackServer, path: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(`${server.url}${path}`, { agent: false }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString('utf8')));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

const until = async (what: () => boolean, limitMs: number): Promise<boolean> => {
  const end = Date.now() + limitMs;
  while (!what() && Date.now() < end) await new Promise((r) => setTimeout(r, 25));
  return what();
};

describe('loopback server bounds', () => {
  const tmp = tempDir();
  let ctx: AppContext;
  const servers: LoopbackServer[] = [];
  const probes: Probe[] = [];

  const start = async (bounds: Partial<LoopbackBounds>): Promise<LoopbackServer> => {
    const server = await startLoopbackServer({ ctx, rendererDir: tmp.dir, log: () => undefined, bounds });
    servers.push(server);
    return server;
  };

  beforeAll(() => {
    writeFileSync(join(tmp.dir, 'index.html'), '<!doctype html><title>ok</title>');
    ctx = new AppContext({ dataDir: join(tmp.dir, 'data'), modules: studyModules });
  });
  afterAll(async () => {
    for (const p of probes) p.socket.destroy();
    for (const s of servers) await s.close();
    await ctx.dispose();
    tmp.cleanup();
  });

  it('closes 200 sockets that send partial headers once the header timeout passes, and serves a normal request meanwhile', async () => {
    const server = await start({ headersTimeoutMs: 400, requestTimeoutMs: 800, maxConnections: 500 });
    const slow = await Promise.all(Array.from({ length: 200 }, () => open(server.port, `GET /index.html HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\nX-Slow: `)));
    probes.push(...slow);
    const normal = await get(server, '/index.html');
    expect(normal).toMatchObject({ status: 200, body: expect.stringContaining('<title>ok</title>') as unknown });
    // Bounded wait: without the timeouts these sockets stay open forever.
    expect(await until(() => slow.every((p) => p.seen.closed), 10_000)).toBe(true);
    expect(slow.filter((p) => p.seen.data.startsWith('HTTP/1.1 408')).length).toBe(200);
  }, 30_000);

  it('closes a socket that connects and sends nothing', async () => {
    const server = await start({ headersTimeoutMs: 300, requestTimeoutMs: 600, idleTimeoutMs: 600 });
    const silent = await open(server.port);
    probes.push(silent);
    expect(await until(() => silent.seen.closed, 10_000)).toBe(true);
  }, 30_000);

  it('closes a request whose body never arrives once the request timeout passes', async () => {
    const server = await start({ headersTimeoutMs: 300, requestTimeoutMs: 600 });
    const body = await open(server.port, `POST /api/auth:status HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\nX-Edc-Token: ${server.token}\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"a":`);
    probes.push(body);
    expect(await until(() => body.seen.closed, 10_000)).toBe(true);
    expect(body.seen.data).toMatch(/^HTTP\/1\.1 408/);
  }, 30_000);

  it('closes connections beyond the cap as they arrive, and serves again once below it', async () => {
    const server = await start({ maxConnections: 5, headersTimeoutMs: 60_000, requestTimeoutMs: 60_000 });
    const held = await Promise.all(Array.from({ length: 5 }, () => open(server.port, 'GET /index.html HTTP/1.1\r\n')));
    probes.push(...held);
    // Let the server count the five before the next ones arrive.
    await new Promise((r) => setTimeout(r, 100));
    const extra = await Promise.all(Array.from({ length: 3 }, () => open(server.port, `GET /index.html HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\n\r\n`)));
    probes.push(...extra);
    expect(await until(() => extra.every((p) => p.seen.closed), 10_000)).toBe(true);
    expect(extra.map((p) => p.seen.data)).toEqual(['', '', '']);
    expect(held.some((p) => p.seen.closed)).toBe(false);

    for (const p of held) p.socket.destroy();
    await Promise.all(held.map((p) => p.closed));
    await new Promise((r) => setTimeout(r, 100));
    expect((await get(server, '/index.html')).status).toBe(200);
  }, 30_000);
});
