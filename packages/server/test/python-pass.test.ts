/**
 * examples/python-pass as a co-op runs it: Debian's python3 makes the key, serves the pass
 * endpoint for its signed-in people, and the Convene server lets them into the members' room with
 * the pass. Needs python3 with python3-jwt and python3-cryptography (Debian packages).
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { freeTcpPort } from '../../../scripts/lib/livekit.mjs';
import { parseConfig, PASS_HEADER, PASS_MAX_LIFETIME_SECONDS, ROLE_ATTRIBUTE } from '../src/index.js';
import { post, startApp, until, verifyToken } from './helpers.js';

const example = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'examples', 'python-pass', 'site.py');
const dir = mkdtempSync(join(tmpdir(), 'convene-python-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** The first python3 that has PyJWT and cryptography: the one on PATH, or Debian's own. */
function findPython(): string {
  for (const candidate of ['python3', '/usr/bin/python3']) {
    const probe = spawnSync(candidate, ['-c', 'import jwt, cryptography'], { stdio: 'ignore' });
    if (probe.status === 0) return candidate;
  }
  assert.fail('no python3 with PyJWT and cryptography: apt-get install python3 python3-jwt python3-cryptography');
}
const python = findPython();

const space = 'river-coop';
const LIVEKIT = { apiKey: 'devkey', apiSecret: 'a-livekit-secret-for-the-python-test' };

// The operator's first step: the example makes the key and prints the lines for the Convene config.
const keyFile = join(dir, 'pass-key.pem');
const keygen = spawnSync(python, [example, 'keygen', keyFile], {
  env: { ...process.env, CONVENE_PASS_KID: 'py-2026' },
  encoding: 'utf8',
});
assert.equal(keygen.status, 0, keygen.stderr);
const snippet = parseYaml(keygen.stdout) as { memberPasses: unknown };

const { baseUrl: convene } = await startApp({
  config: parseConfig({
    spaces: [
      {
        slug: space,
        name: 'River Co-op',
        entrance: 'lobby',
        rooms: [
          { slug: 'lobby', name: 'Lobby', access: 'public' },
          { slug: 'members', name: 'Members', access: 'members' },
        ],
        ...snippet,
      },
    ],
  }),
  // Minting a token needs LiveKit's key pair only; nobody joins here.
  livekit: { url: `ws://127.0.0.1:${await freeTcpPort()}`, ...LIVEKIT },
});

// The site, on its own port.
const port = await freeTcpPort();
const site = spawn(python, [example], {
  env: {
    ...process.env,
    PORT: String(port),
    CONVENE_PASS_KEY: keyFile,
    CONVENE_PASS_KID: 'py-2026',
    CONVENE_SPACE: space,
    CONVENE_SERVER: convene,
  },
  stdio: ['ignore', 'pipe', 'pipe'],
});
let output = '';
site.stdout.on('data', (chunk) => (output += chunk));
site.stderr.on('data', (chunk) => (output += chunk));
after(() => site.kill());
await until('the Python site to listen', () => output.includes('listening'), 15_000);
const siteUrl = `http://127.0.0.1:${port}`;

/** Signs in on the site's own form; answers the session cookie. */
async function signIn(login: string): Promise<string> {
  const response = await fetch(`${siteUrl}/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: `login=${login}`,
    redirect: 'manual',
  });
  assert.equal(response.status, 303);
  const cookie = /^session=[^;]+/.exec(response.headers.get('set-cookie') ?? '')?.[0];
  assert.ok(cookie, 'signing in sets a session cookie');
  return cookie;
}

/** The pass endpoint as the element's `pass-url` fetches it. */
async function fetchPass(cookie?: string, headers: Record<string, string> = {}) {
  const response = await fetch(`${siteUrl}/convene-pass`, { headers: { ...(cookie ? { cookie } : {}), ...headers } });
  return {
    status: response.status,
    cacheControl: response.headers.get('cache-control'),
    cors: response.headers.get('access-control-allow-origin'),
    body: (await response.json()) as { pass: string | null; expires_at?: string },
  };
}

const token = (room: string, pass: string | null) =>
  post(`${convene}/api/spaces/${space}/token`, { room_name: room }, pass ? { [PASS_HEADER]: pass } : {});

test('signed out, the pass endpoint answers {"pass": null}, never cached, readable by no other site', async () => {
  const answer = await fetchPass(undefined, { origin: 'https://elsewhere.example' });
  assert.equal(answer.status, 200);
  assert.deepEqual(answer.body, { pass: null });
  assert.match(answer.cacheControl ?? '', /\bno-store\b/);
  assert.equal(answer.cors, null);
  const crossSite = await fetch(`${siteUrl}/convene-pass`, { headers: { 'sec-fetch-site': 'cross-site' } });
  assert.equal(crossSite.status, 403);
  assert.equal((await token('members', null)).status, 404, 'a guest does not get into the members room');
});

test('a signed-in member gets a pass from the Python site, and with it a members-room token as themselves', async () => {
  const cookie = await signIn('ada');
  const before = Date.now();
  const answer = await fetchPass(cookie);
  assert.equal(answer.status, 200);
  assert.match(answer.cacheControl ?? '', /\bno-store\b/);
  assert.equal(answer.cors, null);
  const { pass, expires_at: expiresAt } = answer.body;
  assert.ok(pass, 'a pass for a signed-in member');
  const [header, claims] = pass
    .split('.')
    .slice(0, 2)
    .map((part) => JSON.parse(Buffer.from(part, 'base64url').toString()));
  assert.deepEqual(header, { alg: 'EdDSA', kid: 'py-2026', typ: 'JWT' });
  assert.equal(new Date(expiresAt ?? '').getTime(), claims.exp * 1000, 'expires_at is the pass’s exp');
  assert.ok(claims.exp - claims.iat <= PASS_MAX_LIFETIME_SECONDS);
  assert.ok(claims.exp * 1000 > before);

  const reply = await token('members', pass);
  assert.equal(reply.status, 201, JSON.stringify(reply.body));
  assert.equal(reply.body.identity, 'py-ada');
  assert.equal(reply.body.name, 'Ada Lovelace');
  const jwt = await verifyToken(reply.body.participant_token, LIVEKIT.apiKey, LIVEKIT.apiSecret);
  assert.equal(jwt.video?.room, `${space}/members`);
  assert.equal(jwt.attributes?.[ROLE_ATTRIBUTE], 'member');
});

test('the site’s moderator is a moderator; its non-member is not let in; signing out ends the passes', async () => {
  const mo = await signIn('mo');
  const moderator = await token('members', (await fetchPass(mo)).body.pass);
  assert.equal(moderator.status, 201);
  assert.equal(moderator.body.moderator, true);

  const vic = await signIn('vic');
  const visitor = await token('members', (await fetchPass(vic)).body.pass);
  assert.equal(visitor.status, 404);
  assert.equal(visitor.body.error.code, 'members_only');

  const out = await fetch(`${siteUrl}/sign-out`, { method: 'POST', headers: { cookie: mo }, redirect: 'manual' });
  assert.equal(out.status, 303);
  assert.deepEqual((await fetchPass(mo)).body, { pass: null });
});
