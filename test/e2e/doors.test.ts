/**
 * Door control (issue 13) end to end: the built embed (packages/elements/dist, from `npm run
 * build`) on pages served from 127.0.0.1, the Convene server from source and a real
 * livekit-server. Moderators and members come with member passes the test signs as the host site
 * would; each person has their own browser context (their own storage, so their own guest id).
 */
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, describe, it } from 'node:test';
import express from 'express';
import type { Browser, Page } from 'puppeteer-core';
import { hashCode, type ConveneConfigInput } from '../../packages/server/src/index.js';
import { signTestPass, testPassSpace } from '../harness/config.js';
import { builtEmbed } from '../harness/embed.js';
import { launchChromium, startStack, testConfig, type Stack } from '../harness/index.js';
import { until, visibleText } from '../harness/pages.js';

const SPACE = 'pass-coop';
const PORCH_CODE = 'porch-2468';
const PEOPLE = {
  mo: { sub: 'site-mo', name: 'Mo Moderator', moderator: true },
  mia: { sub: 'site-mia', name: 'Mia Member' },
} as const;
type Who = keyof typeof PEOPLE | 'guest';

let browser: Browser;
let pages = '';

/** The host site's pages: one `<convene-room>` (or the space's directory), with the person's member pass when they have one. */
async function startPages(): Promise<{ origin: string; listen: (server: string) => Promise<void> }> {
  const app = express();
  let convene = '';
  app.use(express.static(builtEmbed(), { index: false }));
  app.get('/room', (req, res) => {
    const who = (req.query.who as Who) ?? 'guest';
    const room = String(req.query.room ?? 'lobby');
    const pass = who === 'guest' ? undefined : signTestPass({ ...PEOPLE[who], ttl: 600 }).pass;
    const element =
      room === 'directory'
        ? `<convene-space server="${convene}" space="${SPACE}" navigation="none"></convene-space>`
        : `<convene-room server="${convene}" space="${SPACE}" room="${room}"></convene-room>`;
    res.type('html').send(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Doors</title>
<script type="module" src="/convene.js"></script></head><body>${element}
${pass ? `<script>document.body.firstElementChild.pass = ${JSON.stringify(pass)};</script>` : ''}</body></html>`);
  });
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  after(() => {
    server.closeAllConnections();
    server.close();
  });
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    listen: async (url) => {
      convene = url;
    },
  };
}

/** A person's own browser context and page at `path` (their own storage). */
async function open(path: string): Promise<Page> {
  const context = await browser.createBrowserContext();
  const page = await context.newPage();
  await page.goto(`${pages}${path}`);
  return page;
}

const room = (page: Page, selector: string) => page.$(`convene-room >>> ${selector}`);
const text = async (page: Page, selector = 'convene-room') => (await visibleText(page, selector)).replace(/\s+/g, ' ');

/** Types a name into pre-join and presses `button` (Join by default), as a person would. */
async function enter(page: Page, name: string, button = 'button[type="submit"]') {
  await page.bringToFront();
  const input = await until('the name field', () => room(page, 'input[name="name"]'));
  await input.click({ clickCount: 3 });
  await input.type(name);
  const press = await until(button, () => room(page, button));
  await press.click();
}

/** Names on the page's room tiles whose video shows decoded frames. */
function decoded(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...(document.querySelector('convene-room')?.shadowRoot?.querySelectorAll('[part~="tile"]') ?? [])]
      .filter((tile) => (tile.querySelector('video')?.videoWidth ?? 0) > 0)
      .map((tile) => tile.querySelector('[part~="tile-name"]')?.textContent?.trim() ?? ''),
  );
}

/** Counts the page's WebSocket connections (LiveKit's signalling is one). */
async function watchSockets(page: Page): Promise<() => number> {
  const cdp = await page.createCDPSession();
  await cdp.send('Network.enable');
  let count = 0;
  cdp.on('Network.webSocketCreated', () => void count++);
  return () => count;
}

async function inRoom(page: Page, who: string) {
  await until(`${who} in the room`, () => room(page, '[part~="stage"]'));
}

async function clickIn(page: Page, selector: string) {
  const button = await until(selector, () => room(page, selector));
  await button.click();
}

/** The stack, the host site's pages and Chromium, once for the file (each stops when it ends). */
async function setUp() {
  if (browser) return;
  const site = await startPages();
  pages = site.origin;
  const config = await testConfig({ allowedOrigins: [site.origin] });
  const space: ConveneConfigInput['spaces'][number] = testPassSpace([site.origin]);
  space.rooms.push({
    slug: 'porch',
    name: 'Porch',
    access: 'locked',
    accessCode: await hashCode(PORCH_CODE),
    knock: true,
  });
  space.rooms.push({ slug: 'hall', name: 'Hall', access: 'public' });
  config.spaces.push(space);
  // A knock outlives its knocker's stream by 8 s here (30 s by default), so a visitor who leaves is soon gone.
  const stack: Stack = await startStack({ config, knockTtlSeconds: 8 });
  await site.listen(stack.baseUrl);
  browser = await launchChromium();
}

await setUp();

describe('door control on a real server and livekit-server', () => {
  it('a guest knocks on a locked room, sees nothing of it while waiting, is admitted and they meet', async () => {
    const mo = await open('/room?room=porch&who=mo');
    await enter(mo, 'Mo Moderator');
    await inRoom(mo, 'Mo');

    const grace = await open('/room?room=porch');
    const sockets = await watchSockets(grace);
    await until('the code field from the start', () => room(grace, 'input[name="access-code"]'));
    await enter(grace, 'Grace Guest', '[data-action="knock"]');
    await until('waiting for Mo', async () => (await text(grace)).includes('Waiting for Mo Moderator to let you in.'));
    assert.equal(sockets(), 0, 'no LiveKit connection before admission');
    assert.equal(await room(grace, '[part~="tile"]'), null, 'no tiles');

    // A moderator looking at the space's directory sees it on the room's card too.
    const moDirectory = await open('/room?room=directory&who=mo');
    const porchCard = 'convene-space >>> [data-room="porch"]';
    await until('the knock on the directory’s card', async () =>
      (await text(moDirectory, porchCard)).includes('Grace Guest is asking to come in'),
    );
    assert.ok(await moDirectory.$(`${porchCard} [aria-label="Admit Grace Guest"]`), 'with Admit there');

    await mo.bringToFront();
    await until('the knock at Mo’s door', async () => (await text(mo)).includes('Grace Guest is asking to come in'));
    await clickIn(mo, '.door-panel [data-action="admit"]');
    await until(
      'the knock gone from the directory once answered',
      async () => !(await text(moDirectory, porchCard)).includes('Grace Guest is asking to come in'),
    );
    await moDirectory.browserContext().close();

    await grace.bringToFront();
    await inRoom(grace, 'Grace');
    await until('Mo’s camera decoded for Grace', async () => (await decoded(grace)).includes('Mo Moderator'));
    await until('Grace’s camera decoded for Mo', async () => (await decoded(mo)).includes('Grace Guest'));
    await mo.browserContext().close();
    await grace.browserContext().close();
  });

  it('a guest who leaves stops knocking; a denied guest reads why', async () => {
    const mo = await open('/room?room=porch&who=mo');
    await enter(mo, 'Mo Moderator');
    await inRoom(mo, 'Mo');
    // A visitor who knocks and then leaves the page stops knocking: the door forgets them by itself.
    const lee = await open('/room?room=porch');
    await enter(lee, 'Lee Leaving', '[data-action="knock"]');
    const admitLee = '.door-panel [aria-label="Admit Lee Leaving"]';
    await until('Lee at the door', () => room(mo, admitLee));
    await lee.browserContext().close();
    await until('Lee gone from the door', async () => (await room(mo, admitLee)) === null);
    const dan = await open('/room?room=porch');
    await enter(dan, 'Dan Denied', '[data-action="knock"]');
    await mo.bringToFront();
    await until('Dan at the door', async () => (await text(mo)).includes('Dan Denied is asking to come in'));
    await clickIn(mo, '.door-panel [data-action="deny"]');
    await until('Dan reads why', async () => (await text(dan)).includes('The hosts didn’t let you in this time.'));
    assert.equal(await room(dan, '[part~="tile"]'), null);
    await mo.browserContext().close();
    await dan.browserContext().close();
  });

  it('a moderator locks and unlocks a public room; the directory follows; a guest is asked to knock meanwhile', async () => {
    const mo = await open('/room?room=hall&who=mo');
    await enter(mo, 'Mo Moderator');
    await inRoom(mo, 'Mo');
    const directory = await open('/room?room=directory');
    const hallCard = 'convene-space >>> [data-room="hall"]';
    await until('the hall in the directory', () => directory.$(hallCard));
    assert.doesNotMatch(await text(directory, hallCard), /Locked by a moderator/);

    await clickIn(mo, '[data-control="lock"]');
    await until('locked', async () => (await room(mo, '[data-control="lock"][aria-pressed="true"]')) !== null);
    await until('the directory says locked', async () =>
      (await text(directory, hallCard)).includes('Locked by a moderator'),
    );

    const gus = await open('/room?room=hall');
    await enter(gus, 'Gus Guest');
    await until('asked to knock', async () =>
      (await text(gus)).includes('A moderator has locked this room. Ask to come in'),
    );
    assert.ok(await room(gus, '[data-action="knock"]'), 'Ask to come in is offered');

    await clickIn(mo, '[data-control="lock"]');
    await until('unlocked', async () => (await room(mo, '[data-control="lock"][aria-pressed="false"]')) !== null);
    await until(
      'the directory says open',
      async () => !(await text(directory, hallCard)).includes('Locked by a moderator'),
    );
    await clickIn(gus, 'button[type="submit"]');
    await inRoom(gus, 'Gus');
    for (const page of [mo, directory, gus]) await page.browserContext().close();
  });

  it('an invite link gets a guest into a members-only room, and stops working once withdrawn', async () => {
    const mia = await open('/room?room=members&who=mia');
    await enter(mia, 'Mia Member');
    await inRoom(mia, 'Mia');
    await clickIn(mia, '[data-control="invite"]');
    await clickIn(mia, '[data-action="create-invite"]');
    const link = await until('the link', async () => {
      const input = await room(mia, 'input[name="invite-link"]');
      return input ? input.evaluate((e) => (e as HTMLInputElement).value) : '';
    });
    const secret = new URL(link).searchParams.get('convene_invite');
    assert.ok(secret, 'the link carries the invite');

    const ivy = await open(`/room?room=members&convene_invite=${encodeURIComponent(secret)}`);
    await enter(ivy, 'Ivy Invited');
    await inRoom(ivy, 'Ivy');

    await mia.bringToFront();
    await until('the invite listed', () => room(mia, '[data-door="invites"] [data-action="revoke-invite"]'));
    await clickIn(mia, '[data-door="invites"] [data-action="revoke-invite"]');
    await until('withdrawn', async () => (await text(mia)).includes('Link withdrawn'));

    const late = await open(`/room?room=members&convene_invite=${encodeURIComponent(secret)}`);
    await enter(late, 'Lee Late');
    await until('the link no longer works', async () =>
      (await text(late)).includes('This invite link has expired or was withdrawn.'),
    );
    for (const page of [mia, ivy, late]) await page.browserContext().close();
  });

  it('“remove and keep out” refuses the next join, for a member and for a guest, with a message', async () => {
    const mo = await open('/room?room=lobby&who=mo');
    await enter(mo, 'Mo Moderator');
    await inRoom(mo, 'Mo');
    const mia = await open('/room?room=lobby&who=mia');
    await enter(mia, 'Mia Member');
    await inRoom(mia, 'Mia');
    const kim = await open('/room?room=lobby');
    await enter(kim, 'Kim Guest');
    await inRoom(kim, 'Kim');

    await mo.bringToFront();
    for (const [page, name] of [
      [mia, 'Mia Member'],
      [kim, 'Kim Guest'],
    ] as const) {
      await clickIn(mo, `[aria-label="Remove ${name} and keep them out"]`);
      await clickIn(mo, `[aria-label="Remove ${name} and keep them out? Press again to confirm"]`);
      await until(`${name} removed`, async () => (await text(page)).includes('A moderator removed you from the room.'));
      await clickIn(page, '[data-action="rejoin"]');
      await until(`${name} kept out`, async () =>
        (await text(page)).includes('A moderator removed you from this room. You can come back when this meeting ends'),
      );
    }
    // The guest's browser is recognised by its guest id, even after a reload.
    await kim.reload();
    await enter(kim, 'Kim Again');
    await until('Kim still kept out', async () =>
      (await text(kim)).includes('A moderator removed you from this room.'),
    );
    for (const page of [mo, mia, kim]) await page.browserContext().close();
  });
});
