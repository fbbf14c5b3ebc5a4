/** The config file and the CLI, as the co-op running the server meets them. No LiveKit needed. */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { request as httpRequest } from 'node:http';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { exportSPKI, generateKeyPair, SignJWT } from 'jose';
import { z } from 'zod';
import { freeTcpPort } from '../../../scripts/lib/livekit.mjs';
import {
  ConfigError,
  hashCode,
  livekitFromEnv,
  loadConfigFile,
  parseConfig,
  PASS_HEADER,
  registerFurnitureKind,
  ROLE_ATTRIBUTE,
  verifyCode,
} from '../src/index.js';
import { EventStream, post, until, verifyToken } from './helpers.js';

const cli = join(dirname(fileURLToPath(import.meta.url)), '..', 'src', 'cli.ts');
const dir = mkdtempSync(join(tmpdir(), 'convene-config-'));

function problems(input: unknown): string[] {
  try {
    parseConfig(input);
  } catch (error) {
    assert.ok(error instanceof ConfigError);
    return error.problems;
  }
  assert.fail('the config was accepted');
}

const room = (extra: Record<string, unknown> = {}) => ({ slug: 'lobby', name: 'Lobby', access: 'public', ...extra });
const space = (rooms: unknown[], extra: Record<string, unknown> = {}) => ({
  spaces: [{ slug: 'river-coop', name: 'River', entrance: 'lobby', rooms, ...extra }],
});

function run(args: string[], env: Record<string, string> = {}, input?: string) {
  const child = spawn(process.execPath, ['--import', 'tsx', cli, ...args], {
    env: { ...process.env, LIVEKIT_URL: '', LIVEKIT_API_KEY: '', LIVEKIT_API_SECRET: '', ...env },
    stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
  });
  if (input !== undefined) child.stdin?.end(input);
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk) => (stdout += chunk));
  child.stderr?.on('data', (chunk) => (stderr += chunk));
  const exited = new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) =>
    child.on('exit', (code) => resolve({ code, stdout, stderr })),
  );
  return { child, exited, output: () => stdout };
}

test('a valid config parses, with defaults filled in', () => {
  const config = parseConfig(space([room({ furniture: [{ kind: 'spotlight' }, { kind: 'chat', label: ' Talk ' }] })]));
  const lobby = config.spaces[0]?.rooms[0];
  assert.equal(lobby?.listed, true);
  assert.equal(lobby?.publish, 'everyone');
  assert.deepEqual(lobby?.furniture, [
    { kind: 'spotlight', settings: { anyone: false } },
    { kind: 'chat', label: 'Talk', settings: {} },
  ]);
  assert.deepEqual(config.spaces[0]?.allowedOrigins, []);
});

test('every problem is named by its path, with what was found and a hint', () => {
  const found = problems(
    space(
      [
        room(),
        { slug: 'Bad Slug', name: 'X', access: 'privat' },
        { slug: 'locked', name: 'Locked', access: 'locked', accessCode: 'plain-code' },
        room({ colour: 'red' }),
      ],
      { allowedOrigins: ['https://coop.example/'] },
    ),
  );
  const text = found.join('\n');
  assert.match(text, /spaces\[0\]\.rooms\[1\]\.slug: expected a slug/);
  assert.match(text, /spaces\[0\]\.rooms\[1\]\.access: .*"public".*"locked".*"members".*got "privat"/);
  assert.match(text, /spaces\[0\]\.rooms\[2\]\.accessCode: expected a hashed code from `convene-server hash-code`/);
  assert.match(text, /spaces\[0\]\.rooms\[3\]: unknown key\(s\) "colour"/);
  assert.match(text, /spaces\[0\]\.allowedOrigins\[0\]: expected an origin/);
});

test('slugs are unique and references resolve', () => {
  assert.match(problems(space([room(), room()])).join('\n'), /rooms\[1\]\.slug: room slug "lobby" is used twice/);
  assert.match(
    problems(space([room()], { entrance: 'hall' })).join('\n'),
    /spaces\[0\]\.entrance: the entrance "hall" is not one of this space's rooms \(lobby\)/,
  );
  assert.match(
    problems(space([room({ access: 'locked' })])).join('\n'),
    /rooms\[0\]\.accessCode: a locked room needs an accessCode/,
  );
});

test('furniture is validated by its kind; an unknown kind names the known ones', () => {
  const unknown = problems(space([room({ furniture: [{ kind: 'chta' }] })])).join('\n');
  assert.match(unknown, /rooms\[0\]\.furniture\[0\]\.kind: unknown furniture kind "chta" \(did you mean "chat"\?\)/);
  assert.match(unknown, /known kinds: .*breakout-tables.*chat.*embed.*hand-raise.*markdown.*spotlight.*video-bridge/);
  const settings = problems(
    space([
      room({
        furniture: [
          { kind: 'markdown' },
          { kind: 'embed', settings: { url: 'http://insecure.example' } },
          {
            kind: 'breakout-tables',
            settings: {
              tables: [
                { slug: 'a', name: 'A' },
                { slug: 'a', name: 'B' },
              ],
            },
          },
          { kind: 'chat', settings: { history: 5 } },
        ],
      }),
    ]),
  ).join('\n');
  assert.match(settings, /furniture\[0\]\.settings\.text: /);
  assert.match(settings, /furniture\[1\]\.settings\.url: expected an https:\/\/ URL/);
  assert.match(settings, /furniture\[2\]\.settings\.tables\[1\]\.slug: table slug "a" is used twice/);
  assert.match(settings, /furniture\[3\]\.settings: unknown key\(s\) "history"/);
});

test('a kind that shares state is once per room (named with its path and the fix); others may repeat', () => {
  const twice = problems(
    space([
      room({ furniture: [{ kind: 'chat' }, { kind: 'hand-raise' }, { kind: 'chat', label: 'More chat' }] }),
      room({ slug: 'hall', furniture: [{ kind: 'spotlight' }, { kind: 'spotlight', settings: { anyone: true } }] }),
    ]),
  ).join('\n');
  assert.match(
    twice,
    /rooms\[0\]\.furniture\[2\]\.kind: a room can have one "chat" and furniture\[0\] is one already .*remove this one/,
  );
  assert.match(twice, /rooms\[1\]\.furniture\[1\]\.kind: a room can have one "spotlight"/);
  assert.doesNotMatch(twice, /hand-raise/);
  const notes = parseConfig(
    space(
      [
        room({
          furniture: [
            { kind: 'markdown', settings: { text: 'One' } },
            { kind: 'markdown', settings: { text: 'Two' } },
            { kind: 'embed', settings: { url: 'https://forms.example.org/a' } },
            { kind: 'embed', settings: { url: 'https://forms.example.org/b' } },
          ],
        }),
      ],
      { embedHosts: ['forms.example.org'] },
    ),
  );
  assert.equal(notes.spaces[0]?.rooms[0]?.furniture.length, 4);
  registerFurnitureKind('kettle', z.object({}).strict(), { once: true });
  assert.match(
    problems(space([room({ furniture: [{ kind: 'kettle' }, { kind: 'kettle' }] })])).join('\n'),
    /furniture\[1\]\.kind: a room can have one "kettle"/,
  );
});

test("a co-op's own furniture kind registers a schema, and its room references are checked", () => {
  registerFurnitureKind('door', z.object({ to: z.string(), sign: z.string().default('Door') }).strict(), {
    rooms: (settings) => [settings.to],
  });
  const ok = parseConfig(
    space([room({ furniture: [{ kind: 'door', settings: { to: 'garden' } }] }), room({ slug: 'garden' })]),
  );
  assert.deepEqual(ok.spaces[0]?.rooms[0]?.furniture[0], { kind: 'door', settings: { to: 'garden', sign: 'Door' } });
  assert.match(
    problems(space([room({ furniture: [{ kind: 'door', settings: { to: 'attic' } }] })])).join('\n'),
    /rooms\[0\]\.furniture\[0\]\.settings: names the room "attic", which is not one of this space's rooms/,
  );
  assert.throws(() => registerFurnitureKind('Bad Kind', z.object({})), /not a furniture kind/);
});

test('codes are stored as scrypt hashes and checked in constant time', async () => {
  const hash = await hashCode(' river-1234 ');
  assert.match(hash, /^scrypt\$16384\$8\$1\$/);
  assert.notEqual(await hashCode('river-1234'), hash, 'salted');
  assert.equal(await verifyCode('river-1234', hash), true);
  assert.equal(await verifyCode('river-1235', hash), false);
  assert.equal(await verifyCode('river-1234', 'scrypt$garbage'), false);
  await assert.rejects(hashCode('abc'), /at least 6 characters: shorter ones can be guessed/);
  await assert.rejects(hashCode(' river '), /at least 6 characters/, 'surrounding space does not count');
  assert.match(await hashCode('river1'), /^scrypt\$/);
});

test('LiveKit settings come from the environment, each missing one named', () => {
  assert.throws(() => livekitFromEnv({ LIVEKIT_URL: 'ws://x' }), /LIVEKIT_API_KEY, LIVEKIT_API_SECRET are not set/);
  assert.throws(
    () => livekitFromEnv({ LIVEKIT_URL: 'ftp://x', LIVEKIT_API_KEY: 'k', LIVEKIT_API_SECRET: 's' }),
    /LIVEKIT_URL must be/,
  );
  assert.deepEqual(livekitFromEnv({ LIVEKIT_URL: 'wss://lk.example', LIVEKIT_API_KEY: 'k', LIVEKIT_API_SECRET: 's' }), {
    url: 'wss://lk.example',
    apiKey: 'k',
    apiSecret: 's',
  });
});

test('YAML and JSON files load; a broken file names itself', async () => {
  const yamlFile = join(dir, 'ok.yaml');
  writeFileSync(
    yamlFile,
    'spaces:\n  - slug: river-coop\n    name: River\n    entrance: lobby\n    rooms:\n      - { slug: lobby, name: Lobby, access: public }\n',
  );
  assert.equal((await loadConfigFile(yamlFile)).spaces[0]?.slug, 'river-coop');
  const badJson = join(dir, 'bad.json');
  writeFileSync(badJson, '{ "spaces": [ }');
  await assert.rejects(loadConfigFile(badJson), (error: ConfigError) =>
    /bad\.json[\s\S]*is not valid JSON/.test(error.message),
  );
  await assert.rejects(loadConfigFile(join(dir, 'missing.yaml')), /could not be read \(ENOENT\)/);
});

test('`convene-server hash-code` prints a hash the server accepts', async () => {
  const [fromArgument, fromStdin] = await Promise.all([
    run(['hash-code', 'garden-gate']).exited,
    run(['hash-code'], {}, 'garden-gate\n').exited,
  ]);
  for (const { code, stdout } of [fromArgument, fromStdin]) {
    assert.equal(code, 0);
    assert.equal(await verifyCode('garden-gate', stdout.trim()), true);
  }
  const tooShort = await run(['hash-code', 'abc']).exited;
  assert.equal(tooShort.code, 1);
  assert.match(tooShort.stderr, /at least 6 characters/);
});

test('`convene-server hash-code` refuses a four-character code, saying why', async () => {
  const [fromArgument, fromStdin] = await Promise.all([
    run(['hash-code', '1234']).exited,
    run(['hash-code'], {}, 'gate\n').exited,
  ]);
  for (const { code, stdout, stderr } of [fromArgument, fromStdin]) {
    assert.equal(code, 1);
    assert.equal(stdout, '', 'no hash printed');
    assert.match(stderr, /a code of at least 6 characters: shorter ones can be guessed/);
  }
});

test('the CLI refuses a bad config or missing LiveKit settings, listing every problem, exit 1', async () => {
  const file = join(dir, 'bad.yaml');
  writeFileSync(
    file,
    'spaces:\n  - slug: River\n    name: River\n    entrance: hall\n    rooms:\n      - { slug: lobby, name: Lobby, access: privat }\n',
  );
  const env = { LIVEKIT_URL: 'ws://127.0.0.1:1', LIVEKIT_API_KEY: 'k', LIVEKIT_API_SECRET: 's' };
  const bad = await run(['--config', file], env).exited;
  assert.equal(bad.code, 1);
  assert.match(bad.stderr, /bad\.yaml is not a valid Convene config/);
  assert.match(bad.stderr, /spaces\[0\]\.slug: expected a slug/);
  assert.match(bad.stderr, /spaces\[0\]\.rooms\[0\]\.access: .*got "privat"/);
  const noEnv = await run(['--config', file]).exited;
  assert.equal(noEnv.code, 1);
  assert.match(noEnv.stderr, /LIVEKIT_URL, LIVEKIT_API_KEY, LIVEKIT_API_SECRET are not set/);
});

test('the CLI takes --trust-proxy and --hosts, and refuses values it cannot use, exit 1', async () => {
  const file = join(dir, 'flags.yaml');
  writeFileSync(
    file,
    'spaces:\n  - slug: river-coop\n    name: River\n    entrance: lobby\n    rooms:\n      - { slug: lobby, name: Lobby, access: public }\n' +
      'rateLimits:\n  tokens: { limit: 2, windowSeconds: 60 }\n',
  );
  const env = { LIVEKIT_URL: `ws://127.0.0.1:${await freeTcpPort()}`, LIVEKIT_API_KEY: 'k', LIVEKIT_API_SECRET: 's' };
  const badProxy = await run(['--config', file, '--trust-proxy', 'everyone'], env).exited;
  assert.equal(badProxy.code, 1);
  assert.match(
    badProxy.stderr,
    /--trust-proxy: "everyone" is not loopback, linklocal, uniquelocal, an address or a subnet/,
  );
  const badHosts = await run(['--config', file, '--hosts', 'https://convene.example'], env).exited;
  assert.equal(badHosts.code, 1);
  assert.match(badHosts.stderr, /--hosts: "https:\/\/convene.example" is not a host name/);

  // Behind a proxy on loopback: X-Forwarded-For names the client, and the config's limit counts per client.
  const port = await freeTcpPort();
  const server = run(
    ['--config', file, '--port', String(port), '--trust-proxy', 'loopback', '--hosts', 'convene.example'],
    env,
  );
  try {
    await until('the server to listen', () => server.output().includes('listening'), 45_000);
    const token = (ip: string) =>
      post(`http://127.0.0.1:${port}/api/spaces/river-coop/token`, { room_name: 'lobby' }, { 'x-forwarded-for': ip });
    assert.deepEqual(
      [(await token('10.9.0.1')).status, (await token('10.9.0.1')).status, (await token('10.9.0.1')).status],
      [201, 201, 429],
      'the config file’s rateLimits.tokens',
    );
    assert.equal((await token('10.9.0.2')).status, 201, 'another client behind the proxy');
    // fetch() will not send another Host header: node:http does, as a browser on that name would.
    const sameHost = (name: string) =>
      new Promise<number>((resolve, reject) => {
        const body = JSON.stringify({ room_name: 'lobby' });
        const req = httpRequest(
          {
            host: '127.0.0.1',
            port,
            method: 'POST',
            path: '/api/spaces/river-coop/token',
            headers: {
              host: name,
              origin: `http://${name}`,
              'content-type': 'application/json',
              'x-forwarded-for': `10.9.1.${name.length}`,
            },
          },
          (res) => {
            res.resume();
            resolve(res.statusCode ?? 0);
          },
        );
        req.once('error', reject);
        req.end(body);
      });
    assert.equal(await sameHost('convene.example'), 201, 'a page served from a --hosts name may POST');
    assert.equal(await sameHost('rebound.example'), 403, 'a name that is not listed may not');
  } finally {
    server.child.kill('SIGTERM');
    await server.exited;
  }
});

test('SIGTERM closes presence streams and exits 0', async () => {
  const file = join(dir, 'run.yaml');
  writeFileSync(
    file,
    'spaces:\n  - slug: river-coop\n    name: River\n    entrance: lobby\n    rooms:\n      - { slug: lobby, name: Lobby, access: public }\n',
  );
  const port = await freeTcpPort();
  // A LiveKit that is not there: presence is "unavailable", but the stream still runs.
  const server = run(['--config', file, '--port', String(port)], {
    LIVEKIT_URL: `ws://127.0.0.1:${await freeTcpPort()}`,
    LIVEKIT_API_KEY: 'k',
    LIVEKIT_API_SECRET: 's',
  });
  await until('the server to listen', () => server.output().includes('listening'), 45_000);
  const stream = await EventStream.open(`http://127.0.0.1:${port}/api/spaces/river-coop/events`);
  const first = await stream.next<{ presence: string }>(() => true);
  assert.equal(first.data.presence, 'unavailable');
  server.child.kill('SIGTERM');
  const { code } = await server.exited;
  assert.equal(code, 0);
  await until('the stream to end', () => stream.ended, 2000);
});

/** A config file whose space takes member passes: an Ed25519 public key in the file, an HS256 secret by name. */
async function passConfigFile(name: string) {
  const site = await generateKeyPair('EdDSA');
  const pem = (await exportSPKI(site.publicKey)).trim();
  const file = join(dir, name);
  writeFileSync(
    file,
    [
      'spaces:',
      '  - slug: river-coop',
      '    name: River Co-op',
      '    entrance: lobby',
      '    rooms:',
      '      - { slug: lobby, name: Lobby, access: public }',
      '      - { slug: members, name: Members, access: members }',
      '    memberPasses:',
      '      keys:',
      '        - kid: river-ed-2026',
      '          alg: EdDSA',
      '          publicKey: |',
      ...pem.split('\n').map((line) => `            ${line}`),
      '      hmac:',
      '        - kid: river-hmac',
      '          secretEnv: RIVER_PASS_SECRET',
      '',
    ].join('\n'),
  );
  return { file, site };
}

const passSecret = 'a-river-pass-secret-of-more-than-32-bytes';

function signPass(key: Parameters<SignJWT['sign']>[0], kid: string, alg: string, claims: Record<string, unknown> = {}) {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ name: 'Ada', member: true, moderator: false, jti: `p-${now}-${kid}`, ...claims })
    .setProtectedHeader({ alg, kid, typ: 'JWT' })
    .setSubject('wp-user-7')
    .setAudience('river-coop')
    .setIssuedAt(now - 5)
    .setExpirationTime(now + 300)
    .sign(key);
}

test('`convene-server --config` with memberPasses accepts a pass signed by the site (EdDSA, and HS256 from the environment)', async () => {
  const { file, site } = await passConfigFile('passes.yaml');
  const port = await freeTcpPort();
  const server = run(['--config', file, '--port', String(port)], {
    // A LiveKit that is not there: minting a token needs only its key pair.
    LIVEKIT_URL: `ws://127.0.0.1:${await freeTcpPort()}`,
    LIVEKIT_API_KEY: 'k',
    LIVEKIT_API_SECRET: 'a-livekit-secret-for-this-test-only',
    RIVER_PASS_SECRET: passSecret,
  });
  try {
    await until('the server to listen', () => server.output().includes('listening'), 45_000);
    const tokenUrl = `http://127.0.0.1:${port}/api/spaces/river-coop/token`;
    for (const pass of [
      await signPass(site.privateKey, 'river-ed-2026', 'EdDSA'),
      await signPass(new TextEncoder().encode(passSecret), 'river-hmac', 'HS256'),
    ]) {
      const reply = await post(tokenUrl, { room_name: 'members' }, { [PASS_HEADER]: pass });
      assert.equal(reply.status, 201, JSON.stringify(reply.body));
      assert.equal(reply.body.identity, 'wp-user-7');
      const claims = await verifyToken(reply.body.participant_token, 'k', 'a-livekit-secret-for-this-test-only');
      assert.equal(claims.attributes?.[ROLE_ATTRIBUTE], 'member');
    }
    const guest = await post(tokenUrl, { room_name: 'members' });
    assert.equal(guest.status, 404, 'without a pass, the members room stays closed');
    const forged = await signPass((await generateKeyPair('EdDSA')).privateKey, 'river-ed-2026', 'EdDSA');
    const refused = await post(tokenUrl, { room_name: 'members' }, { [PASS_HEADER]: forged });
    assert.equal(refused.status, 401);
    assert.equal(refused.body.error.code, 'pass_invalid');
  } finally {
    server.child.kill('SIGTERM');
    await server.exited;
  }
});

test('the CLI refuses to start, exit 1, when an HS256 pass secret the config names is not in the environment', async () => {
  const { file } = await passConfigFile('passes-no-secret.yaml');
  const env = { LIVEKIT_URL: 'ws://127.0.0.1:1', LIVEKIT_API_KEY: 'k', LIVEKIT_API_SECRET: 's' };
  const missing = await run(['--config', file, '--port', String(await freeTcpPort())], env).exited;
  assert.equal(missing.code, 1);
  assert.match(missing.stderr, /^convene-server: \S*passes-no-secret\.yaml is not a valid Convene config/);
  assert.doesNotMatch(missing.stderr, /\n\s+at /, 'a message, not a stack trace');
  assert.match(
    missing.stderr,
    /spaces\[0\]\.memberPasses\.hmac\[0\]\.secretEnv: the environment variable RIVER_PASS_SECRET is not set/,
  );
  assert.doesNotMatch(missing.stdout, /listening/);
  const short = await run(['--config', file], { ...env, RIVER_PASS_SECRET: 'short-secret' }).exited;
  assert.equal(short.code, 1);
  assert.match(short.stderr, /RIVER_PASS_SECRET holds 12 bytes; an HS256 pass secret needs at least 32/);
  assert.ok(!short.stderr.includes('short-secret'), 'the secret itself is never printed');
});
