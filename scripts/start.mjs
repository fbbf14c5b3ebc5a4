#!/usr/bin/env node
// `npm start`: the demo. Installs dependencies if missing, builds, starts LiveKit (a local dev
// server, or the one named by LIVEKIT_URL), the token server with a demo space, and serves the
// vanilla example with the API on the same origin. Ctrl-C stops everything it started.
import { spawnSync } from 'node:child_process';
import { generateKeyPairSync, randomInt, randomUUID, sign } from 'node:crypto';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { LivekitNotFoundError, startLivekit } from './lib/livekit.mjs';
import { ensureDependencies, root } from './lib/workspace.mjs';

const port = Number(process.env.PORT ?? 8080);
if (!Number.isInteger(port) || port <= 0 || port > 65535) {
  console.error(`PORT must be a port number, got "${process.env.PORT}".`);
  process.exit(1);
}

ensureDependencies();

if (process.env.CONVENE_SKIP_BUILD !== '1') {
  console.log('Building…');
  // Quiet when it works (rollup reports progress on stderr); everything it said when it fails.
  const build = spawnSync('npm', ['run', '--silent', 'build'], { cwd: root, encoding: 'utf8', stdio: 'pipe' });
  if (build.status !== 0) {
    console.error(`${build.stdout ?? ''}${build.stderr ?? ''}`.trim());
    console.error('The build failed; see above.');
    process.exit(1);
  }
}

const server = await import(pathToFileURL(join(root, 'packages/server/dist/index.js')).href);
const express = (await import('express')).default;

// LiveKit: the one named in the environment, or a local dev server.
let livekit;
let stopLivekit = async () => {};
if (process.env.LIVEKIT_URL) {
  try {
    livekit = server.livekitFromEnv();
  } catch (error) {
    console.error(error.message);
    process.exit(1);
  }
  console.log(`Using LiveKit at ${livekit.url} (from LIVEKIT_URL).`);
} else {
  try {
    const local = await startLivekit();
    livekit = { url: local.url, apiKey: local.apiKey, apiSecret: local.apiSecret };
    stopLivekit = local.stop;
  } catch (error) {
    console.error(
      error instanceof LivekitNotFoundError ? error.message : `Could not start livekit-server: ${error.message}`,
    );
    process.exit(1);
  }
}

// The demo space. The locked room's code is new on every start, and so is the demo site's key
// pair for member passes: the private half signs (as a host site does), the public half is in
// the space's config (all the Convene server ever holds).
const accessCode = String(randomInt(100000, 1000000));
const PASS_KID = 'demo-site';
const passKeys = generateKeyPairSync('ed25519');
const config = server.parseConfig(
  {
    spaces: [
      {
        slug: 'river-coop',
        name: 'River Co-op',
        entrance: 'lobby',
        // The demo pages, and Storybook's Live stories (`npm run storybook` serves them on 6006).
        allowedOrigins: [
          `http://localhost:${port}`,
          `http://127.0.0.1:${port}`,
          'http://localhost:6006',
          'http://127.0.0.1:6006',
        ],
        rooms: [
          {
            slug: 'lobby',
            name: 'Lobby',
            description: 'Everyone is welcome. Say hello!',
            access: 'public',
            // Furniture: what makes a Convene room more than a call.
            furniture: [
              { kind: 'chat' },
              { kind: 'hand-raise' },
              {
                kind: 'markdown',
                label: 'Welcome',
                settings: {
                  text: '## Welcome to River Co-op\n\nSay hello in the chat, raise your hand to speak, and try the **Workshop** (knock, or use its code).',
                },
              },
            ],
          },
          {
            slug: 'workshop',
            name: 'Workshop',
            description: 'Locked: enter the access code, or knock and a host lets you in.',
            access: 'locked',
            knock: true,
            accessCode: await server.hashCode(accessCode),
            // How a co-op meets to decide: minutes written together, a poll, tables to split into.
            furniture: [
              { kind: 'notes' },
              { kind: 'poll' },
              { kind: 'chat' },
              { kind: 'hand-raise' },
              {
                kind: 'breakout-tables',
                settings: {
                  tables: [
                    { slug: 'finance', name: 'Finance' },
                    { slug: 'events', name: 'Events' },
                  ],
                },
              },
            ],
          },
          {
            slug: 'members',
            name: 'Members’ room',
            description: 'For co-op members only.',
            access: 'members',
            furniture: [
              { kind: 'chat' },
              {
                kind: 'breakout-tables',
                settings: {
                  tables: [
                    { slug: 'kitchen', name: 'Kitchen table' },
                    { slug: 'garden', name: 'Garden bench' },
                  ],
                },
              },
            ],
          },
        ],
        memberPasses: {
          keys: [
            {
              kid: PASS_KID,
              alg: 'EdDSA',
              publicKey: passKeys.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
            },
          ],
        },
      },
    ],
  },
  'the demo config',
);

// The demo's stand-in for a host site's sign-in: a cookie that says the visitor is a member
// (`=1`) or a host, a member who moderates every room (`=host`).
const MEMBER_COOKIE = 'convene_demo_member';
const signedInAs = (req) => {
  const cookies = (req.headers.cookie ?? '').split(/;\s*/);
  if (cookies.includes(`${MEMBER_COOKIE}=host`)) return 'host';
  return cookies.includes(`${MEMBER_COOKIE}=1`) ? 'member' : null;
};

/** A member pass for the demo's member or host, as any host site signs one: a compact JWS (EdDSA), 5 minutes. */
function memberPass(as) {
  const now = Math.floor(Date.now() / 1000);
  const part = (value) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const claims =
    as === 'host'
      ? { sub: 'demo-host', name: 'Demo host', member: true, moderator: true }
      : { sub: 'demo-member', name: 'Demo member', member: true, moderator: false };
  const payload = { ...claims, aud: 'river-coop', iat: now, exp: now + 300, jti: randomUUID() };
  const input = `${part({ alg: 'EdDSA', kid: PASS_KID, typ: 'JWT' })}.${part(payload)}`;
  const signature = sign(null, Buffer.from(input), passKeys.privateKey).toString('base64url');
  return { pass: `${input}.${signature}`, expires_at: new Date((now + 300) * 1000).toISOString() };
}

const app = express();
app.disable('x-powered-by'); // no need to tell every visitor which framework and version to look up
// The pass endpoint (`pass-url="/demo/pass"` on the page): a fresh pass for whoever is signed in, else null.
app.get('/demo/pass', (req, res) => {
  res.setHeader('Cache-Control', 'no-store');
  const as = signedInAs(req);
  res.json(as ? memberPass(as) : { pass: null });
});
app.get('/demo/sign-in', (req, res) => {
  const as = req.query.as === 'host' ? 'host' : '1';
  res.setHeader('Set-Cookie', `${MEMBER_COOKIE}=${as}; Path=/; SameSite=Lax; HttpOnly`);
  res.redirect('/');
});
app.get('/demo/sign-out', (_req, res) => {
  res.setHeader('Set-Cookie', `${MEMBER_COOKIE}=; Path=/; Max-Age=0; SameSite=Lax; HttpOnly`);
  res.redirect('/');
});
app.use(
  server.createApp({
    config,
    livekit,
    elementsDir: join(root, 'packages/elements/dist'),
    staticDir: join(root, 'examples/vanilla'),
  }),
);

const listener = app.listen(port, process.env.HOST ?? 'localhost', () => {
  const url = `http://localhost:${port}`;
  console.log(`
Convene demo is running: ${url}

  Space "River Co-op"
    lobby      public, with chat, hands and a welcome note: open ${url} in two tabs to meet yourself
    workshop   locked, with shared notes, a poll and breakout tables: access code ${accessCode},
               or knock and a host lets you in
    members    members only, with breakout tables: ${url}/demo/sign-in makes this browser a member
               (sign out: /demo/sign-out); the page then takes a signed member pass from /demo/pass,
               as from a co-op's own site
    hosts      ${url}/demo/sign-in?as=host makes this browser a host: a member who moderates every
               room (mute, remove, lock, admit knocks, invite links)
  LiveKit      ${livekit.url}${process.env.LIVEKIT_URL ? '' : ' (local dev server, keys devkey / secret)'}

Press Ctrl-C to stop.`);
});
listener.on('error', async (error) => {
  console.error(
    error.code === 'EADDRINUSE'
      ? `Port ${port} is in use. Stop what is using it, or run with another port: PORT=8081 npm start`
      : `Could not listen on port ${port}: ${error.message}`,
  );
  await stopLivekit();
  process.exit(1);
});

let stopping = false;
async function stop() {
  if (stopping) return;
  stopping = true;
  console.log('\nStopping…');
  listener.closeAllConnections();
  listener.close();
  await stopLivekit();
  process.exit(0);
}
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
