/**
 * Member passes as a browser meets them, through the real HTTP endpoints against a real
 * livekit-server: every refusal as the page receives it, a pass in the directory, the presence
 * stream, the token endpoint, moderation and table tokens, and a property-style check that a
 * minted token never carries more than its pass.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { exportSPKI, generateKeyPair, SignJWT, type JWTPayload } from 'jose';
import type { Page } from 'puppeteer-core';
import { launchChromium, startStack, testConfig } from '../../../test/harness/index.js';
import {
  PASS_HEADER,
  ROLE_ATTRIBUTE,
  ROLE_PROOF_ATTRIBUTE,
  type ConveneConfigInput,
  type Directory,
  type PresenceEvent,
  type TokenResponse,
} from '../src/index.js';
import { EventStream, get, openParticipantPage, post, until, verifyToken, type Reply } from './helpers.js';

const ORIGIN = 'https://river.example';
const ISSUER = 'https://river.example';

// ── The host site's keys ────────────────────────────────────────────────────────────────────

const ed = await generateKeyPair('EdDSA', { extractable: true });
const es = await generateKeyPair('ES256', { extractable: true });
const stranger = await generateKeyPair('EdDSA');
const edPem = await exportSPKI(ed.publicKey);
const esPem = await exportSPKI(es.publicKey);
const HMAC_SECRET = 'river-hmac-secret-shared-with-the-site-48b';

type Alg = 'EdDSA' | 'ES256' | 'HS256';
type SigningKey = Awaited<ReturnType<typeof generateKeyPair>>['privateKey'] | Uint8Array;
const SIGNING: Record<Alg, { kid: string; key: SigningKey }> = {
  EdDSA: { kid: 'river-ed-2026', key: ed.privateKey },
  ES256: { kid: 'river-es-2026', key: es.privateKey },
  HS256: { kid: 'river-hmac', key: new TextEncoder().encode(HMAC_SECRET) },
};

// A site whose JWKS is down: it answers 500 to everything.
const brokenJwks = createServer((_req, res) => res.writeHead(500).end());
await new Promise<void>((resolve) => brokenJwks.listen(0, '127.0.0.1', resolve));
after(() => {
  brokenJwks.closeAllConnections();
  brokenJwks.close();
});

// ── The config: a space that takes passes, its sister space, one that takes none, one whose keys are down

async function config(): Promise<ConveneConfigInput> {
  const base = await testConfig({ allowedOrigins: [ORIGIN] });
  const river = base.spaces[0]!;
  const members = river.rooms.find((room) => room.slug === 'members')!;
  members.furniture = [{ kind: 'breakout-tables', settings: { tables: [{ slug: 'corner', name: 'Corner' }] } }];
  river.memberPasses = {
    keys: [
      { kid: 'river-ed-2026', alg: 'EdDSA', publicKey: edPem },
      { kid: 'river-es-2026', alg: 'ES256', publicKey: esPem },
    ],
    hmac: [{ kid: 'river-hmac', secretEnv: 'RIVER_PASS_SECRET' }],
    issuer: ISSUER,
  };
  const lobby = { slug: 'lobby', name: 'Lobby', access: 'public' as const };
  base.spaces.push(
    {
      // The same co-op site signs for both of its spaces with one key: only the audience differs.
      slug: 'lake-coop',
      name: 'Lake Co-op',
      entrance: 'lobby',
      rooms: [lobby, { slug: 'members', name: 'Members', access: 'members' }],
      memberPasses: { keys: [{ kid: 'river-ed-2026', alg: 'EdDSA', publicKey: edPem }] },
    },
    { slug: 'plain-coop', name: 'Plain Co-op', entrance: 'lobby', rooms: [lobby] },
    {
      slug: 'hill-coop',
      name: 'Hill Co-op',
      entrance: 'lobby',
      rooms: [lobby],
      memberPasses: { jwksUrl: `http://127.0.0.1:${(brokenJwks.address() as AddressInfo).port}/jwks.json` },
    },
  );
  return base;
}

const stack = await startStack({
  config: await config(),
  env: { RIVER_PASS_SECRET: HMAC_SECRET },
  // The host site's own session, beside passes (a mounted router): a header the test sets.
  authenticate: (req) => {
    const header = req.get('x-test-person');
    return header ? JSON.parse(header) : null;
  },
  rateLimits: { tokens: false, codeGuesses: false, streamsPerClient: 1000 },
});
const api = stack.baseUrl;
const browser = await launchChromium();

// ── Passes as the site signs them, and requests as the page sends them ──────────────────────

/** A pass for the signed-in member "Ada" of river-coop, valid for 5 minutes; `claims` override (undefined drops one). */
function pass(
  claims: Record<string, unknown> = {},
  { alg = 'EdDSA', kid, key }: { alg?: string; kid?: string; key?: SigningKey } = {},
): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  const payload: Record<string, unknown> = {
    sub: 'wp-user-7',
    name: 'Ada Lovelace',
    member: true,
    moderator: false,
    aud: 'river-coop',
    iss: ISSUER,
    iat: now - 5,
    exp: now + 300,
    jti: randomUUID(),
    ...claims,
  };
  for (const name of Object.keys(payload)) if (payload[name] === undefined) delete payload[name];
  const signer = alg in SIGNING ? SIGNING[alg as Alg] : SIGNING.EdDSA;
  return new SignJWT(payload as JWTPayload)
    .setProtectedHeader({ alg, kid: kid ?? signer.kid, typ: 'JWT' })
    .sign(key ?? signer.key);
}

const withPass = (jwt: string | undefined, headers: Record<string, string> = {}) =>
  jwt === undefined ? headers : { [PASS_HEADER]: jwt, ...headers };
const token = (body: Record<string, unknown>, jwt?: string, space = 'river-coop', headers = {}) =>
  post<TokenResponse & { error: { code: string; message: string } }>(
    `${api}/api/spaces/${space}/token`,
    body,
    withPass(jwt, headers),
  );
const directory = (jwt?: string, headers = {}) =>
  get<Directory>(`${api}/api/spaces/river-coop`, withPass(jwt, headers));
const claimsOf = (reply: Reply<TokenResponse>) =>
  verifyToken(reply.body.participant_token, stack.livekit.apiKey, stack.livekit.apiSecret);
const person = (p: { identity: string; name: string; member?: boolean; moderator?: boolean }) => ({
  'x-test-person': JSON.stringify(p),
});
const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const keyBody = (pem: string) => pem.split('\n').find((line) => line && !line.startsWith('-----')) as string;

/**
 * Asserts the answer a page gets for a refused pass: the status, `{ error: { code, message } }`
 * and nothing else, words naming the space, no stack, no key material, and never the pass itself.
 */
async function assertRefused(
  url: string,
  init: RequestInit,
  sent: string,
  expected: { code: string; status: number; site: string },
): Promise<void> {
  const response = await fetch(url, init);
  const text = await response.text();
  const what = `${expected.code} from ${url}`;
  assert.equal(response.status, expected.status, `${what}: ${text}`);
  assert.match(response.headers.get('content-type') ?? '', /^application\/json/);
  const body = JSON.parse(text) as { error: { code: string; message: string } };
  assert.deepEqual(Object.keys(body), ['error'], what);
  assert.deepEqual(Object.keys(body.error).sort(), ['code', 'message'], what);
  assert.equal(body.error.code, expected.code);
  assert.ok(body.error.message.includes(expected.site), `${what}: the message names ${expected.site}`);
  assert.doesNotMatch(text, /\bat \S+:\d+|node_modules|\.[jt]s:\d+|stack/, what);
  assert.doesNotMatch(body.error.message, /error|jose|JWS|JWT|\bkid\b|\balg\b|signature|claim/i, what);
  assert.doesNotMatch(text, /BEGIN|PUBLIC KEY|PRIVATE/, what);
  for (const secret of [HMAC_SECRET, keyBody(edPem), keyBody(esPem)]) assert.ok(!text.includes(secret), what);
  const headers = JSON.stringify([...response.headers]);
  for (const part of sent.split('.')) {
    if (part.length >= 4) assert.ok(!text.includes(part) && !headers.includes(part), `${what}: the pass is echoed`);
  }
  if (expected.status === 401) assert.equal(response.headers.get('www-authenticate'), PASS_HEADER);
  if (expected.status === 503) assert.match(response.headers.get('retry-after') ?? '', /^\d+$/);
}

const tokenRequest = (jwt: string, room = 'members', headers: Record<string, string> = {}): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/json', [PASS_HEADER]: jwt, ...headers },
  body: JSON.stringify({ room_name: room, participant_name: 'Ada' }),
});

// ── Refusals ────────────────────────────────────────────────────────────────────────────────

describe('each refusal reaches the page with its code, its status and words, and nothing else', () => {
  const now = () => Math.floor(Date.now() / 1000);
  const cases: {
    code: string;
    status: number;
    space?: string;
    site?: string;
    passes: () => Promise<string[]>;
  }[] = [
    {
      code: 'pass_invalid',
      status: 401,
      passes: async () => {
        const good = await pass();
        const [header, , signature] = good.split('.');
        // The site's signature over other claims; alg none; an HS256 pass "signed" with the public key's text.
        const promoted = `${header}.${b64({ ...JSON.parse(Buffer.from(good.split('.')[1]!, 'base64url').toString()), moderator: true })}.${signature}`;
        const none = `${b64({ alg: 'none', kid: 'river-ed-2026', typ: 'JWT' })}.${good.split('.')[1]}.`;
        const confused = await pass({}, { alg: 'HS256', kid: 'river-ed-2026', key: new TextEncoder().encode(edPem) });
        return ['not-a-pass', promoted, none, confused, await pass({ iss: 'https://elsewhere.example' })];
      },
    },
    {
      code: 'pass_unknown_key',
      status: 401,
      passes: async () => [await pass({}, { kid: 'stranger-2026', key: stranger.privateKey })],
    },
    {
      code: 'pass_expired',
      status: 401,
      passes: async () => [await pass({ iat: now() - 400, exp: now() - 90 })],
    },
    {
      code: 'pass_not_yet_valid',
      status: 401,
      passes: async () => [
        await pass({ iat: now() + 120, nbf: now() + 120, exp: now() + 400 }),
        await pass({ iat: now() + 120, exp: now() + 400 }),
      ],
    },
    {
      code: 'pass_too_long',
      status: 401,
      passes: async () => [await pass({ iat: now() - 5, exp: now() + 3600 })],
    },
    {
      code: 'pass_wrong_space',
      status: 401,
      passes: async () => [await pass({ aud: 'lake-coop' }), await pass({ aud: ['lake-coop', 'hill-coop'] })],
    },
    {
      code: 'pass_not_accepted',
      status: 400,
      space: 'plain-coop',
      site: 'Plain Co-op',
      passes: async () => [await pass({ aud: 'plain-coop' })],
    },
    {
      code: 'pass_keys_unavailable',
      status: 503,
      space: 'hill-coop',
      site: 'Hill Co-op',
      passes: async () => [await pass({ aud: 'hill-coop' }, { kid: 'hill-2026' })],
    },
  ];

  for (const { code, status, space = 'river-coop', site = 'River Co-op', passes } of cases) {
    test(`${code} (${status}) from the token endpoint`, async () => {
      const room = space === 'river-coop' ? 'members' : 'lobby';
      for (const sent of await passes()) {
        await assertRefused(`${api}/api/spaces/${space}/token`, tokenRequest(sent, room), sent, { code, status, site });
      }
    });
  }

  test('every pass refusal code of the contract is covered here', async () => {
    const { ERROR_CODES } = await import('../src/contract/index.js');
    assert.deepEqual(ERROR_CODES.filter((code) => code.startsWith('pass_')).sort(), cases.map((c) => c.code).sort());
  });

  test('a refused pass stands even when authenticate() finds someone; the directory and stream refuse it too', async () => {
    const expired = await pass({ iat: now() - 400, exp: now() - 90 });
    const host = person({ identity: 'host-ann', name: 'Ann', member: true, moderator: true });
    const refusal = { code: 'pass_expired', status: 401, site: 'River Co-op' };
    await assertRefused(`${api}/api/spaces/river-coop/token`, tokenRequest(expired, 'lobby', host), expired, refusal);
    await assertRefused(`${api}/api/spaces/river-coop`, { headers: withPass(expired, host) }, expired, refusal);
    await assertRefused(`${api}/api/spaces/river-coop/events`, { headers: withPass(expired) }, expired, refusal);
    // Without the pass, the same host session is let in.
    assert.equal((await token({ room_name: 'members' }, undefined, 'river-coop', host)).status, 201);
  });

  test('a pass for the other space is a good pass there: it is the audience, not the pass, that is refused', async () => {
    const lake = await pass({ aud: 'lake-coop' });
    assert.equal((await token({ room_name: 'members' }, lake)).body.error.code, 'pass_wrong_space');
    const there = await token({ room_name: 'members' }, lake, 'lake-coop');
    assert.equal(there.status, 201, JSON.stringify(there.body));
    assert.equal((await claimsOf(there)).attributes?.[ROLE_ATTRIBUTE], 'member');
  });
});

// ── Tokens ──────────────────────────────────────────────────────────────────────────────────

describe('the token a pass gets', () => {
  test('a member pass (EdDSA, ES256 or HS256) enters the members room as the person it names, role member', async () => {
    for (const alg of ['EdDSA', 'ES256', 'HS256'] as const) {
      const reply = await token(
        { room_name: 'members', participant_name: 'Mallory', participant_identity: 'admin' },
        await pass({}, { alg }),
      );
      assert.equal(reply.status, 201, `${alg}: ${JSON.stringify(reply.body)}`);
      assert.equal(reply.body.identity, 'wp-user-7');
      assert.equal(reply.body.name, 'Ada Lovelace');
      assert.equal(reply.body.moderator, false);
      assert.equal(reply.body.livekit_room, 'river-coop/members');
      const jwt = await claimsOf(reply);
      assert.equal(jwt.sub, 'wp-user-7');
      assert.equal(jwt.name, 'Ada Lovelace');
      assert.equal(jwt.video?.room, 'river-coop/members');
      assert.equal(jwt.attributes?.[ROLE_ATTRIBUTE], 'member');
      assert.equal(jwt.attributes?.[ROLE_PROOF_ATTRIBUTE], undefined);
    }
  });

  test('a moderator pass gets role moderator, with the server’s proof', async () => {
    const reply = await token({ room_name: 'members' }, await pass({ sub: 'wp-mo', name: 'Mo', moderator: true }));
    assert.equal(reply.status, 201);
    assert.equal(reply.body.moderator, true);
    const jwt = await claimsOf(reply);
    assert.equal(jwt.attributes?.[ROLE_ATTRIBUTE], 'moderator');
    assert.match(String(jwt.attributes?.[ROLE_PROOF_ATTRIBUTE]), /^(host|code)\.\d{10}\.[A-Za-z0-9_-]{43}$/);
  });

  test('a guest pass (member false) cannot enter the members room; elsewhere it is a guest with its own name', async () => {
    const guest = await pass({ sub: 'wp-visitor', name: 'Vic', member: false, moderator: false });
    const refused = await token({ room_name: 'members' }, guest);
    assert.equal(refused.status, 404);
    assert.equal(refused.body.error.code, 'members_only');
    const lobby = await token({ room_name: 'lobby' }, guest);
    assert.equal(lobby.status, 201);
    assert.equal(lobby.body.identity, 'wp-visitor');
    assert.equal((await claimsOf(lobby)).attributes?.[ROLE_ATTRIBUTE], 'guest');
    assert.ok(!(await directory(guest)).body.rooms.some((room) => room.slug === 'members'));
  });

  test('with authenticate() and a pass both vouching, authenticate’s person is taken whole', async () => {
    const reply = await token(
      { room_name: 'members' },
      await pass({ sub: 'wp-mo', name: 'Mo', moderator: true }),
      'river-coop',
      person({ identity: 'host-ann', name: 'Ann', member: true }),
    );
    assert.equal(reply.status, 201);
    assert.equal(reply.body.identity, 'host-ann');
    assert.equal(reply.body.name, 'Ann');
    assert.equal((await claimsOf(reply)).attributes?.[ROLE_ATTRIBUTE], 'member');
  });

  test('CORS: the preflight allows the Convene-Pass header, and answers vary by it', async () => {
    const preflight = await fetch(`${api}/api/spaces/river-coop/token`, {
      method: 'OPTIONS',
      headers: {
        origin: ORIGIN,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type, convene-pass',
      },
    });
    assert.equal(preflight.status, 204);
    const allowed = (preflight.headers.get('access-control-allow-headers') ?? '').toLowerCase().split(/,\s*/);
    assert.ok(allowed.includes('convene-pass') && allowed.includes('content-type'), allowed.join());
    const reply = await token({ room_name: 'members' }, await pass(), 'river-coop', { origin: ORIGIN });
    assert.equal(reply.status, 201);
    assert.equal(reply.headers.get('access-control-allow-origin'), ORIGIN);
    assert.match(reply.headers.get('vary') ?? '', /\bOrigin\b.*\bConvene-Pass\b/);
    assert.match((await directory()).headers.get('vary') ?? '', /\bConvene-Pass\b/);
  });
});

// ── A member in the members room, seen by others and moderated ──────────────────────────────

/** Connects the page to LiveKit with a token the test fetched (with a pass, as the elements will), microphone on. */
async function connectFromPage(page: Page, details: TokenResponse): Promise<void> {
  await page.evaluate(
    async (url: string, participantToken: string) => {
      const lk = (globalThis as any).lk;
      const room = new lk.Room();
      (globalThis as any).room = room;
      await room.connect(url, participantToken);
      await room.localParticipant.setMicrophoneEnabled(true);
    },
    details.server_url,
    details.participant_token,
  );
}

describe('a member who entered with a pass', () => {
  let ada: Reply<TokenResponse>;
  let page: Page;
  before(async () => {
    ada = await token({ room_name: 'members' }, await pass({ sub: 'wp-ada', name: 'Ada' }));
    assert.equal(ada.status, 201, JSON.stringify(ada.body));
    page = await openParticipantPage(browser, api);
    await connectFromPage(page, ada.body);
  });
  after(() => page?.close());
  const micMuted = () =>
    page.evaluate(() => {
      const lk = (globalThis as any).lk;
      return (globalThis as any).room.localParticipant.getTrackPublication(lk.Track.Source.Microphone)?.isMuted ?? null;
    });

  test('is counted in the members room of a member’s directory, as authenticate’s member sees it; a guest sees no such room', async () => {
    const seen = await until('Ada to be counted in the members room', async () => {
      const reply = await directory(await pass({ sub: 'wp-bo', name: 'Bo' }));
      return reply.body.rooms?.find((room) => room.slug === 'members')?.count === 1 ? reply : null;
    });
    assert.ok(seen);
    assert.equal(seen.status, 200);
    assert.deepEqual(
      seen.body.rooms.map((room) => room.slug),
      ['lobby', 'workshop', 'members', 'tiny'],
    );
    const hostMember = await directory(undefined, person({ identity: 'host-bo', name: 'Bo', member: true }));
    assert.deepEqual(seen.body, hostMember.body, 'a pass counts the same as authenticate()');
    const guest = await directory();
    assert.deepEqual(
      guest.body.rooms.map((room) => room.slug),
      ['lobby', 'workshop', 'tiny'],
    );
  });

  test('shows in the presence stream of a pass holder, and not in a guest’s', async () => {
    const member = await EventStream.open(
      `${api}/api/spaces/river-coop/events`,
      withPass(await pass({ sub: 'wp-bo', name: 'Bo' })),
    );
    const guest = await EventStream.open(`${api}/api/spaces/river-coop/events`);
    try {
      const seen = await member.next<PresenceEvent>((e) => e.rooms.some((r) => r.slug === 'members' && r.count === 1));
      assert.equal(seen.data.presence, 'live');
      const first = await guest.next<PresenceEvent>(() => true);
      assert.equal(first.data.presence, 'live');
      assert.ok(!first.data.rooms.some((r) => r.slug === 'members'), 'a guest’s stream has no members room');
    } finally {
      member.close();
      guest.close();
    }
  });

  test('sits at a table as a member: the table token takes its role from the pass’s LiveKit token', async () => {
    const reply = await post<TokenResponse>(
      `${api}/api/spaces/river-coop/rooms/members/tables/corner/token`,
      {},
      { authorization: `Bearer ${ada.body.participant_token}` },
    );
    assert.equal(reply.status, 201, JSON.stringify(reply.body));
    assert.equal(reply.body.identity, 'wp-ada');
    assert.equal(reply.body.livekit_room, 'river-coop/members/corner');
    assert.equal((await claimsOf(reply)).attributes?.[ROLE_ATTRIBUTE], 'member');
  });

  test('is muted by a moderator pass holder through the moderation route; another member may not', async () => {
    await until('Ada’s microphone to be published', async () => (await micMuted()) === false);
    const moderate = (bearer: string) =>
      post(
        `${api}/api/spaces/river-coop/rooms/members/moderation`,
        { action: 'mute', identity: 'wp-ada' },
        { authorization: `Bearer ${bearer}` },
      );
    const bo = await token({ room_name: 'members' }, await pass({ sub: 'wp-bo', name: 'Bo' }));
    const refused = await moderate(bo.body.participant_token);
    assert.equal(refused.status, 403);
    assert.equal(await micMuted(), false);

    const mo = await token({ room_name: 'members' }, await pass({ sub: 'wp-mo', name: 'Mo', moderator: true }));
    assert.equal(mo.body.moderator, true);
    const muted = await moderate(mo.body.participant_token);
    assert.equal(muted.status, 200, JSON.stringify(muted.body));
    assert.equal(muted.body.muted.length, 1);
    await until('Ada’s microphone to be muted in her own browser', async () => (await micMuted()) === true);
  });
});

// ── Property: a token never carries more than its pass ──────────────────────────────────────

/** A small seeded generator (mulberry32), so a failing case can be replayed from its seed. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

test('for random passes, the minted role never exceeds the pass, and a pass for another space never helps', async () => {
  const seed = Number(process.env.CONVENE_PROPERTY_SEED ?? Date.now() % 1_000_000);
  const next = random(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
  const RANK = { guest: 0, member: 1, moderator: 2 } as const;
  const seen = new Set<string>();

  for (let i = 0; i < 60; i++) {
    const c = {
      member: next() < 0.5,
      moderator: next() < 0.35,
      alg: pick(['EdDSA', 'ES256', 'HS256'] as const),
      aud: next() < 0.25 ? pick(['lake-coop', 'plain-coop', 'hill-coop']) : 'river-coop',
      room: pick(['lobby', 'members', 'workshop', 'back-office']),
      // What a page might add to claim more: ignored, or (a wrong code) refused.
      extra: pick([
        {},
        { participant_identity: 'admin' },
        { participant_attributes: { [ROLE_ATTRIBUTE]: 'moderator' } },
        { moderator_code: 'not-the-code' },
      ]),
    };
    const where = `seed ${seed}, case ${i}: ${JSON.stringify(c)}`;
    const sub = `wp-${i}`;
    const reply = await token(
      { room_name: c.room, participant_name: 'Someone', ...c.extra },
      await pass({ sub, name: `Person ${i}`, member: c.member, moderator: c.moderator, aud: c.aud }, { alg: c.alg }),
    );
    const passRank = c.moderator ? 2 : c.member ? 1 : 0;
    const wrongCode = 'moderator_code' in c.extra;
    const expected =
      c.aud !== 'river-coop'
        ? 'pass_wrong_space'
        : c.room === 'members' && passRank === 0
          ? 'members_only'
          : wrongCode && !c.moderator
            ? 'access_code_invalid'
            : c.room === 'workshop' && !c.moderator
              ? 'access_code_required'
              : (['guest', 'member', 'moderator'] as const)[passRank];
    seen.add(String(expected));

    if (reply.status !== 201) {
      assert.equal(reply.body.error.code, expected, where);
      continue;
    }
    const role = (await claimsOf(reply)).attributes?.[ROLE_ATTRIBUTE] as keyof typeof RANK;
    assert.ok(c.aud === 'river-coop', `${where}: a pass for another space got a token`);
    assert.ok(RANK[role] <= passRank, `${where}: role ${role} exceeds the pass`);
    assert.equal(role, expected, where);
    assert.equal(reply.body.identity, sub, where);
    assert.equal(reply.body.moderator, role === 'moderator', where);
  }
  assert.ok(seen.size >= 4, `seed ${seed}: only ${[...seen].join(', ')} were met`);
});
