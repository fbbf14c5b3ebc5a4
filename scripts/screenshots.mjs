#!/usr/bin/env node
// `npm run screenshots`: retakes the README's pictures (docs/screenshots/*.png) from the running
// demo. Starts `npm start` on a free port (CONVENE_SKIP_BUILD=1 skips its build), opens it in
// headless Chromium with a fake camera, lets a second person (Grace) into the lobby so there is
// video to see, and photographs the directory, pre-join, a furnished room and the phone-wide
// layout. The furnished room is the demo's first public room with furniture; while the demo has
// none, the lobby furnished by the page (`<convene-furniture>` children, as a site would place them).
/* global document */
import { spawn } from 'node:child_process';
import { mkdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import puppeteer from 'puppeteer-core';
import { CHROMIUM_ARGS, findChromium } from './lib/chromium.mjs';
import { freeTcpPort } from './lib/livekit.mjs';
import { root } from './lib/workspace.mjs';

const OUT = join(root, 'docs/screenshots');
const WIDE = { width: 1000, height: 640 };
const PHONE = { width: 390, height: 844 };
const SPACE = 'river-coop';

/** Polls until `read` gives a truthy value; throws naming what did not happen. */
async function until(what, read, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}.`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** `npm start` on `port`; resolves once it serves, with a `stop()` that ends it (and its LiveKit). */
async function startDemo(port) {
  const child = spawn(process.execPath, [join(root, 'scripts/start.mjs')], {
    cwd: root,
    env: { ...process.env, PORT: String(port), HOST: 'localhost' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  let exited = false;
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  const ended = new Promise((resolve) => child.once('exit', resolve)).then(() => (exited = true));
  try {
    await until(
      'the demo to start',
      () => {
        if (exited) throw new Error(`npm start ended:\n${output}`);
        return output.includes('Convene demo is running');
      },
      300_000,
    );
  } catch (error) {
    child.kill('SIGINT');
    throw error;
  }
  return {
    async stop() {
      if (!exited) child.kill('SIGINT');
      await ended;
    },
  };
}

/** The furniture placed by the page while the demo's config furnishes no room. */
const PAGE_FURNITURE = `
  <convene-furniture kind="chat"></convene-furniture>
  <convene-furniture kind="hand-raise"></convene-furniture>
  <convene-furniture kind="spotlight" settings='{"anyone": true}'></convene-furniture>
  <convene-furniture kind="markdown" label="Agenda"># Agenda

1. Welcome
2. **Budget**
3. Any other business</convene-furniture>`;

/** Replaces the demo page's directory with the furnished room, joined at once as `name`. */
async function openFurnished(page, room, name, placed) {
  await page.evaluate(
    (room, name, space, furniture) => {
      const main = document.querySelector('main');
      main.innerHTML = `<convene-room server="/" space="${space}" room="${room}" no-prejoin>${furniture}</convene-room>`;
      main.querySelector('convene-room').name = name;
    },
    room,
    name,
    SPACE,
    placed ? PAGE_FURNITURE : '',
  );
  await until(`${name} in the furnished room`, () => page.$('convene-room >>> [part~="stage"]'));
}

/** How many tiles on the page's room show decoded video. */
const videos = (page, host) =>
  page.evaluate(
    (host) =>
      [...(document.querySelector(host)?.shadowRoot?.querySelectorAll('[part~="tile"] video') ?? [])].filter(
        (v) => v.videoWidth > 0 && !v.paused,
      ).length,
    host,
  );

async function shoot(page, name) {
  // Let the last frames and fonts settle.
  await new Promise((r) => setTimeout(r, 800));
  const path = join(OUT, `${name}.png`);
  await page.screenshot({ path });
  console.log(`${relative(root, path)}  ${Math.round(statSync(path).size / 1024)} kB`);
}

const port = await freeTcpPort();
const url = `http://localhost:${port}`;
console.log(`Starting the demo on ${url}…`);
const demo = await startDemo(port);
const browser = await puppeteer.launch({ executablePath: findChromium(), headless: true, args: CHROMIUM_ARGS });
try {
  mkdirSync(OUT, { recursive: true });
  const [grace, sam] = [await browser.newPage(), await browser.newPage()];
  for (const page of [grace, sam]) {
    await page.setViewport(WIDE);
    await page.goto(url);
  }

  // Grace is in the lobby already.
  const enter = async (page, room, name) => {
    await page.bringToFront();
    const button = await until(`${room} in the directory`, () =>
      page.$(`convene-space >>> [data-room="${room}"] [part="enter"]`),
    );
    await button.click();
    const input = await until('the name field', () => page.$('convene-space >>> convene-room >>> input[name="name"]'));
    await input.click({ clickCount: 3 });
    await input.type(name);
  };
  await enter(grace, 'lobby', 'Grace Hopper');
  await grace.keyboard.press('Enter');
  await until('Grace in the room', () => grace.$('convene-space >>> convene-room >>> [part~="stage"]'));

  // The directory, with Grace in the lobby.
  await sam.bringToFront();
  await until('Grace in the lobby’s card', () =>
    sam.evaluate(() =>
      document
        .querySelector('convene-space')
        ?.shadowRoot?.querySelector('[data-room="lobby"]')
        ?.textContent?.includes('Grace Hopper'),
    ),
  );
  await shoot(sam, 'directory');

  // Pre-join: name, camera preview, microphone level, devices.
  await enter(sam, 'lobby', 'Sam Rivera');
  await until('the camera preview', () =>
    sam.evaluate(
      () =>
        (document
          .querySelector('convene-space')
          ?.shadowRoot?.querySelector('convene-room')
          ?.shadowRoot?.querySelector('video')?.videoWidth ?? 0) > 0,
    ),
  );
  await shoot(sam, 'prejoin');

  // A furnished room: the demo's own, or the lobby furnished by the page.
  const directory = await (await fetch(`${url}/api/spaces/${SPACE}`)).json();
  const furnished = directory.rooms.find(
    (room) => room.access === 'public' && room.furniture.some((f) => f.kind !== 'video-bridge'),
  );
  const room = furnished?.slug ?? 'lobby';
  await openFurnished(grace, room, 'Grace Hopper', !furnished);
  await openFurnished(sam, room, 'Sam Rivera', !furnished);
  for (const page of [grace, sam]) {
    await page.bringToFront();
    await until('both people’s video', async () => (await videos(page, 'convene-room')) >= 2, 30_000);
  }
  {
    // A few words in the chat (the demo's lobby has one, as has the stand-in room).
    const say = async (page, text) => {
      await page.bringToFront();
      const input = await until('the chat', () =>
        page.$('convene-room >>> convene-furniture-panel >>> convene-furniture-chat >>> input'),
      );
      await input.type(text);
      await page.keyboard.press('Enter');
    };
    await say(grace, 'Welcome, everyone! Raise your hand to speak.');
    await say(sam, 'Thanks, Grace. I can take the minutes.');
    await until('both messages on Sam’s page', () =>
      sam.evaluate(
        () =>
          document
            .querySelector('convene-room')
            ?.shadowRoot?.querySelector('convene-furniture-panel')
            ?.shadowRoot?.querySelector('convene-furniture-chat')
            ?.shadowRoot?.querySelectorAll('[part~="message"]').length === 2,
      ),
    );
  }
  await sam.bringToFront();
  await shoot(sam, 'furnished-room');

  // The same room on a phone: one column, the furniture below the stage.
  await sam.setViewport(PHONE);
  await until('the narrow layout', async () => (await videos(sam, 'convene-room')) >= 1);
  await shoot(sam, 'narrow');
} finally {
  await browser.close();
  await demo.stop();
}
