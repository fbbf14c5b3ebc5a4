/**
 * Member passes as a host site signs them and the Convene server checks them: each key type, each
 * refusal with its code and status, tampering of every kind, a JWKS served over real HTTP, and
 * the config's checks. Pure: no LiveKit needed.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, describe, test } from 'node:test';
import { exportJWK, exportPKCS8, exportSPKI, generateKeyPair, SignJWT, type JWK, type JWTPayload } from 'jose';
import { ConfigError, parseConfig } from '../src/config.js';
import { ERROR_CODES, PASS_HEADER } from '../src/contract/index.js';
import { ConveneError } from '../src/errors.js';
import type { MemberPassesConfigInput } from '../src/passes-config.js';
import {
  choosePerson,
  createPassVerifiers,
  passOf,
  type PassVerifierOptions,
  type PassVerifiers,
} from '../src/passes.js';
import type { AuthenticatedPerson, ConveneConfig } from '../src/schema.js';

// ── Keys, as a host site has them ───────────────────────────────────────────────────────────

type SigningKey = Awaited<ReturnType<typeof generateKeyPair>>['privateKey'] | Uint8Array;

const ed = await generateKeyPair('EdDSA', { extractable: true });
const edOther = await generateKeyPair('EdDSA', { extractable: true });
const edJwkPair = await generateKeyPair('EdDSA', { extractable: true });
const es = await generateKeyPair('ES256', { extractable: true });
const esOther = await generateKeyPair('ES256', { extractable: true });
const jwksEd = await generateKeyPair('EdDSA', { extractable: true });
const jwksEs = await generateKeyPair('ES256', { extractable: true });
const rotated = await generateKeyPair('EdDSA', { extractable: true });

const edPem = await exportSPKI(ed.publicKey);
const edPrivatePem = await exportPKCS8(ed.privateKey);
const edJwk = await exportJWK(edJwkPair.publicKey);
const esPem = await exportSPKI(es.publicKey);
const hmacSecret = 'a-secret-of-forty-bytes-shared-with-wp!!';
const hmacKey = new TextEncoder().encode(hmacSecret);
const otherHmacKey = new TextEncoder().encode('another-secret-of-forty-bytes-somewhere!');

/** The fixed "now" every verifier here sees, in seconds. */
const NOW = 1_800_000_000;
const env = { RIVER_PASS_SECRET: hmacSecret };

/** Each way a site can sign, with the kid and alg the config lists it under. */
const SIGNERS = {
  'Ed25519 (PEM)': { kid: 'ed-2025', alg: 'EdDSA', key: ed.privateKey, other: edOther.privateKey },
  'Ed25519 (JWK)': { kid: 'ed-jwk', alg: 'EdDSA', key: edJwkPair.privateKey, other: edOther.privateKey },
  ES256: { kid: 'es-2025', alg: 'ES256', key: es.privateKey, other: esOther.privateKey },
  'HS256 (secret from the environment)': { kid: 'wp-hmac', alg: 'HS256', key: hmacKey, other: otherHmacKey },
} as const;
type SignerName = keyof typeof SIGNERS;

const riverPasses: MemberPassesConfigInput = {
  keys: [
    { kid: 'ed-2025', alg: 'EdDSA', publicKey: edPem },
    { kid: 'ed-jwk', alg: 'EdDSA', publicKey: edJwk },
    { kid: 'es-2025', alg: 'ES256', publicKey: esPem },
  ],
  hmac: [{ kid: 'wp-hmac', secretEnv: 'RIVER_PASS_SECRET' }],
};

/** A space of one public room around `memberPasses`, as a config file has it. */
function spaceWith(space: { slug: string; name: string; memberPasses?: unknown }) {
  return { ...space, entrance: 'lobby', rooms: [{ slug: 'lobby', name: 'Lobby', access: 'public' }] };
}

/** The config as the server reads it, through `parseConfig`. */
function config(spaces: { slug: string; name: string; memberPasses?: MemberPassesConfigInput }[]): ConveneConfig {
  return parseConfig({ spaces: spaces.map(spaceWith) });
}

function verifiers(options: PassVerifierOptions = {}, extra: MemberPassesConfigInput = {}): PassVerifiers {
  return createPassVerifiers(
    config([
      { slug: 'river-coop', name: 'River Co-op', memberPasses: { ...riverPasses, ...extra } },
      {
        slug: 'lake-coop',
        name: 'Lake Co-op',
        memberPasses: { keys: [{ kid: 'lake', alg: 'EdDSA', publicKey: edPem }] },
      },
      { slug: 'plain', name: 'Plain Space' },
    ]),
    { env, now: () => NOW * 1000, log: () => {}, ...options },
  );
}

const passes = verifiers();

/** The claims a WordPress site signs for a signed-in member. */
function claims(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    sub: 'wp-user-42',
    name: 'Ada Lovelace',
    member: true,
    moderator: false,
    aud: 'river-coop',
    iss: 'https://river.example',
    iat: NOW - 10,
    exp: NOW + 290,
    jti: randomUUID(),
    ...extra,
  };
}

/** Signs `payload` (claims set to `undefined` are left out) with a header of `kid`, `alg`, `typ: JWT`. */
function sign(
  payload: Record<string, unknown>,
  key: SigningKey,
  header: { kid?: string; alg: string; typ?: string | undefined },
): Promise<string> {
  const present = Object.fromEntries(Object.entries(payload).filter(([, value]) => value !== undefined));
  const protectedHeader: Record<string, unknown> = { typ: 'JWT', ...header };
  for (const name of Object.keys(protectedHeader))
    if (protectedHeader[name] === undefined) delete protectedHeader[name];
  return new SignJWT(present as JWTPayload)
    .setProtectedHeader(protectedHeader as { alg: string })
    .sign(key as Parameters<SignJWT['sign']>[0]);
}

function signAs(name: SignerName, extra: Record<string, unknown> = {}): Promise<string> {
  const signer = SIGNERS[name];
  return sign(claims(extra), signer.key, { kid: signer.kid, alg: signer.alg });
}

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const parts = (jwt: string) => jwt.split('.') as [string, string, string];

/** Asserts that `attempt` is refused with `code` and `status`, in words naming the site, no internals. */
async function refused(attempt: Promise<unknown>, code: string, status: number, pass?: string) {
  await assert.rejects(attempt, (error: unknown) => {
    assert.ok(error instanceof ConveneError, `expected a ConveneError, got ${String(error)}`);
    assert.equal(error.code, code);
    assert.equal(error.status, status);
    assert.match(error.message, /River Co-op|Plain Space|plain/);
    assert.doesNotMatch(error.message, /jose|JWS|JWT|kid|alg|signature|BEGIN|claim/i);
    if (pass) for (const part of parts(pass)) if (part) assert.ok(!error.message.includes(part));
    return true;
  });
}

const rank = (person: Pick<AuthenticatedPerson, 'member' | 'moderator'>) =>
  person.moderator ? 2 : person.member ? 1 : 0;

// ── A JWKS on a real local server ───────────────────────────────────────────────────────────

interface JwksServer {
  url: string;
  fetches: number;
  keys: JWK[];
  /** `ok`: serve the keys; `error`: answer 500; `hang`: never answer. */
  mode: 'ok' | 'error' | 'hang';
}

const servers: Server[] = [];
after(() => {
  for (const server of servers) {
    server.closeAllConnections();
    server.close();
  }
});

async function jwksServer(keys: JWK[]): Promise<JwksServer> {
  const state: JwksServer = { url: '', fetches: 0, keys, mode: 'ok' };
  const server = createServer((req, res) => {
    state.fetches += 1;
    if (state.mode === 'hang') return;
    if (state.mode === 'error' || req.url !== '/.well-known/jwks.json') {
      res.writeHead(500).end();
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: state.keys }));
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/.well-known/jwks.json`;
  return state;
}

const publicJwk = async (pair: typeof ed, kid: string, alg: string) => ({
  ...(await exportJWK(pair.publicKey)),
  kid,
  alg,
  use: 'sig',
});

// ── Good passes ─────────────────────────────────────────────────────────────────────────────

describe('a good pass is the person it names', () => {
  for (const name of Object.keys(SIGNERS) as SignerName[]) {
    test(name, async () => {
      const person = await passes.verifyPass('river-coop', await signAs(name));
      assert.deepEqual(person, { identity: 'wp-user-42', name: 'Ada Lovelace', member: true, moderator: false });
    });
  }

  test('keys from a JWKS served over HTTP (Ed25519 and ES256), fetched once and cached', async () => {
    const jwks = await jwksServer([
      await publicJwk(jwksEd, 'site-ed', 'EdDSA'),
      await publicJwk(jwksEs, 'site-es', 'ES256'),
    ]);
    const remote = verifiers({}, { jwksUrl: jwks.url });
    const moderator = claims({ moderator: true, name: 'Grace' });
    const edPass = await sign(moderator, jwksEd.privateKey, { kid: 'site-ed', alg: 'EdDSA' });
    const esPass = await sign(moderator, jwksEs.privateKey, { kid: 'site-es', alg: 'ES256' });
    for (const pass of [edPass, esPass, edPass]) {
      assert.deepEqual(await remote.verifyPass('river-coop', pass), {
        identity: 'wp-user-42',
        name: 'Grace',
        member: true,
        moderator: true,
      });
    }
    assert.equal(jwks.fetches, 1, 'the JWKS is fetched once and cached');
    // The config's own keys still count next to the JWKS, without fetching it.
    await remote.verifyPass('river-coop', await signAs('ES256'));
    assert.equal(jwks.fetches, 1);
  });

  test('a key added to the JWKS (a rotation) is fetched when a pass names it', async () => {
    const jwks = await jwksServer([await publicJwk(jwksEd, 'site-ed', 'EdDSA')]);
    const remote = verifiers({ jwks: { cooldownMs: 0 } }, { jwksUrl: jwks.url });
    await remote.verifyPass('river-coop', await sign(claims(), jwksEd.privateKey, { kid: 'site-ed', alg: 'EdDSA' }));
    const next = await sign(claims(), rotated.privateKey, { kid: 'site-2026', alg: 'EdDSA' });
    await refused(remote.verifyPass('river-coop', next), 'pass_unknown_key', 401, next);
    jwks.keys.push(await publicJwk(rotated, 'site-2026', 'EdDSA'));
    assert.equal((await remote.verifyPass('river-coop', next)).identity, 'wp-user-42');
  });

  test('the name is sanitised and cut to 64 characters; the skew allows 60 s either way', async () => {
    const long = `\u202e Ada\u0007 ${'x'.repeat(100)}`;
    const person = await passes.verifyPass('river-coop', await signAs('Ed25519 (PEM)', { name: long }));
    assert.equal(person.name, `Ada ${'x'.repeat(60)}`);
    const edges = [
      { iat: NOW - 359, exp: NOW - 59 },
      { iat: NOW + 60, exp: NOW + 600 },
      { nbf: NOW + 60 },
      { iat: NOW, exp: NOW + 600 },
    ];
    for (const edge of edges) await passes.verifyPass('river-coop', await signAs('ES256', edge));
  });

  test('an issuer, when the config names one, must be the pass’s iss', async () => {
    const strict = verifiers({}, { issuer: 'https://river.example' });
    await strict.verifyPass('river-coop', await signAs('ES256'));
    for (const iss of ['https://evil.example', undefined]) {
      const pass = await signAs('ES256', { iss });
      await refused(strict.verifyPass('river-coop', pass), 'pass_invalid', 401, pass);
    }
  });
});

// ── Refusals ────────────────────────────────────────────────────────────────────────────────

describe('each refusal has its own code and status', () => {
  test('the codes are in the wire contract', () => {
    for (const code of [
      'pass_invalid',
      'pass_unknown_key',
      'pass_expired',
      'pass_not_yet_valid',
      'pass_too_long',
      'pass_wrong_space',
      'pass_not_accepted',
      'pass_keys_unavailable',
    ]) {
      assert.ok((ERROR_CODES as readonly string[]).includes(code), code);
    }
  });

  test('pass_invalid: not a pass at all', async () => {
    const good = await signAs('Ed25519 (PEM)');
    const [header, payload] = parts(good);
    for (const pass of [
      '',
      'hello',
      'a.b',
      'a.b.c.d',
      `${header}.${payload}.!!`,
      `${good}${'A'.repeat(9000)}`,
      `x.${payload}.x`,
    ]) {
      await refused(passes.verifyPass('river-coop', pass), 'pass_invalid', 401);
    }
  });

  test('pass_invalid: a wrong signature, a stripped one, alg none', async () => {
    for (const name of Object.keys(SIGNERS) as SignerName[]) {
      const signer = SIGNERS[name];
      const forged = await sign(claims(), signer.other, { kid: signer.kid, alg: signer.alg });
      await refused(passes.verifyPass('river-coop', forged), 'pass_invalid', 401, forged);
      const [header, payload] = parts(await signAs(name));
      await refused(passes.verifyPass('river-coop', `${header}.${payload}.`), 'pass_invalid', 401);
      const none = `${b64({ alg: 'none', kid: signer.kid, typ: 'JWT' })}.${payload}.`;
      await refused(passes.verifyPass('river-coop', none), 'pass_invalid', 401);
    }
  });

  test('pass_invalid: the kid’s configured algorithm decides, never the header', async () => {
    // The classic confusion: HS256 "signed" with the public key's own text as the secret.
    for (const [kid, text] of [
      ['ed-2025', edPem],
      ['es-2025', esPem],
    ] as const) {
      const pass = await sign(claims(), new TextEncoder().encode(text), { kid, alg: 'HS256' });
      await refused(passes.verifyPass('river-coop', pass), 'pass_invalid', 401, pass);
    }
    // A public-key pass naming the HMAC kid, and an ES256 pass naming an Ed25519 kid.
    const asymmetric = await sign(claims(), ed.privateKey, { kid: 'wp-hmac', alg: 'EdDSA' });
    await refused(passes.verifyPass('river-coop', asymmetric), 'pass_invalid', 401, asymmetric);
    const crossed = await sign(claims(), es.privateKey, { kid: 'ed-2025', alg: 'ES256' });
    await refused(passes.verifyPass('river-coop', crossed), 'pass_invalid', 401, crossed);
    // Algorithms nobody configures, even with a matching kid.
    const hs512 = await sign(claims(), hmacKey, { kid: 'wp-hmac', alg: 'HS512' });
    await refused(passes.verifyPass('river-coop', hs512), 'pass_invalid', 401, hs512);
  });

  test('pass_invalid: a header without kid or typ JWT', async () => {
    for (const header of [
      { alg: 'EdDSA' },
      { alg: 'EdDSA', kid: 'ed-2025', typ: undefined },
      { alg: 'EdDSA', kid: 'ed-2025', typ: 'at+jwt' },
    ]) {
      const pass = await sign(claims(), ed.privateKey, header);
      await refused(passes.verifyPass('river-coop', pass), 'pass_invalid', 401, pass);
    }
  });

  test('pass_invalid: a missing claim', async () => {
    for (const claim of ['sub', 'name', 'member', 'moderator', 'aud', 'iat', 'exp', 'jti']) {
      const pass = await signAs('Ed25519 (PEM)', { [claim]: undefined });
      await refused(passes.verifyPass('river-coop', pass), 'pass_invalid', 401, pass);
    }
  });

  test('pass_invalid: claims of the wrong kind, an unusable identity', async () => {
    for (const extra of [
      { sub: '' },
      { sub: 'x'.repeat(129) },
      { sub: 'ada\u0000' },
      { sub: ' ada' },
      { sub: 'ada\u202e' },
      { sub: 42 },
      { name: 7 },
      { member: 'true' },
      { moderator: 1 },
      { jti: '' },
      { iat: '1800000000' },
      { exp: NOW - 20, iat: NOW - 10 },
    ]) {
      const pass = await signAs('HS256 (secret from the environment)', extra);
      await refused(passes.verifyPass('river-coop', pass), 'pass_invalid', 401, pass);
    }
  });

  test('pass_unknown_key: a kid nobody configured', async () => {
    const pass = await sign(claims(), ed.privateKey, { kid: 'someone-else', alg: 'EdDSA' });
    await refused(passes.verifyPass('river-coop', pass), 'pass_unknown_key', 401, pass);
    const hmac = await sign(claims(), hmacKey, { kid: 'someone-else', alg: 'HS256' });
    await refused(passes.verifyPass('river-coop', hmac), 'pass_unknown_key', 401, hmac);
  });

  test('pass_unknown_key: a kid the JWKS lacks, or whose key there is of another type; never HMAC from a JWKS', async () => {
    const jwks = await jwksServer([
      await publicJwk(jwksEs, 'site-es', 'ES256'),
      { kty: 'oct', kid: 'site-oct', k: Buffer.from(hmacSecret).toString('base64url') },
    ]);
    const remote = verifiers({}, { jwksUrl: jwks.url });
    const attempts = [
      await sign(claims(), jwksEd.privateKey, { kid: 'missing', alg: 'EdDSA' }),
      await sign(claims(), jwksEd.privateKey, { kid: 'site-es', alg: 'EdDSA' }),
      await sign(claims(), hmacKey, { kid: 'site-oct', alg: 'HS256' }),
    ];
    for (const pass of attempts) await refused(remote.verifyPass('river-coop', pass), 'pass_unknown_key', 401, pass);
    // With the default cooldown, passes naming unknown kids cannot make the server fetch again and again.
    assert.equal(jwks.fetches, 1, 'fetched once, not once per unknown kid');
  });

  test('pass_expired: exp more than 60 s ago', async () => {
    for (const name of Object.keys(SIGNERS) as SignerName[]) {
      const pass = await signAs(name, { iat: NOW - 360, exp: NOW - 60 });
      await refused(passes.verifyPass('river-coop', pass), 'pass_expired', 401, pass);
    }
    const old = await signAs('ES256', { iat: NOW - 86_400, exp: NOW - 86_100 });
    await refused(passes.verifyPass('river-coop', old), 'pass_expired', 401, old);
  });

  test('pass_not_yet_valid: nbf or iat more than 60 s ahead', async () => {
    for (const extra of [
      { nbf: NOW + 61 },
      { iat: NOW + 61, exp: NOW + 300 },
      { nbf: NOW + 3600, iat: NOW + 3600, exp: NOW + 3900 },
    ]) {
      const pass = await signAs('Ed25519 (JWK)', extra);
      await refused(passes.verifyPass('river-coop', pass), 'pass_not_yet_valid', 401, pass);
    }
  });

  test('pass_too_long: a lifetime over 600 s, even while fresh', async () => {
    for (const extra of [
      { iat: NOW, exp: NOW + 601 },
      { iat: NOW - 1200, exp: NOW + 3600 },
      { iat: NOW - 10, exp: NOW + 86_400 * 365 },
    ]) {
      const pass = await signAs('HS256 (secret from the environment)', extra);
      await refused(passes.verifyPass('river-coop', pass), 'pass_too_long', 401, pass);
    }
  });

  test('pass_wrong_space: a pass for another space, even one signed with the same key', async () => {
    for (const aud of ['lake-coop', ['lake-coop', 'elsewhere']]) {
      const pass = await signAs('Ed25519 (PEM)', { aud });
      await refused(passes.verifyPass('river-coop', pass), 'pass_wrong_space', 401, pass);
    }
    const forLake = await sign(claims(), ed.privateKey, { kid: 'lake', alg: 'EdDSA' });
    // Lake's key is not River's: a pass for River signed with it names a kid River does not know.
    await refused(passes.verifyPass('river-coop', forLake), 'pass_unknown_key', 401, forLake);
    await assert.rejects(passes.verifyPass('lake-coop', forLake), (error: ConveneError) => {
      assert.equal(error.code, 'pass_wrong_space');
      assert.match(error.message, /not Lake Co-op\. Sign in again on the Lake Co-op website/);
      return true;
    });
  });

  test('pass_not_accepted (400): the space takes no passes', async () => {
    assert.equal(passes.accepts('plain'), false);
    assert.equal(passes.accepts('river-coop'), true);
    const pass = await signAs('Ed25519 (PEM)', { aud: 'plain' });
    await refused(passes.verifyPass('plain', pass), 'pass_not_accepted', 400, pass);
  });

  test('pass_keys_unavailable (503): the JWKS does not answer, or answers with an error', async () => {
    const jwks = await jwksServer([]);
    const logged: string[] = [];
    const remote = verifiers(
      { jwks: { timeoutMs: 300, cooldownMs: 0 }, log: (message, error) => logged.push(`${message} ${String(error)}`) },
      { jwksUrl: jwks.url },
    );
    const pass = await sign(claims(), jwksEd.privateKey, { kid: 'site-ed', alg: 'EdDSA' });
    for (const mode of ['error', 'hang'] as const) {
      jwks.mode = mode;
      await assert.rejects(remote.verifyPass('river-coop', pass), (error: ConveneError) => {
        assert.equal(error.code, 'pass_keys_unavailable');
        assert.equal(error.status, 503);
        assert.equal(error.headers?.['Retry-After'], '30');
        return true;
      });
    }
    assert.equal(logged.length, 2);
    for (const line of logged) {
      assert.match(line, /JWKS of space "river-coop"/);
      for (const part of parts(pass)) assert.ok(!line.includes(part), 'the pass is never logged');
    }
  });
});

// ── Tampering, property style ───────────────────────────────────────────────────────────────

/** A small seeded generator (mulberry32), so a failure can be replayed from its seed. */
function random(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const TAMPERING = ['none', 'flip-claims', 'other-key', 'strip-signature', 'alg-none', 'hmac-with-public-key'] as const;

test('a pass never makes anyone more than it says, and any tampering refuses it', async () => {
  const seed = Number(process.env.PASS_SEED ?? 20_251_201);
  const next = random(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)] as T;
  const names = Object.keys(SIGNERS) as SignerName[];
  const seen = new Set<string>();
  for (let round = 0; round < 300; round++) {
    const member = next() < 0.5;
    const moderator = next() < 0.5;
    const signerName = pick(names);
    const tampering = pick(TAMPERING);
    const signer = SIGNERS[signerName];
    const what = `seed ${seed} round ${round}: ${signerName}, member ${member}, moderator ${moderator}, ${tampering}`;
    seen.add(tampering);
    const honest = await signAs(signerName, { member, moderator });
    const [header, payload, signature] = parts(honest);
    let pass = honest;
    if (tampering === 'flip-claims') {
      const body = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<string, unknown>;
      const flip = pick(['member', 'moderator', 'both', 'sub', 'aud', 'exp'] as const);
      if (flip === 'member' || flip === 'both') body.member = !member;
      if (flip === 'moderator' || flip === 'both') body.moderator = !moderator;
      if (flip === 'sub') body.sub = 'wp-user-1';
      if (flip === 'aud') body.aud = 'lake-coop';
      if (flip === 'exp') body.exp = NOW + 60;
      pass = `${header}.${b64(body)}.${signature}`;
    } else if (tampering === 'other-key') {
      pass = await sign(claims({ member: true, moderator: true }), signer.other, { kid: signer.kid, alg: signer.alg });
    } else if (tampering === 'strip-signature') {
      pass = pick([`${header}.${payload}.`, `${header}.${payload}`]);
    } else if (tampering === 'alg-none') {
      pass = `${b64({ alg: 'none', kid: signer.kid, typ: 'JWT' })}.${payload}.`;
    } else if (tampering === 'hmac-with-public-key') {
      const kid = pick(['ed-2025', 'es-2025'] as const);
      pass = await sign(
        claims({ member: true, moderator: true }),
        new TextEncoder().encode(kid === 'ed-2025' ? edPem : esPem),
        {
          kid,
          alg: 'HS256',
        },
      );
    }
    let person: AuthenticatedPerson | undefined;
    let error: unknown;
    try {
      person = await passes.verifyPass('river-coop', pass);
    } catch (caught) {
      error = caught;
    }
    if (tampering === 'none') {
      assert.ok(person, `${what}: refused (${String(error)})`);
      assert.equal(person.member, member, what);
      assert.equal(person.moderator, moderator, what);
      assert.equal(rank(person), rank({ member, moderator }), what);
    } else {
      assert.equal(person, undefined, `${what}: accepted as ${JSON.stringify(person)}`);
      assert.ok(error instanceof ConveneError, `${what}: ${String(error)}`);
      assert.equal(error.status, 401, what);
      assert.equal(error.code, 'pass_invalid', what);
    }
  }
  assert.equal(seen.size, TAMPERING.length, 'every kind of tampering was tried');
});

test('with authenticate() and a pass both giving a person, authenticate’s is taken whole', () => {
  const host = { identity: 'host-7', name: 'Ada', member: true, moderator: false };
  const pass = { identity: 'wp-user-42', name: 'Ada L', member: true, moderator: true };
  assert.equal(choosePerson(host, pass), host);
  assert.equal(choosePerson(null, pass), pass);
  assert.equal(choosePerson(host, null), host);
  assert.equal(choosePerson(null, null), null);
});

test('the pass is read from the Convene-Pass header; an empty one is none', () => {
  const request = (headers: Record<string, string>) => ({ get: (name: string) => headers[name.toLowerCase()] });
  assert.equal(PASS_HEADER, 'Convene-Pass');
  assert.equal(passOf(request({ 'convene-pass': ' abc.def.ghi ' })), 'abc.def.ghi');
  assert.equal(passOf(request({ 'convene-pass': '' })), undefined);
  assert.equal(passOf(request({})), undefined);
});

// ── The config ──────────────────────────────────────────────────────────────────────────────

/** The problems of a space's `memberPasses`, as `parseConfig` names them. */
function problems(memberPasses: unknown): string[] {
  try {
    parseConfig({ spaces: [spaceWith({ slug: 'river-coop', name: 'River Co-op', memberPasses })] });
  } catch (error) {
    assert.ok(error instanceof ConfigError, `expected a ConfigError, got ${String(error)}`);
    return error.problems;
  }
  assert.fail('the config was accepted');
}

/** A space's `memberPasses` as `parseConfig` gives it. */
function parsed(memberPasses: MemberPassesConfigInput) {
  const read = config([{ slug: 'river-coop', name: 'River Co-op', memberPasses }]).spaces[0]?.memberPasses;
  assert.ok(read, 'memberPasses was dropped');
  return read;
}

const keyBody = (pem: string) => pem.split('\n').find((line) => line && !line.startsWith('-----')) as string;

describe('the memberPasses config', () => {
  test('keys parse: PEM as canonical text, a JWK as its public members only', () => {
    const read = parsed({
      keys: [
        { kid: 'ed', alg: 'EdDSA', publicKey: `\n  ${edPem.replace(/\n/g, '\r\n')}  ` },
        { kid: 'jwk', alg: 'EdDSA', publicKey: { ...edJwk, kid: 'jwk', alg: 'EdDSA', use: 'sig' } },
      ],
      jwksUrl: 'https://river.example/.well-known/jwks.json',
    });
    assert.equal(read.keys[0]?.publicKey, `${edPem}\n`);
    assert.deepEqual(read.keys[1]?.publicKey, { kty: 'OKP', crv: 'Ed25519', x: edJwk.x });
    assert.deepEqual(read.hmac, []);
  });

  test('a private key is refused, saying to put only the public key in the config, without echoing it', async () => {
    const privateJwk = await exportJWK(edJwkPair.privateKey);
    for (const publicKey of [edPrivatePem, privateJwk]) {
      const text = problems({ keys: [{ kid: 'ed', alg: 'EdDSA', publicKey }] }).join('\n');
      assert.match(
        text,
        /spaces\[0\]\.memberPasses\.keys\[0\]\.publicKey(\.d)?: .*private key.*put only the public key in the config/,
      );
      assert.ok(!text.includes(keyBody(edPrivatePem)) && !text.includes(String(privateJwk.d)));
    }
    const secret = problems({ keys: [{ kid: 'oct', alg: 'EdDSA', publicKey: { kty: 'oct', k: 'c2VjcmV0' } }] }).join(
      '\n',
    );
    assert.match(secret, /keys\[0\]\.publicKey\.k: .*secret.*list it under hmac with secretEnv/);
  });

  test('a key that is not of its alg, or not a key, is named with the fix', () => {
    assert.match(
      problems({ keys: [{ kid: 'x', alg: 'ES256', publicKey: edPem }] }).join('\n'),
      /keys\[0\]\.publicKey: alg "ES256" takes a P-256 key, and this is an Ed25519 key; set alg to "EdDSA"/,
    );
    assert.match(
      problems({ keys: [{ kid: 'x', alg: 'EdDSA', publicKey: { ...edJwk, kid: 'y' } }] }).join('\n'),
      /keys\[0\]\.publicKey\.kid: the JWK's kid is not this key's kid "x"/,
    );
    assert.match(
      problems({
        keys: [{ kid: 'x', alg: 'EdDSA', publicKey: '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----' }],
      }).join('\n'),
      /keys\[0\]\.publicKey: expected a PEM public key/,
    );
    assert.match(
      problems({ keys: [{ kid: 'x', alg: 'HS256', publicKey: edPem }] }).join('\n'),
      /keys\[0\]\.alg: expected "EdDSA" .* HS256 secrets go under hmac/,
    );
    assert.match(
      problems({ keys: [{ kid: 'x', alg: 'EdDSA' }] }).join('\n'),
      /keys\[0\]\.publicKey: expected the site's public key/,
    );
    assert.match(problems({}).join('\n'), /memberPasses: memberPasses needs the site's keys/);
  });

  test('key ids are unique within a space, across keys and hmac', () => {
    const text = problems({
      keys: [
        { kid: 'k1', alg: 'EdDSA', publicKey: edPem },
        { kid: 'k1', alg: 'ES256', publicKey: esPem },
      ],
      hmac: [{ kid: 'k1', secretEnv: 'RIVER_PASS_SECRET' }],
    }).join('\n');
    assert.match(text, /keys\[1\]\.kid: key id "k1" is used twice in this space \(keys\[0\] has it\)/);
    assert.match(text, /hmac\[0\]\.kid: key id "k1" is used twice in this space \(keys\[0\] has it\)/);
  });

  test('a jwksUrl is https (plain http only to this machine), without a user or password', () => {
    for (const jwksUrl of [
      'http://river.example/jwks.json',
      'ftp://river.example/jwks',
      'https://u:p@river.example/jwks',
      'jwks.json',
    ]) {
      assert.match(problems({ jwksUrl }).join('\n'), /memberPasses\.jwksUrl: expected an https:\/\/ URL/, jwksUrl);
    }
    for (const jwksUrl of ['http://127.0.0.1:8081/jwks.json', 'http://localhost/jwks', 'http://[::1]/jwks']) {
      assert.equal(parsed({ jwksUrl }).jwksUrl, jwksUrl);
    }
  });

  test('an HMAC secret is named by its environment variable, never written in the file', () => {
    const inFile = problems({ hmac: [{ kid: 'wp', secretEnv: 'RIVER_PASS_SECRET', secret: hmacSecret }] }).join('\n');
    assert.match(inFile, /hmac\[0\]\.secret: the secret never goes in the file/);
    assert.ok(!inFile.includes(hmacSecret));
    assert.match(
      problems({ hmac: [{ kid: 'wp', secretEnv: hmacSecret }] }).join('\n'),
      /hmac\[0\]\.secretEnv: expected the name of the environment variable/,
    );
    assert.match(problems({ hmac: [{ kid: 'wp', secretEnv: 'LIVEKIT_API_SECRET' }] }).join('\n'), /not LiveKit's/);
  });

  test('at start-up, a missing or short HMAC secret names its variable and path, never the value', () => {
    const spaces = config([{ slug: 'river-coop', name: 'River Co-op', memberPasses: riverPasses }]);
    const startUp = (environment: Record<string, string>) => {
      try {
        createPassVerifiers(spaces, { env: environment, source: 'convene.yaml' });
      } catch (error) {
        assert.ok(error instanceof ConfigError);
        assert.match(error.message, /^convene\.yaml is not a valid Convene config/);
        return error.problems.join('\n');
      }
      assert.fail('started without the secret');
    };
    assert.match(
      startUp({}),
      /spaces\[0\]\.memberPasses\.hmac\[0\]\.secretEnv: the environment variable RIVER_PASS_SECRET is not set/,
    );
    const short = startUp({ RIVER_PASS_SECRET: 'too-short-a-secret' });
    assert.match(short, /RIVER_PASS_SECRET holds 18 bytes; an HS256 pass secret needs at least 32/);
    assert.ok(!short.includes('too-short-a-secret'));
  });

  test('every configured key imports at start-up', async () => {
    await passes.ready();
  });
});
