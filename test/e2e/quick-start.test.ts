/**
 * `npm start` as a newcomer meets it: it prints the URL, two tabs on that URL enter the lobby and
 * see each other's camera, a browser signed in with `/demo/sign-in` gets a member pass from
 * `/demo/pass` and enters the members' room, and Ctrl-C stops every process it started.
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { after, describe, it } from 'node:test';
import { freeTcpPort } from '../../scripts/lib/livekit.mjs';
import { root } from '../../scripts/lib/workspace.mjs';
import { launchChromium } from '../harness/index.js';
import { enterRoom, listedRooms, namesWithVideo, until } from '../harness/pages.js';

function startDemo(port: number): { child: ChildProcess; output: () => string } {
  // The suite has built already; npm start builds by itself otherwise.
  const child = spawn(process.execPath, ['scripts/start.mjs'], {
    cwd: root,
    env: { ...process.env, PORT: String(port), CONVENE_SKIP_BUILD: '1', LIVEKIT_URL: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  after(() => {
    if (child.exitCode === null) child.kill('SIGKILL');
  });
  return { child, output: () => output };
}

/** livekit-server processes (not their watchdog shells) listening on `port`. */
function livekitProcesses(port: number): Promise<string[]> {
  return new Promise((resolve) => {
    const ps = spawn('ps', ['-eo', 'pid,args']);
    let out = '';
    ps.stdout.on('data', (c) => (out += c));
    ps.on('exit', () =>
      resolve(out.split('\n').filter((line) => line.includes(`port: ${port} `) && !/^\s*\d+ \/bin\/sh /.test(line))),
    );
  });
}

describe('npm start', () => {
  it('serves a page where two tabs meet in the lobby, and Ctrl-C stops everything', async () => {
    const port = await freeTcpPort();
    const demo = startDemo(port);
    const url = `http://localhost:${port}`;
    await until('the demo to print its URL', () => demo.output().includes(`Convene demo is running: ${url}`));
    assert.match(demo.output(), /workshop\s+locked, with shared notes, a poll and breakout tables: access code \d{6}/);
    const livekitPort = Number(demo.output().match(/LiveKit\s+ws:\/\/127\.0\.0\.1:(\d+)/)?.[1]);
    assert.equal((await livekitProcesses(livekitPort)).length, 1, 'a local livekit-server runs');
    for (const path of ['/', '/demo/pass', '/api/spaces/river-coop']) {
      const response = await fetch(`${url}${path}`);
      assert.equal(response.status, 200, path);
      assert.equal(response.headers.get('x-powered-by'), null, `${path} does not name the framework`);
    }

    const browser = await launchChromium();
    const [ada, grace] = [await browser.newPage(), await browser.newPage()];
    const livekitChunks: string[] = [];
    const furnitureChunks: string[] = [];
    ada.on('request', (request) => {
      if (/\/chunks\/livekit-client/.test(request.url())) livekitChunks.push(request.url());
      const chunk = request.url().match(/\/chunks\/convene-furniture-([\w-]+\.js)$/)?.[1];
      if (chunk) furnitureChunks.push(chunk);
    });
    for (const page of [ada, grace]) await page.goto(url);
    await until('the directory', async () => (await listedRooms(ada)).includes('lobby'));
    assert.deepEqual(livekitChunks, [], 'a page that only shows the directory does not download livekit-client');
    await enterRoom(ada, 'lobby', 'Ada');
    await enterRoom(grace, 'lobby', 'Grace');
    // The tab in front: LiveKit's adaptive stream rightly pauses video that a hidden tab cannot show.
    await until('Grace to see Ada’s camera', async () => (await namesWithVideo(grace)).includes('Ada'));
    await ada.bringToFront();
    await until('Ada to see Grace’s camera', async () => (await namesWithVideo(ada)).includes('Grace'));
    assert.deepEqual((await namesWithVideo(ada)).sort(), ['Ada (you)', 'Grace']);
    // The lobby is furnished: chat, hands and the welcome note, its Markdown rendered (`##`: an h4 in a room).
    const lobbyFurniture = async () =>
      ada.evaluate(() => {
        const panel = document
          .querySelector('convene-space')
          ?.shadowRoot?.querySelector('convene-room')
          ?.shadowRoot?.querySelector('convene-furniture-panel')?.shadowRoot;
        const tabs = [...(panel?.querySelectorAll('[role=tab]') ?? [])].map((tab) => tab.textContent?.trim());
        const welcome = [...(panel?.querySelectorAll('convene-furniture-markdown') ?? [])]
          .map((el) => el.shadowRoot?.querySelector('h4')?.textContent)
          .find(Boolean);
        return tabs.length ? { tabs, welcome } : undefined;
      });
    const lobby = await until('the lobby’s furniture', async () => {
      const seen = await lobbyFurniture();
      if (seen) {
        // The Welcome tab, opened as a person would, renders its Markdown.
        await ada.evaluate(() =>
          [
            ...(document
              .querySelector('convene-space')
              ?.shadowRoot?.querySelector('convene-room')
              ?.shadowRoot?.querySelector('convene-furniture-panel')
              ?.shadowRoot?.querySelectorAll<HTMLElement>('[role=tab]') ?? []),
          ]
            .find((tab) => tab.textContent?.trim() === 'Welcome')
            ?.click(),
        );
      }
      return seen?.welcome ? seen : undefined;
    });
    assert.deepEqual(lobby, { tabs: ['Chat', 'Hands', 'Welcome'], welcome: 'Welcome to River Co-op' });
    // Each kind's code comes only to a room that has it: not the notes' (Yjs) nor the poll's in the lobby.
    assert.ok(
      furnitureChunks.some((chunk) => chunk.startsWith('chat-')),
      furnitureChunks.join(', '),
    );
    assert.deepEqual(
      furnitureChunks.filter((chunk) => /^(notes|poll)-/.test(chunk)),
      [],
    );
    // The workshop, entered with its code: notes, a poll, chat, hands and breakout tables.
    const accessCode = demo.output().match(/access code (\d{6})/)![1]!;
    const workshop = await fetch(`${url}/api/spaces/river-coop/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: url },
      body: JSON.stringify({ room_name: 'workshop', participant_name: 'Sam', access_code: accessCode }),
    });
    assert.equal(workshop.status, 201);
    const entered = (await workshop.json()) as { furniture: { kind: string }[] };
    assert.deepEqual(
      entered.furniture.map((f) => f.kind),
      ['notes', 'poll', 'chat', 'hand-raise', 'breakout-tables'],
    );
    assert.equal(livekitChunks.length, 1, 'livekit-client arrives once someone joins');
    assert.ok(!(await listedRooms(ada)).includes('members'), 'a guest does not see the members’ room');

    // Signed in (the demo's stand-in for a co-op site's sign-in): the page takes a member pass from /demo/pass.
    const member = await (await browser.createBrowserContext()).newPage();
    const passHeaders: string[] = [];
    const urls: string[] = [];
    member.on('request', (request) => {
      urls.push(request.url());
      if (request.url().includes('/api/spaces/river-coop/token'))
        passHeaders.push(request.headers()['convene-pass'] ?? '');
    });
    await member.goto(`${url}/demo/sign-in`);
    await until('the members’ room listed', async () => (await listedRooms(member)).includes('members'));
    await enterRoom(member, 'members', 'Mia');
    await until('the member in the members’ room', async () =>
      (await namesWithVideo(member)).includes('Demo member (you)'),
    );
    assert.equal(passHeaders.length, 1);
    assert.match(passHeaders[0]!, /^[\w-]+\.[\w-]+\.[\w-]+$/, 'the token request carries the pass');
    assert.deepEqual(
      urls.filter((u) => u.includes(passHeaders[0]!.split('.')[2]!)),
      [],
      'the pass is in no URL',
    );

    demo.child.kill('SIGINT');
    const [code] = await once(demo.child, 'exit');
    assert.equal(code, 0, `npm start exits cleanly on Ctrl-C; it printed:\n${demo.output()}`);
    await until('livekit-server to be gone', async () => (await livekitProcesses(livekitPort)).length === 0, 5000);
  });
});
