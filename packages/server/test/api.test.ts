/**
 * The HTTP API as a client meets it, against a real livekit-server: the directory, the token
 * endpoint's grants and access cases, errors and abuse limits, CORS, headers, health, webhooks.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { request as httpRequest } from 'node:http';
import { once } from 'node:events';
import { connect, type AddressInfo } from 'node:net';
import { after, describe, test } from 'node:test';
import express from 'express';
import { AccessToken, RoomServiceClient } from 'livekit-server-sdk';
import { startStack, testConfig, TEST_CODES, type Stack } from '../../../test/harness/index.js';
import { freeTcpPort } from '../../../scripts/lib/livekit.mjs';
import {
  conveneRouter,
  parseConfig,
  ROLE_ATTRIBUTE,
  ROLE_PROOF_ATTRIBUTE,
  type ConveneConfigInput,
  type Directory,
} from '../src/index.js';
import { EventStream, get, post, startApp, until, verifyToken, type Reply } from './helpers.js';

const ORIGIN = 'https://coop.example';

/** The host site's session, in tests: a header the test sets. Never something a browser could claim in production. */
function person(p: { identity: string; name: string; member?: boolean; moderator?: boolean }) {
  return { 'x-test-person': JSON.stringify(p) };
}

async function config(): Promise<ConveneConfigInput> {
  const base = await testConfig({ allowedOrigins: [ORIGIN] });
  const space = base.spaces[0]!;
  space.rooms.push({ slug: 'stage', name: 'Stage', access: 'public', publish: 'moderators' });
  space.rooms[0]!.furniture = [{ kind: 'chat' }, { kind: 'markdown', settings: { text: '# Hello' } }];
  return base;
}

const stack: Stack = await startStack({
  config: await config(),
  authenticate: (req) => {
    const header = req.get('x-test-person');
    return header ? JSON.parse(header) : null;
  },
  rateLimits: { tokens: false, codeGuesses: false, streamsPerClient: 1000 },
});
const api = stack.baseUrl;

// A token server whose LiveKit is not there, and one with tight limits, beside the stack's.
const { baseUrl: deadApi } = await startApp({
  config: parseConfig(await config()),
  livekit: { url: `ws://127.0.0.1:${await freeTcpPort()}`, apiKey: 'devkey', apiSecret: 'secret' },
});
const { baseUrl: guarded } = await startApp({
  // Stands behind a proxy on loopback, as the deployment guide sets it up: X-Forwarded-For names the client.
  trustProxy: 'loopback',
  config: parseConfig(await config()),
  livekit: { url: stack.livekit.url, apiKey: stack.livekit.apiKey, apiSecret: stack.livekit.apiSecret },
  rateLimits: { tokens: false, codeGuesses: { limit: 2, windowSeconds: 300 } },
});
const { baseUrl: limited } = await startApp({
  // Stands behind a proxy on loopback, as the deployment guide sets it up: X-Forwarded-For names the client.
  trustProxy: 'loopback',
  config: parseConfig(await config()),
  livekit: { url: stack.livekit.url, apiKey: stack.livekit.apiKey, apiSecret: stack.livekit.apiSecret },
  rateLimits: { tokens: { limit: 5, windowSeconds: 60 }, codeGuesses: { limit: 2, windowSeconds: 300 } },
});

// An existing site mounting the router under /convene, with its own JSON parser and session.
const host = express();
host.use(express.json());
host.get('/', (_req, res) => {
  res.send('the co-op’s own home page');
});
const hostRouter = conveneRouter({
  config: parseConfig(await config()),
  livekit: { url: stack.livekit.url, apiKey: stack.livekit.apiKey, apiSecret: stack.livekit.apiSecret },
  authenticate: (req) =>
    /(?:^|; )session=grace(?:;|$)/.test(req.get('cookie') ?? '')
      ? { identity: 'member-grace', name: 'Grace', member: true }
      : null,
  log: () => {},
});
host.use('/convene', hostRouter);
const hostServer = host.listen(0, '127.0.0.1');
await once(hostServer, 'listening');
after(() => {
  hostRouter.shutdown();
  hostServer.closeAllConnections();
  hostServer.close();
});
const hostUrl = `http://127.0.0.1:${(hostServer.address() as AddressInfo).port}`;

const token = (body: unknown, headers: Record<string, string> = {}) =>
  post(`${api}/api/spaces/river-coop/token`, body, headers);
const claims = (reply: Reply) =>
  verifyToken(reply.body.participant_token, stack.livekit.apiKey, stack.livekit.apiSecret);

describe('directory', () => {
  test('a guest sees listed public and locked rooms, entrance first, names only in public rooms', async () => {
    const reply = await get<Directory>(`${api}/api/spaces/river-coop`);
    assert.equal(reply.status, 200);
    assert.equal(reply.body.presence, 'live');
    assert.equal(reply.body.entrance, 'lobby');
    assert.deepEqual(
      reply.body.rooms.map((r) => r.slug),
      ['lobby', 'workshop', 'tiny', 'stage'],
    );
    const [lobby, workshop, tiny] = reply.body.rooms;
    assert.deepEqual(lobby?.people, []);
    assert.equal(lobby?.count, 0);
    assert.deepEqual(lobby?.furniture, [
      { kind: 'chat', settings: {} },
      { kind: 'markdown', settings: { text: '# Hello' } },
    ]);
    assert.equal(workshop?.people, undefined, 'a locked room shows only a count');
    assert.equal(workshop?.count, 0);
    assert.equal(tiny?.capacity, 1);
    assert.ok(!JSON.stringify(reply.body).includes('scrypt'), 'no code hash reaches a browser');
  });

  test('a member also sees members-only rooms; unlisted rooms stay hidden', async () => {
    const reply = await get<Directory>(
      `${api}/api/spaces/river-coop`,
      person({ identity: 'm1', name: 'M', member: true }),
    );
    assert.deepEqual(
      reply.body.rooms.map((r) => r.slug),
      ['lobby', 'workshop', 'members', 'tiny', 'stage'],
    );
    assert.equal(reply.body.rooms[2]?.people, undefined);
  });

  test('the directory says when the host site makes the visitor a moderator, and only then', async () => {
    const url = `${api}/api/spaces/river-coop`;
    const moderator = await get<Directory>(url, person({ identity: 'mod-d', name: 'Mo', moderator: true }));
    assert.equal(moderator.body.moderator, true);
    for (const headers of [{}, person({ identity: 'm2', name: 'M', member: true })]) {
      assert.equal((await get<Directory>(url, headers)).body.moderator, undefined);
    }
  });

  test('an unknown space is 404 space_not_found', async () => {
    const reply = await get(`${api}/api/spaces/nowhere`);
    assert.equal(reply.status, 404);
    assert.equal(reply.body.error.code, 'space_not_found');
  });
});

describe('token grants', () => {
  test('a guest gets a random identity and the least grants for one room, for 10 minutes at most', async () => {
    const reply = await token({
      room_name: 'lobby',
      participant_name: 'Ada',
      participant_identity: 'admin',
      participant_attributes: { [ROLE_ATTRIBUTE]: 'moderator' },
      room_config: { max_participants: 1000 },
    });
    assert.equal(reply.status, 201);
    const body = reply.body;
    assert.equal(body.server_url, stack.livekit.url);
    assert.match(body.identity, /^guest-[0-9a-f]{32}-[0-9a-f]{8}$/, 'guest-<browser’s guest id>-<random>');
    assert.equal(body.name, 'Ada');
    assert.equal(body.room, 'lobby');
    assert.equal(body.livekit_room, 'river-coop/lobby');
    assert.equal(body.moderator, false);
    assert.deepEqual(
      body.furniture.map((f: { kind: string }) => f.kind),
      ['chat', 'markdown'],
    );
    const jwt = await claims(reply);
    assert.equal(jwt.sub, body.identity);
    assert.equal(jwt.name, 'Ada');
    assert.deepEqual(jwt.video, {
      room: 'river-coop/lobby',
      roomJoin: true,
      canSubscribe: true,
      canPublish: true,
      canPublishData: true,
    });
    assert.deepEqual(jwt.attributes, { [ROLE_ATTRIBUTE]: 'guest' });
    assert.equal(jwt.roomConfig, undefined, 'the browser cannot choose room settings');
    const { exp, nbf } = jwt as { exp: number; nbf: number };
    assert.ok(exp - nbf <= 600 && exp - nbf > 0, `ttl ${exp - nbf}`);
    assert.equal(Date.parse(body.expires_at) / 1000, exp);
    const again = await token({ room_name: 'lobby', participant_name: 'Ada' });
    assert.notEqual(again.body.identity, body.identity);
  });

  test('names are trimmed, stripped of control characters, 1–64 characters; a missing name is "Guest"', async () => {
    const clean = await token({ room_name: 'lobby', participant_name: '  Ada\u0000\u202e Love\u200blace\n ' });
    assert.equal(clean.status, 201);
    assert.equal(clean.body.name, 'Ada Lovelace');
    assert.equal((await claims(clean)).name, 'Ada Lovelace');
    assert.equal((await token({ room_name: 'lobby' })).body.name, 'Guest');
    for (const name of ['', '   ', '\u0007\u0008', 'x'.repeat(65)]) {
      const reply = await token({ room_name: 'lobby', participant_name: name });
      assert.equal(reply.status, 400, JSON.stringify(name));
      assert.equal(reply.body.error.issues[0].path, 'participant_name');
    }
  });

  test("a signed-in person gets the host site's identity and name, whatever the browser says", async () => {
    const reply = await token(
      { room_name: 'lobby', participant_name: 'Someone else' },
      person({ identity: 'user-42', name: 'Grace', member: true }),
    );
    assert.equal(reply.status, 201);
    assert.equal(reply.body.identity, 'user-42');
    assert.equal(reply.body.name, 'Grace');
    const jwt = await claims(reply);
    assert.equal(jwt.sub, 'user-42');
    assert.equal(jwt.attributes?.[ROLE_ATTRIBUTE], 'member');
  });

  test('publishing follows the room: on a stage only moderators publish', async () => {
    const guest = await claims(await token({ room_name: 'stage', participant_name: 'A' }));
    assert.equal(guest.video?.canPublish, false);
    assert.equal(guest.video?.canSubscribe, true);
    const host = await claims(
      await token({ room_name: 'stage' }, person({ identity: 'host', name: 'Host', moderator: true })),
    );
    assert.equal(host.video?.canPublish, true);
    assert.equal(host.video?.roomAdmin, undefined, 'moderators get no LiveKit admin grant');
  });
});

describe('access', () => {
  test('locked: no code is 401, a wrong code 403, the right code admits', async () => {
    const none = await token({ room_name: 'workshop', participant_name: 'A' });
    assert.equal(none.status, 401);
    assert.equal(none.body.error.code, 'access_code_required');
    const wrong = await token({ room_name: 'workshop', participant_name: 'A', access_code: 'river-0000' });
    assert.equal(wrong.status, 403);
    assert.equal(wrong.body.error.code, 'access_code_invalid');
    const right = await token({ room_name: 'workshop', participant_name: 'A', access_code: ` ${TEST_CODES.locked} ` });
    assert.equal(right.status, 201);
    assert.equal(right.body.moderator, false);
    assert.equal((await claims(right)).video?.room, 'river-coop/workshop');
  });

  test('a moderator code makes a moderator (with the server’s proof) and opens a locked room', async () => {
    const reply = await token({ room_name: 'workshop', participant_name: 'Mo', moderator_code: TEST_CODES.moderator });
    assert.equal(reply.status, 201);
    assert.equal(reply.body.moderator, true);
    const jwt = await claims(reply);
    assert.equal(jwt.attributes?.[ROLE_ATTRIBUTE], 'moderator');
    assert.match(jwt.attributes?.[ROLE_PROOF_ATTRIBUTE] ?? '', /^(host|code)\.\d{10}\.[A-Za-z0-9_-]{43}$/);
    assert.equal(jwt.video?.roomAdmin, undefined);
    const wrong = await token({ room_name: 'workshop', participant_name: 'Mo', moderator_code: 'nope-nope' });
    assert.equal(wrong.status, 403);
    assert.equal(wrong.body.error.code, 'access_code_invalid');
    const noCode = await token({ room_name: 'lobby', participant_name: 'Mo', moderator_code: TEST_CODES.moderator });
    assert.equal(noCode.status, 403, 'a room without a moderator code makes nobody a moderator by code');
  });

  test('a moderator from the host site needs no access code', async () => {
    const reply = await token({ room_name: 'workshop' }, person({ identity: 'mod-1', name: 'Mod', moderator: true }));
    assert.equal(reply.status, 201);
    assert.equal(reply.body.moderator, true);
  });

  test('members-only: 404 for guests and non-members, admitted for members', async () => {
    for (const headers of [{}, person({ identity: 'u', name: 'U', member: false })]) {
      const reply = await token({ room_name: 'members', participant_name: 'A' }, headers);
      assert.equal(reply.status, 404);
      assert.equal(reply.body.error.code, 'members_only');
    }
    const member = await token({ room_name: 'members' }, person({ identity: 'm', name: 'M', member: true }));
    assert.equal(member.status, 201);
  });

  test('an unlisted room admits anyone with its link; an unknown room is 404', async () => {
    assert.equal((await token({ room_name: 'back-office', participant_name: 'A' })).status, 201);
    const unknown = await token({ room_name: 'attic', participant_name: 'A' });
    assert.equal(unknown.status, 404);
    assert.equal(unknown.body.error.code, 'room_not_found');
  });

  test('a room with a capacity is created in LiveKit with the same max participants', async () => {
    const reply = await token({ room_name: 'tiny', participant_name: 'A' });
    assert.equal(reply.status, 201);
    assert.deepEqual((await claims(reply)).roomConfig, { maxParticipants: 1 } as never);
    const rooms = new RoomServiceClient(stack.livekit.httpUrl, stack.livekit.apiKey, stack.livekit.apiSecret);
    const [room] = await rooms.listRooms(['river-coop/tiny']);
    assert.equal(room?.maxParticipants, 1);
  });
});

describe('bad input', () => {
  const url = () => `${api}/api/spaces/river-coop/token`;
  const cases: { name: string; send: () => Promise<Reply>; status: number; code: string }[] = [
    { name: 'bad JSON', send: () => post(url(), '{"room_name": "lobby",'), status: 400, code: 'invalid_request' },
    { name: 'JSON null', send: () => post(url(), 'null'), status: 400, code: 'invalid_request' },
    { name: 'a JSON array', send: () => post(url(), '[1,2]'), status: 400, code: 'invalid_request' },
    { name: 'an empty body', send: () => post(url(), ''), status: 400, code: 'invalid_request' },
    { name: 'room_name a number', send: () => token({ room_name: 7 }), status: 400, code: 'invalid_request' },
    {
      name: 'participant_name an object',
      send: () => token({ room_name: 'lobby', participant_name: { toString: 'x' } }),
      status: 400,
      code: 'invalid_request',
    },
    {
      name: 'access_code a list',
      send: () => token({ room_name: 'workshop', access_code: ['a'] }),
      status: 400,
      code: 'invalid_request',
    },
    {
      name: 'a huge access code',
      send: () => token({ room_name: 'workshop', access_code: 'x'.repeat(129) }),
      status: 400,
      code: 'invalid_request',
    },
    {
      name: 'path trick in room_name',
      send: () => token({ room_name: '../lobby' }),
      status: 400,
      code: 'invalid_request',
    },
    {
      name: '__proto__ as room_name',
      send: () => token({ room_name: '__proto__' }),
      status: 400,
      code: 'invalid_request',
    },
    { name: 'upper-case room_name', send: () => token({ room_name: 'LOBBY' }), status: 400, code: 'invalid_request' },
    {
      name: 'a body over 16 KiB',
      send: () => token({ room_name: 'lobby', participant_name: 'x'.repeat(17 * 1024) }),
      status: 413,
      code: 'payload_too_large',
    },
    {
      name: 'form-encoded',
      send: () => post(url(), 'room_name=lobby', { 'content-type': 'application/x-www-form-urlencoded' }),
      status: 415,
      code: 'unsupported_media_type',
    },
    {
      name: 'text/plain (a cross-site simple request)',
      send: () => post(url(), '{"room_name":"lobby"}', { 'content-type': 'text/plain' }),
      status: 415,
      code: 'unsupported_media_type',
    },
    {
      name: 'an unsupported charset',
      send: () => post(url(), '{"room_name":"lobby"}', { 'content-type': 'application/json; charset=ebcdic' }),
      status: 415,
      code: 'unsupported_media_type',
    },
    {
      name: 'an unknown space',
      send: () => post(`${api}/api/spaces/nowhere/token`, { room_name: 'lobby' }),
      status: 404,
      code: 'space_not_found',
    },
    {
      name: 'an encoded path trick',
      send: () => post(`${api}/api/spaces/..%2F..%2Fetc/token`, { room_name: 'lobby' }),
      status: 404,
      code: 'space_not_found',
    },
    {
      name: 'a malformed escape',
      send: () => post(`${api}/api/spaces/%E0%A4%A/token`, { room_name: 'lobby' }),
      status: 400,
      code: 'invalid_request',
    },
    {
      name: 'an unknown endpoint',
      send: () => get<any>(`${api}/api/spaces/river-coop/secrets`),
      status: 404,
      code: 'not_found',
    },
    {
      name: 'GET on the token endpoint',
      send: () => get(`${api}/api/spaces/river-coop/token`),
      status: 404,
      code: 'not_found',
    },
    {
      name: 'moderation with bad JSON',
      send: () => post(`${api}/api/spaces/river-coop/rooms/lobby/moderation`, '{"action":'),
      status: 400,
      code: 'invalid_request',
    },
    {
      name: 'moderation with a body over 16 KiB',
      send: () => post(`${api}/api/spaces/river-coop/rooms/lobby/moderation`, { identity: 'x'.repeat(17_000) }),
      status: 413,
      code: 'payload_too_large',
    },
    {
      name: 'moderation in an unknown room',
      send: () => post(`${api}/api/spaces/river-coop/rooms/attic/moderation`, { action: 'mute', identity: 'x' }),
      status: 404,
      code: 'room_not_found',
    },
    {
      name: 'moderation in an unknown space',
      send: () => post(`${api}/api/spaces/nowhere/rooms/lobby/moderation`, { action: 'mute', identity: 'x' }),
      status: 404,
      code: 'space_not_found',
    },
    // The routes issue 14 added read their bodies the same way.
    {
      name: 'a hand with bad JSON',
      send: () => post(`${api}/api/spaces/river-coop/rooms/lobby/hand`, '{"up":'),
      status: 400,
      code: 'invalid_request',
    },
    {
      name: 'a seat with a body over 16 KiB',
      send: () => post(`${api}/api/spaces/river-coop/rooms/lobby/seat`, { table: 'x'.repeat(17_000) }),
      status: 413,
      code: 'payload_too_large',
    },
    {
      name: 'a role in an unknown room',
      send: () => post(`${api}/api/spaces/river-coop/rooms/attic/role`, {}),
      status: 404,
      code: 'room_not_found',
    },
    {
      name: 'a role with a token that is not one',
      send: () => post(`${api}/api/spaces/river-coop/rooms/lobby/role`, '[1]', { authorization: 'Bearer x.y.z' }),
      status: 401,
      code: 'unauthorized',
    },
    {
      name: 'events for an unknown space',
      send: () => get(`${api}/api/spaces/nowhere/events`),
      status: 404,
      code: 'space_not_found',
    },
    {
      name: 'a webhook over 64 KiB',
      send: () =>
        post(`${api}/api/livekit/webhook`, 'x'.repeat(70_000), { 'content-type': 'application/webhook+json' }),
      status: 413,
      code: 'payload_too_large',
    },
    {
      name: 'a compressed body',
      send: () => post(url(), '{"room_name":"lobby"}', { 'content-encoding': 'gzip' }),
      status: 415,
      code: 'unsupported_media_type',
    },
  ];
  for (const c of cases) {
    test(`${c.name} → ${c.status} ${c.code}`, async () => {
      const reply = await c.send();
      assert.equal(reply.status, c.status, JSON.stringify(reply.body));
      assert.equal(reply.body.error.code, c.code);
      assert.equal(typeof reply.body.error.message, 'string');
      assert.match(reply.headers.get('content-type') ?? '', /^application\/json/);
      assert.doesNotMatch(JSON.stringify(reply.body), /node_modules|at .*\.(ts|js):\d+|SyntaxError/);
    });
  }

  test('a chunked body over 16 KiB with no length is still 413', async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const req = httpRequest(
        `${api}/api/spaces/river-coop/token`,
        { method: 'POST', headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' } },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', reject);
      req.write('{"room_name":"lobby","participant_name":"');
      for (let i = 0; i < 20; i++) req.write('x'.repeat(1024));
      req.end('"}');
    });
    assert.equal(status, 413);
  });
});

describe('headers, CORS and health', () => {
  test('security headers on answers and refusals alike', async () => {
    for (const reply of [
      await get(`${api}/api/spaces/river-coop`),
      await get(`${api}/api/spaces/nope`),
      await get(`${limited}/api/spaces/river-coop`),
    ]) {
      assert.equal(reply.headers.get('x-content-type-options'), 'nosniff');
      assert.equal(reply.headers.get('referrer-policy'), 'no-referrer');
      assert.equal(reply.headers.get('content-security-policy'), "default-src 'none'; frame-ancestors 'none'");
      assert.equal(reply.headers.get('x-frame-options'), 'DENY');
      assert.equal(reply.headers.get('cache-control'), 'no-store');
    }
    const standalone = await fetch(`${limited}/healthz`);
    assert.equal(standalone.headers.get('x-powered-by'), null);
    assert.equal(standalone.headers.get('x-content-type-options'), 'nosniff');
  });

  test('the embed and its chunks load as module scripts on any site; the API stays limited', async () => {
    // A co-op's page on another origin fetches convene.js as a module script, in CORS mode.
    const dir = mkdtempSync(join(tmpdir(), 'convene-embed-'));
    mkdirSync(join(dir, 'chunks'));
    writeFileSync(join(dir, 'convene.js'), 'export {};');
    writeFileSync(join(dir, 'chunks', 'livekit-client-x.js'), 'export {};');
    const options = {
      config: parseConfig(await config()),
      livekit: { url: stack.livekit.url, apiKey: stack.livekit.apiKey, apiSecret: stack.livekit.apiSecret },
    };
    const { baseUrl } = await startApp({ ...options, elementsDir: dir });
    for (const path of ['/convene.js', '/chunks/livekit-client-x.js']) {
      const script = await fetch(`${baseUrl}${path}`, { headers: { origin: 'https://elsewhere.example' } });
      assert.equal(script.status, 200, path);
      assert.equal(script.headers.get('access-control-allow-origin'), '*', path);
      assert.equal(script.headers.get('access-control-allow-credentials'), null, path);
    }
    const directory = await get(`${baseUrl}/api/spaces/river-coop`, { origin: 'https://elsewhere.example' });
    assert.equal(directory.headers.get('access-control-allow-origin'), null);
    // The folder given relative to the working directory serves the same files (not a 500).
    const fromHere = await startApp({ ...options, elementsDir: relative(process.cwd(), dir) });
    for (const path of ['/convene.js', '/chunks/livekit-client-x.js']) {
      const script = await fetch(`${fromHere.baseUrl}${path}`);
      assert.equal(script.status, 200, path);
      assert.equal(await script.text(), 'export {};', path);
    }
    rmSync(dir, { recursive: true, force: true });
  });

  test("CORS answers the space's allowed origins only", async () => {
    const preflight = await fetch(`${api}/api/spaces/river-coop/token`, {
      method: 'OPTIONS',
      headers: { origin: ORIGIN, 'access-control-request-method': 'POST' },
    });
    assert.equal(preflight.status, 204);
    assert.equal(preflight.headers.get('access-control-allow-origin'), ORIGIN);
    assert.equal(preflight.headers.get('access-control-allow-credentials'), 'true');
    assert.match(preflight.headers.get('access-control-allow-methods') ?? '', /POST/);

    const allowed = await token({ room_name: 'lobby', participant_name: 'A' }, { origin: ORIGIN });
    assert.equal(allowed.status, 201);
    assert.equal(allowed.headers.get('access-control-allow-origin'), ORIGIN);

    const evilPreflight = await fetch(`${api}/api/spaces/river-coop/token`, {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
    });
    assert.equal(evilPreflight.headers.get('access-control-allow-origin'), null);
    const evilGet = await get(`${api}/api/spaces/river-coop`, { origin: 'https://evil.example' });
    assert.equal(evilGet.headers.get('access-control-allow-origin'), null);
    const evilPost = await token({ room_name: 'lobby', participant_name: 'A' }, { origin: 'https://evil.example' });
    assert.equal(evilPost.status, 403);
    assert.equal(evilPost.body.error.code, 'origin_not_allowed');
    const sameOrigin = await token({ room_name: 'lobby', participant_name: 'A' }, { origin: api });
    assert.equal(sameOrigin.status, 201);

    // A mistyped space: a configured origin may read the 404 (so the page can say so), others may not.
    const unknown = await get(`${api}/api/spaces/river-cop`, { origin: ORIGIN });
    assert.equal(unknown.status, 404);
    assert.equal(unknown.headers.get('access-control-allow-origin'), ORIGIN);
    const unknownEvil = await get(`${api}/api/spaces/river-cop`, { origin: 'https://evil.example' });
    assert.equal(unknownEvil.headers.get('access-control-allow-origin'), null);
  });

  test('/healthz says whether LiveKit answers', async () => {
    const reply = await get(`${api}/healthz`);
    assert.equal(reply.status, 200);
    assert.deepEqual(reply.body, { ok: true, livekit: 'reachable', store: 'memory' });
  });
});

describe('mounted in an existing Express app', () => {
  test("the router works under a prefix, beside the site's own routes, parser and session", async () => {
    const home = await fetch(`${hostUrl}/`);
    assert.equal(await home.text(), 'the co-op’s own home page');
    const directory = await get<Directory>(`${hostUrl}/convene/api/spaces/river-coop`, { cookie: 'session=grace' });
    assert.equal(directory.status, 200);
    assert.ok(directory.body.rooms.some((r) => r.slug === 'members'));
    const reply = await post(
      `${hostUrl}/convene/api/spaces/river-coop/token`,
      { room_name: 'members', participant_name: 'Not Grace' },
      { cookie: 'session=grace' },
    );
    assert.equal(reply.status, 201, JSON.stringify(reply.body));
    assert.equal(reply.body.identity, 'member-grace');
    assert.equal(reply.body.name, 'Grace');
    const guest = await post(`${hostUrl}/convene/api/spaces/river-coop/token`, { room_name: 'members' });
    assert.equal(guest.status, 404);
    assert.equal(guest.body.error.code, 'members_only');
    const unknown = await get(`${hostUrl}/convene/api/nothing`);
    assert.equal(unknown.body.error.code, 'not_found');
    const health = await get(`${hostUrl}/convene/healthz`);
    assert.equal(health.status, 200);
  });
});

describe('without LiveKit', () => {
  test('health is 503 unreachable, the directory still answers, a capacity check is 503 livekit_unavailable', async () => {
    const health = await get(`${deadApi}/healthz`);
    assert.equal(health.status, 503);
    assert.deepEqual(health.body, { ok: false, livekit: 'unreachable', store: 'memory' });
    const directory = await get<Directory>(`${deadApi}/api/spaces/river-coop`);
    assert.equal(directory.status, 200);
    assert.equal(directory.body.presence, 'unavailable');
    const full = await post(`${deadApi}/api/spaces/river-coop/token`, { room_name: 'tiny', participant_name: 'A' });
    assert.equal(full.status, 503);
    assert.equal(full.body.error.code, 'livekit_unavailable');
    const lobby = await post(`${deadApi}/api/spaces/river-coop/token`, { room_name: 'lobby', participant_name: 'A' });
    assert.equal(lobby.status, 201, 'a room without a capacity needs no LiveKit call');
  });
});

describe('rate limits', () => {
  const from = (ip: string) => ({ 'x-forwarded-for': ip });

  test('wrong access codes are limited per client and room, with Retry-After; others are unaffected', async () => {
    const guess = (code: string, ip: string, room = 'workshop') =>
      post(`${limited}/api/spaces/river-coop/token`, { room_name: room, access_code: code }, from(ip));
    assert.equal((await guess('wrong-1', '10.0.0.1')).status, 403);
    assert.equal((await guess('wrong-2', '10.0.0.1')).status, 403);
    const blocked = await guess(TEST_CODES.locked, '10.0.0.1');
    assert.equal(blocked.status, 429, 'even the right code waits once the guesses are used up');
    assert.equal(blocked.body.error.code, 'rate_limited');
    const retry = Number(blocked.headers.get('retry-after'));
    assert.ok(retry > 0 && retry <= 300, `Retry-After ${retry}`);
    assert.equal((await guess(TEST_CODES.locked, '10.0.0.2')).status, 201, 'another client');
  });

  test('guesses sent all at once are counted before they are checked', async () => {
    const replies = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        post(
          `${guarded}/api/spaces/river-coop/token`,
          { room_name: 'workshop', access_code: `wrong-${i}` },
          from('10.0.0.3'),
        ),
      ),
    );
    const statuses = replies.map((r) => r.status).sort();
    assert.deepEqual(statuses, [403, 403, ...Array(10).fill(429)]);
    assert.ok(replies.every((r) => r.status !== 429 || /wrong codes/.test(r.body.error.message)));
  });

  test('right codes do not use up the guesses of people behind one address', async () => {
    for (let i = 0; i < 5; i++) {
      const reply = await post(
        `${guarded}/api/spaces/river-coop/token`,
        { room_name: 'workshop', access_code: TEST_CODES.locked },
        from('10.0.0.4'),
      );
      assert.equal(reply.status, 201);
    }
  });

  test('token requests are limited per client', async () => {
    const ask = () =>
      post(`${limited}/api/spaces/river-coop/token`, { room_name: 'lobby', participant_name: 'A' }, from('10.0.0.9'));
    for (let i = 0; i < 5; i++) assert.equal((await ask()).status, 201);
    const refused = await ask();
    assert.equal(refused.status, 429);
    assert.equal(refused.body.error.code, 'rate_limited');
    assert.ok(Number(refused.headers.get('retry-after')) > 0);
  });
});

// Code guesses with the default per-client limit (10) and a small room-wide one (12), in three locked rooms.
async function twoLockedRooms(): Promise<ConveneConfigInput> {
  const base = await config();
  const rooms = base.spaces[0]!.rooms;
  const workshop = rooms.find((r) => r.slug === 'workshop')!;
  for (const slug of ['studio', 'atelier'])
    rooms.push({ slug, name: slug, access: 'locked', accessCode: workshop.accessCode });
  return base;
}
const { baseUrl: roomGuarded } = await startApp({
  // Stands behind a proxy on loopback, as the deployment guide sets it up: X-Forwarded-For names the client.
  trustProxy: 'loopback',
  config: parseConfig(await twoLockedRooms()),
  livekit: { url: stack.livekit.url, apiKey: stack.livekit.apiKey, apiSecret: stack.livekit.apiSecret },
  rateLimits: { tokens: false, roomCodeGuesses: { limit: 12, windowSeconds: 600 } },
});

describe('code guesses per network and per room', () => {
  const guess = (code: string, ip: string, room = 'workshop') =>
    post(
      `${roomGuarded}/api/spaces/river-coop/token`,
      { room_name: room, access_code: code },
      { 'x-forwarded-for': ip },
    );

  test('fourteen wrong codes from fourteen addresses of one IPv6 /64 are limited as one client', async () => {
    const statuses = [];
    for (let i = 1; i <= 14; i++) statuses.push((await guess(`wrong-${i}`, `2001:db8:aa:1::${i.toString(16)}`)).status);
    assert.deepEqual(statuses, [...Array(10).fill(403), ...Array(4).fill(429)]);
    const blocked = await guess(TEST_CODES.locked, '2001:db8:aa:1:ffff:ffff:ffff:ffff');
    assert.equal(blocked.status, 429, 'even the right code, from yet another address of that /64');
    assert.ok(Number(blocked.headers.get('retry-after')) > 0);
    assert.equal((await guess(TEST_CODES.locked, '2001:db8:aa:2::1')).status, 201, 'the next /64 is another client');
  });

  test('an IPv4 client counts as itself, written as IPv4-mapped IPv6 too', async () => {
    const mapped = (await guess('wrong', '::ffff:198.51.100.7', 'studio')).status;
    assert.equal(mapped, 403);
    for (let i = 0; i < 9; i++) assert.equal((await guess('wrong', '198.51.100.7', 'studio')).status, 403);
    assert.equal((await guess('wrong', '::ffff:c633:6407', 'studio')).status, 429);
    assert.equal((await guess(TEST_CODES.locked, '198.51.100.8', 'studio')).status, 201, 'the next address is not');
  });

  test('wrong codes from many clients are limited per room, with Retry-After; other rooms are unaffected', async () => {
    const replies = [];
    for (let i = 0; i < 14; i++) replies.push(await guess(`wrong-${i}`, `203.0.113.${i + 1}`, 'atelier'));
    assert.deepEqual(
      replies.map((r) => r.status),
      [...Array(12).fill(403), 429, 429],
      'each address guessed once only',
    );
    const refused = replies[12]!;
    assert.equal(refused.body.error.code, 'rate_limited');
    assert.match(refused.body.error.message, /Too many wrong codes for this room/);
    const retry = Number(refused.headers.get('retry-after'));
    assert.ok(retry > 0 && retry <= 600, `Retry-After ${retry}`);
    const right = await guess(TEST_CODES.locked, '203.0.113.200', 'atelier');
    assert.equal(right.status, 429, 'a new address with the right code waits too: rotating addresses buys nothing');
    assert.equal((await guess(TEST_CODES.locked, '203.0.113.201', 'studio')).status, 201, 'another room');
    const lobby = await post(
      `${roomGuarded}/api/spaces/river-coop/token`,
      { room_name: 'lobby' },
      {
        'x-forwarded-for': '203.0.113.202',
      },
    );
    assert.equal(lobby.status, 201, 'a room without a code is not affected');
  });
});

describe('who a client is, behind a proxy or not', () => {
  test('without trustProxy a peer cannot choose its rate-limit address with X-Forwarded-For', async () => {
    const { baseUrl } = await startApp({
      config: parseConfig(await config()),
      livekit: { url: stack.livekit.url, apiKey: stack.livekit.apiKey, apiSecret: stack.livekit.apiSecret },
      rateLimits: { tokens: { limit: 3, windowSeconds: 60 } },
    });
    const statuses = [];
    for (let i = 1; i <= 4; i++) {
      const reply = await post(
        `${baseUrl}/api/spaces/river-coop/token`,
        { room_name: 'lobby' },
        { 'x-forwarded-for': `198.51.100.${i}` },
      );
      statuses.push(reply.status);
    }
    assert.deepEqual(statuses, [201, 201, 201, 429], 'four "addresses" from one peer are one client');
  });
});

describe('LiveKit webhook', () => {
  const url = () => `${api}/api/livekit/webhook`;
  const event = JSON.stringify({
    event: 'room_started',
    room: { name: 'river-coop/lobby' },
    id: 'EV_1',
    createdAt: '1',
  });
  async function signed(body: string, secret: string) {
    const at = new AccessToken('devkey', secret);
    at.sha256 = (await import('node:crypto')).createHash('sha256').update(body).digest('base64');
    return at.toJwt();
  }
  const send = (body: string, authorization?: string) =>
    post(url(), body, {
      'content-type': 'application/webhook+json',
      ...(authorization ? { authorization } : {}),
    });

  test('a missing, forged or mismatched signature is 401', async () => {
    for (const reply of [
      await send(event),
      await send(event, 'not-a-jwt'),
      await send(event, await signed(event, 'not-the-secret')),
      await send(event.replace('lobby', 'tiny'), await signed(event, stack.livekit.apiSecret)),
    ]) {
      assert.equal(reply.status, 401);
      assert.equal(reply.body.error.code, 'unauthorized');
    }
  });

  test("a webhook signed with the server's key is accepted", async () => {
    const reply = await send(event, await signed(event, stack.livekit.apiSecret));
    assert.equal(reply.status, 200);
  });
});

describe('moderation authorisation', () => {
  const moderate = (body: unknown, bearer?: string, room = 'workshop') =>
    post(
      `${api}/api/spaces/river-coop/rooms/${room}/moderation`,
      body,
      bearer ? { authorization: `Bearer ${bearer}` } : {},
    );

  test('no token is 401; a guest, a forged role or another room’s moderator is 403', async () => {
    const none = await moderate({ action: 'mute', identity: 'x' });
    assert.equal(none.status, 401);
    assert.equal(none.body.error.code, 'unauthorized');
    assert.equal((await moderate({ action: 'mute', identity: 'x' }, 'garbage')).status, 401);

    const guest = await token({ room_name: 'workshop', access_code: TEST_CODES.locked });
    const asGuest = await moderate({ action: 'remove', identity: 'x' }, guest.body.participant_token);
    assert.equal(asGuest.status, 403);
    assert.equal(asGuest.body.error.code, 'forbidden');

    // What a guest could get by setting its own attributes and having LiveKit refresh its token:
    // signed with the right key, role "moderator", but no valid proof for its identity.
    const moderator = await claims(await token({ room_name: 'workshop', moderator_code: TEST_CODES.moderator }));
    for (const attributes of <Record<string, string>[]>[
      { [ROLE_ATTRIBUTE]: 'moderator' },
      { [ROLE_ATTRIBUTE]: 'moderator', [ROLE_PROOF_ATTRIBUTE]: moderator.attributes?.[ROLE_PROOF_ATTRIBUTE] ?? '' },
    ]) {
      const forged = new AccessToken(stack.livekit.apiKey, stack.livekit.apiSecret, {
        identity: guest.body.identity,
        attributes,
      });
      forged.addGrant({ room: 'river-coop/workshop', roomJoin: true });
      assert.equal((await moderate({ action: 'remove', identity: 'x' }, await forged.toJwt())).status, 403);
    }

    const lobbyModerator = await token(
      { room_name: 'lobby' },
      person({ identity: 'mod-2', name: 'M', moderator: true }),
    );
    const elsewhere = await moderate({ action: 'mute', identity: 'x' }, lobbyModerator.body.participant_token);
    assert.equal(elsewhere.status, 403, "a lobby moderator's token does not moderate the workshop");
  });

  test('the token is read before the body: without one a bad body is 401; with any token for the room, 400', async () => {
    const none = await moderate({ action: 'ban', identity: 'x' });
    assert.equal(none.status, 401);
    assert.equal(none.headers.get('www-authenticate'), 'Bearer');
    const guest = await token({ room_name: 'workshop', access_code: TEST_CODES.locked });
    const bad = await moderate({ action: 'ban', identity: 'x' }, guest.body.participant_token);
    assert.equal(bad.status, 400, 'a bad request, whoever sends it, before whether they may');
    assert.equal(bad.body.error.issues[0].path, 'action');
    const forbidden = await moderate({ action: 'mute', identity: 'x' }, guest.body.participant_token);
    assert.equal(forbidden.status, 403);
    assert.equal(forbidden.body.error.message, 'Only a moderator of this room may mute or remove people.');
    const spotlight = await moderate({ action: 'spotlight', identity: 'x' }, guest.body.participant_token);
    assert.equal(spotlight.status, 403);
    assert.equal(spotlight.body.error.message, 'Only a moderator of this room may choose who is in the spotlight.');
  });

  test('a moderator gets 400 for a bad action and 404 for someone who is not there', async () => {
    const mod = await token({ room_name: 'workshop', moderator_code: TEST_CODES.moderator });
    const bad = await moderate({ action: 'ban', identity: 'x' }, mod.body.participant_token);
    assert.equal(bad.status, 400);
    assert.equal(bad.body.error.issues[0].path, 'action');
    const absent = await moderate({ action: 'remove', identity: 'nobody' }, mod.body.participant_token);
    assert.equal(absent.status, 404);
    assert.equal(absent.body.error.code, 'participant_not_found');
  });
});

// Issue 14, the smaller points: limits on every endpoint that costs work, a server-wide stream cap,
// hidden rooms and locked furniture, same-host POSTs, and a 413 the client can read.

/** A request over a raw connection, with any Host header and a body written in chunks; resolves with the answer. */
function rawRequest(
  url: string,
  {
    method = 'POST',
    headers = {},
    chunks = [],
  }: { method?: string; headers?: Record<string, string>; chunks?: string[] },
): Promise<{ status: number; headers: Record<string, unknown>; body: any }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method, headers, agent: false }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text ? JSON.parse(text) : undefined }),
      );
      res.on('error', reject);
    });
    req.on('error', reject);
    for (const chunk of chunks) req.write(chunk);
    req.end();
  });
}

const { baseUrl: tight } = await startApp({
  // Stands behind a proxy on loopback, as the deployment guide sets it up: X-Forwarded-For names the client.
  trustProxy: 'loopback',
  config: parseConfig(await config()),
  livekit: { url: stack.livekit.url, apiKey: stack.livekit.apiKey, apiSecret: stack.livekit.apiSecret },
  rateLimits: {
    tokens: false,
    health: { limit: 2, windowSeconds: 60 },
    moderation: { limit: 2, windowSeconds: 60 },
    tableTokens: { limit: 2, windowSeconds: 60 },
    streams: 2,
  },
  hosts: ['convene.example'],
});

describe('limits on every endpoint that costs work', () => {
  const from = (ip: string) => ({ 'x-forwarded-for': ip });
  const assertLimited = (reply: Reply, what: string) => {
    assert.equal(reply.status, 429, what);
    assert.equal(reply.body.error.code, 'rate_limited', what);
    const retry = Number(reply.headers.get('retry-after'));
    assert.ok(retry > 0 && retry <= 60, `${what}: Retry-After ${retry}`);
  };

  test('/healthz, moderation, role renewal and table tokens are limited per client, with Retry-After; other clients are not', async () => {
    const calls: [string, (ip: string) => Promise<Reply>, number][] = [
      ['health', (ip) => get(`${tight}/healthz`, from(ip)), 200],
      [
        'moderation',
        (ip) =>
          post(`${tight}/api/spaces/river-coop/rooms/workshop/moderation`, { action: 'mute', identity: 'x' }, from(ip)),
        401,
      ],
      ['table token', (ip) => post(`${tight}/api/spaces/river-coop/rooms/lobby/tables/one/token`, {}, from(ip)), 401],
      // The role route shares the moderation limit (a fresh address: the moderation calls spent theirs).
      [
        'role',
        (ip) => post(`${tight}/api/spaces/river-coop/rooms/workshop/role`, {}, from(ip.replace('10.1.', '10.3.'))),
        401,
      ],
    ];
    for (const [what, call, status] of calls) {
      assert.equal((await call('10.1.0.1')).status, status, what);
      assert.equal((await call('10.1.0.1')).status, status, what);
      assertLimited(await call('10.1.0.1'), what);
      assert.equal((await call('10.1.0.2')).status, status, `${what}, another client`);
    }
  });

  test('addresses of one IPv6 /64 share one table-token limit', async () => {
    const ask = (ip: string) => post(`${tight}/api/spaces/river-coop/rooms/lobby/tables/one/token`, {}, from(ip));
    assert.equal((await ask('2001:db8:5:5::1')).status, 401);
    assert.equal((await ask('2001:db8:5:5::2')).status, 401);
    assertLimited(await ask('2001:db8:5:5::3'), 'the same /64');
  });
});

describe('presence streams', () => {
  test(
    'a server-wide cap on open streams answers 503 with Retry-After, and frees up when one closes',
    { timeout: 15_000 },
    async () => {
      const url = `${tight}/api/spaces/river-coop/events`;
      const first = await EventStream.open(url, { 'x-forwarded-for': '10.2.0.1' });
      const second = await EventStream.open(url, { 'x-forwarded-for': '10.2.0.2' });
      try {
        const controller = new AbortController();
        const full = await fetch(url, { headers: { 'x-forwarded-for': '10.2.0.3' }, signal: controller.signal });
        try {
          assert.equal(full.status, 503);
          assert.equal(((await full.json()) as { error: { code: string } }).error.code, 'rate_limited');
          assert.ok(Number(full.headers.get('retry-after')) > 0);
        } finally {
          controller.abort();
        }
        first.close();
        const third = await until('a stream to be free again', async () => {
          try {
            return await EventStream.open(url, { 'x-forwarded-for': '10.2.0.3' });
          } catch {
            return undefined;
          }
        });
        third?.close();
      } finally {
        first.close();
        second.close();
      }
    },
  );

  test('HEAD on the events stream is answered at once, not held open', { timeout: 10_000 }, async () => {
    const { hostname, port } = new URL(api);
    const socket = connect(Number(port), hostname);
    await once(socket, 'connect');
    let text = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => (text += chunk));
    // Two requests on one connection: the second is answered only after the first has ended.
    socket.write(
      `HEAD /api/spaces/river-coop/events HTTP/1.1\r\nHost: ${hostname}:${port}\r\n\r\n` +
        `GET /api/spaces/nowhere HTTP/1.1\r\nHost: ${hostname}:${port}\r\nConnection: close\r\n\r\n`,
    );
    try {
      await until('both answers', () => (text.match(/^HTTP\/1\.1 /gm) ?? []).length === 2, 3000);
    } finally {
      socket.destroy();
    }
    assert.match(text, /^HTTP\/1\.1 200 .*\r\n[^]*content-type: text\/event-stream/i);
    assert.match(text, /HTTP\/1\.1 404 /);
  });
});

describe('hidden and locked rooms in the directory', () => {
  test("a locked room's furniture settings are not listed to guests or members; a moderator and the token get them", async () => {
    const base = await config();
    const workshop = base.spaces[0]!.rooms.find((r) => r.slug === 'workshop')!;
    workshop.furniture = [{ kind: 'markdown', label: 'Notes', settings: { text: 'the plan for the strike fund' } }];
    const { baseUrl } = await startApp({
      config: parseConfig(base),
      livekit: { url: stack.livekit.url, apiKey: stack.livekit.apiKey, apiSecret: stack.livekit.apiSecret },
      authenticate: (req) => {
        const header = req.get('x-test-person');
        return header ? JSON.parse(header) : null;
      },
    });
    const furnitureOf = async (headers: Record<string, string>) => {
      const directory = await get<Directory>(`${baseUrl}/api/spaces/river-coop`, headers);
      return directory.body.rooms.find((r) => r.slug === 'workshop')?.furniture;
    };
    for (const headers of [{}, person({ identity: 'm', name: 'M', member: true })]) {
      const furniture = await furnitureOf(headers);
      assert.deepEqual(furniture, [{ kind: 'markdown', label: 'Notes', settings: {} }]);
      assert.ok(!JSON.stringify(furniture).includes('strike fund'));
    }
    const moderator = await furnitureOf(person({ identity: 'mod', name: 'Mod', moderator: true }));
    assert.equal(moderator?.[0]?.settings.text, 'the plan for the strike fund');
    const lobby = (await get<Directory>(`${baseUrl}/api/spaces/river-coop`)).body.rooms.find((r) => r.slug === 'lobby');
    assert.ok(
      lobby?.furniture.some((f) => f.settings.text === '# Hello'),
      'an open room keeps its settings',
    );
    const entered = await post(`${baseUrl}/api/spaces/river-coop/token`, {
      room_name: 'workshop',
      access_code: TEST_CODES.locked,
    });
    assert.equal(entered.status, 201);
    assert.equal(entered.body.furniture[0].settings.text, 'the plan for the strike fund');
  });
});

describe('same-host POSTs', () => {
  const port = new URL(api).port;
  const tokenBody = JSON.stringify({ room_name: 'lobby', participant_name: 'A' });
  const ask = (base: string, origin: string, hostHeader: string) =>
    rawRequest(`${base}/api/spaces/river-coop/token`, {
      headers: { 'content-type': 'application/json', origin, host: hostHeader },
      chunks: [tokenBody],
    });

  test('a name the client chose (DNS rebinding) is not same-host: 403', async () => {
    const reply = await ask(api, `http://evil.example:${port}`, `evil.example:${port}`);
    assert.equal(reply.status, 403);
    assert.equal(reply.body.error.code, 'origin_not_allowed');
  });

  test('an IP address, localhost and a configured host are same-host', async () => {
    assert.equal((await ask(api, `http://127.0.0.1:${port}`, `127.0.0.1:${port}`)).status, 201);
    assert.equal((await ask(api, `http://localhost:${port}`, `localhost:${port}`)).status, 201);
    assert.equal((await ask(api, `http://[::1]:${port}`, `[::1]:${port}`)).status, 201);
    assert.equal((await ask(tight, 'https://convene.example', 'convene.example')).status, 201);
    assert.equal((await ask(tight, 'https://other.example', 'other.example')).status, 403);
  });
});

describe('a streamed body that is too large', () => {
  test('the client reads the 413, not a broken connection', async () => {
    const encoder = new TextEncoder();
    for (let round = 0; round < 2; round++) {
      // Streamed as an upload is, with no length: the server learns it is too large only while reading.
      const body = new ReadableStream<Uint8Array>({
        async start(controller) {
          controller.enqueue(encoder.encode('{"room_name":"lobby","participant_name":"'));
          for (let i = 0; i < 64; i++) {
            controller.enqueue(encoder.encode('x'.repeat(1024)));
            if (i % 16 === 0) await new Promise((resolve) => setTimeout(resolve, 1));
          }
          controller.enqueue(encoder.encode('"}'));
          controller.close();
        },
      });
      const reply = await fetch(`${api}/api/spaces/river-coop/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
        duplex: 'half',
      } as RequestInit);
      assert.equal(reply.status, 413);
      assert.equal(((await reply.json()) as { error: { code: string } }).error.code, 'payload_too_large');
    }
  });
});
