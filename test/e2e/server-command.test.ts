/**
 * The README's "Running the server" commands, typed as written from the checkout's root after
 * `npm ci` and the build: `npx convene-server --help`, `npx convene-server hash-code …` and
 * `npx convene-server --config convene.yaml --port …` (from a folder holding a convene.yaml, against a
 * real livekit-server). npx may not fetch anything from the registry here: a command missing from
 * node_modules/.bin fails the test rather than running an unrelated package of the same name.
 */
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { verifyCode } from '../../packages/server/src/index.js';
import { freeTcpPort, startLivekit } from '../../scripts/lib/livekit.mjs';
import { root } from '../../scripts/lib/workspace.mjs';
import { npx, runCommand, startCommand } from '../harness/commands.js';
import { until } from '../harness/pages.js';

const work = mkdtempSync(join(tmpdir(), 'convene-command-'));
after(() => rmSync(work, { recursive: true, force: true }));

describe('npx convene-server, as the README shows it', () => {
  it('prints its usage with --help', async () => {
    const { code, stdout, stderr } = await npx(['convene-server', '--help'], { cwd: root });
    assert.equal(code, 0, stderr);
    assert.match(stdout, /^Usage:\n {2}convene-server --config convene\.yaml/);
    assert.match(stdout, /convene-server hash-code \[<code>\]/);
  });

  it('hash-code prints a hash the server accepts for that code, and only for it', async () => {
    const { code, stdout, stderr } = await npx(['convene-server', 'hash-code', 'the-access-code'], { cwd: root });
    assert.equal(code, 0, stderr);
    const hash = stdout.trim();
    assert.match(hash, /^scrypt\$/);
    assert.equal(await verifyCode('the-access-code', hash), true);
    assert.equal(await verifyCode('another-code', hash), false);
  });

  it('hash-code reads the code from stdin when none is given', async () => {
    const { code, stdout, stderr } = await npx(['convene-server', 'hash-code'], {
      cwd: root,
      input: 'from-stdin-code\n',
    });
    assert.equal(code, 0, stderr);
    assert.equal(await verifyCode('from-stdin-code', stdout.trim()), true);
  });

  it('--config convene.yaml --port serves the config’s space and convene.js', async () => {
    const livekit = await startLivekit();
    after(() => livekit.stop());
    const port = await freeTcpPort();
    // Where a co-op keeps its convene.yaml: the Express example's, read from the current directory.
    const site = join(root, 'examples', 'express-site');
    const server = startCommand('npx', ['convene-server', '--config', 'convene.yaml', '--port', String(port)], {
      cwd: site,
      env: {
        LIVEKIT_URL: livekit.url,
        LIVEKIT_API_KEY: livekit.apiKey,
        LIVEKIT_API_SECRET: livekit.apiSecret,
      },
    });
    const url = `http://127.0.0.1:${port}`;
    await until('the server to say it listens', () => server.output().includes(`listening on ${url}`));
    const health = await fetch(`${url}/healthz`);
    assert.equal(health.status, 200, server.output());
    assert.deepEqual(await health.json(), { ok: true, livekit: 'reachable', store: 'memory' });
    const directory = (await (await fetch(`${url}/api/spaces/river-coop`)).json()) as { rooms: { slug: string }[] };
    const rooms = directory.rooms.map((room) => room.slug);
    assert.ok(rooms.includes('lobby'), `the directory lists the config's lobby: ${rooms.join(', ')}`);
    assert.ok(!rooms.includes('board'), 'an unlisted room stays out of the directory');
    const script = await fetch(`${url}/convene.js`);
    assert.equal(script.status, 200);
    assert.match(script.headers.get('content-type') ?? '', /javascript/);
    await server.stop();
    assert.match(server.output(), /Convene server stopping \(SIGTERM\)/);
  });

  it('says what to run when the package is not built yet', async () => {
    // The committed launcher as a fresh clone has it: bin/ present, dist/ not yet built.
    const pkg = join(work, 'unbuilt', 'bin');
    mkdirSync(pkg, { recursive: true });
    copyFileSync(join(root, 'packages', 'server', 'bin', 'convene-server.js'), join(pkg, 'convene-server.js'));
    writeFileSync(join(work, 'unbuilt', 'package.json'), '{ "type": "module" }\n');
    const { code, stderr } = await runCommand(process.execPath, [join(pkg, 'convene-server.js'), '--help'], {
      cwd: work,
    });
    assert.equal(code, 1);
    assert.match(stderr, /not built yet/);
    assert.match(stderr, /run `npm run build`/);
  });
});
