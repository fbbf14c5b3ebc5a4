#!/usr/bin/env node
// `npm start`: the demo. Installs dependencies if missing, builds, starts LiveKit (a local dev
// server, or the one named by LIVEKIT_URL), the token server with a demo space, and serves the
// vanilla example with the API on the same origin. Ctrl-C stops everything it started.
import { spawnSync } from 'node:child_process';
import { randomInt } from 'node:crypto';
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

// The demo space. The locked room's code is new on every start.
const accessCode = String(randomInt(100000, 1000000));
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
          { slug: 'lobby', name: 'Lobby', description: 'Everyone is welcome. Say hello!', access: 'public' },
          {
            slug: 'workshop',
            name: 'Workshop',
            description: 'Locked: ask a member for the access code.',
            access: 'locked',
            accessCode: await server.hashCode(accessCode),
          },
          { slug: 'members', name: 'Members’ room', description: 'For co-op members only.', access: 'members' },
        ],
      },
    ],
  },
  'the demo config',
);

// The demo's stand-in for a host site's sign-in: a cookie that makes the visitor a member.
const MEMBER_COOKIE = 'convene_demo_member';
const authenticate = (req) =>
  (req.headers.cookie ?? '').split(/;\s*/).includes(`${MEMBER_COOKIE}=1`)
    ? { identity: 'demo-member', name: 'Demo member', member: true, moderator: false }
    : null;

const app = express();
app.get('/demo/sign-in', (_req, res) => {
  res.setHeader('Set-Cookie', `${MEMBER_COOKIE}=1; Path=/; SameSite=Lax; HttpOnly`);
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
    authenticate,
    elementsDir: join(root, 'packages/elements/dist'),
    staticDir: join(root, 'examples/vanilla'),
  }),
);

const listener = app.listen(port, process.env.HOST ?? 'localhost', () => {
  const url = `http://localhost:${port}`;
  console.log(`
Convene demo is running: ${url}

  Space "River Co-op"
    lobby      public: open ${url} in two tabs to meet yourself
    workshop   locked: access code ${accessCode}
    members    members only: ${url}/demo/sign-in makes this browser a member (sign out: /demo/sign-out)
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
