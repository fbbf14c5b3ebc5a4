/**
 * examples/express-site as its README runs it: a site with its own sign-in mounting Convene. A
 * signed-in member sees the members-only room, a guest does not, and the two meet in the lobby;
 * Ctrl-C stops the site. The site's moderator mutes and removes a guest with the buttons on the
 * guest's tile. Its pass endpoint signs a member pass for its signed-in member that the mounted
 * router takes on its own, and its pass page lists the members' room with it.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Browser, Page } from 'puppeteer-core';
import { freeTcpPort } from '../../scripts/lib/livekit.mjs';
import { startExample, type RunningExample } from '../harness/examples.js';
import { launchChromium } from '../harness/index.js';
import { enterRoom, listedRooms, namesWithVideo, until, visibleText } from '../harness/pages.js';

const ROOM = 'convene-space >>> convene-room';

/** A page in a browser context of its own (its own cookies), signed in on the site as `username` or a guest. */
async function visitor(browser: Browser, url: string, username?: 'alice' | 'bob'): Promise<Page> {
  const page = await (await browser.createBrowserContext()).newPage();
  await page.goto(url);
  if (username) {
    await page.select('#username', username);
    await Promise.all([page.waitForNavigation(), page.click('form[action="/sign-in"] button')]);
  }
  return page;
}

/** The button a person finds by its accessible name (what a screen reader says, the tooltip shows). */
const button = (page: Page, name: string) => page.locator(`::-p-aria([name="${name}"][role="button"])`);

/** `npm start` in the example, and Chromium; both stop when the file's tests end. */
async function startSite(): Promise<{ site: RunningExample; url: string; browser: Browser }> {
  const port = await freeTcpPort();
  const site = startExample('express-site', port);
  const url = `http://localhost:${port}`;
  await until('the site to start', () => site.output().includes(url));
  return { site, url, browser: await launchChromium() };
}

describe('examples/express-site', () => {
  it('lets its member and a guest meet; only the member sees the members’ room; stops on Ctrl-C', async () => {
    const { site, url, browser } = await startSite();
    const [alice, guest] = [await visitor(browser, url, 'alice'), await visitor(browser, url)];

    assert.deepEqual(
      await until('Alice’s directory', async () => ((await listedRooms(alice)).length ? listedRooms(alice) : null)),
      ['lobby', 'members'],
    );
    assert.deepEqual(
      await until('the guest’s directory', async () => ((await listedRooms(guest)).length ? listedRooms(guest) : null)),
      ['lobby'],
    );

    await enterRoom(alice, 'lobby', 'ignored: the site names her');
    await enterRoom(guest, 'lobby', 'Guest Gus');
    await until('the guest to see Alice', async () => (await namesWithVideo(guest)).includes('Alice'));
    await alice.bringToFront();
    await until('Alice to see the guest', async () => (await namesWithVideo(alice)).includes('Guest Gus'));

    // The member pass beside authenticate: signed for Alice, good on its own (no cookie), null for a guest.
    const fromAlice = await alice.evaluate(() => fetch('/convene-pass').then((r) => r.json()));
    assert.equal(typeof fromAlice.pass, 'string');
    assert.deepEqual(await guest.evaluate(() => fetch('/convene-pass').then((r) => r.json())), { pass: null });
    const token = await fetch(`${url}/convene/api/spaces/river-coop/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Convene-Pass': fromAlice.pass },
      body: JSON.stringify({ room_name: 'members', participant_name: 'ignored' }),
    });
    assert.equal(token.status, 201, 'the pass alone lets Alice into the members’ room');
    assert.equal(((await token.json()) as { identity?: string }).identity, 'member-alice');
    await alice.goto(`${url}/pass.html`);
    assert.deepEqual(
      await until('Alice’s directory on the pass page', async () =>
        (await listedRooms(alice)).length ? listedRooms(alice) : null,
      ),
      ['lobby', 'members'],
    );

    await site.interrupt();
    await until('the site to stop answering', async () => {
      try {
        await fetch(url, { signal: AbortSignal.timeout(1000) });
        return false;
      } catch {
        return true;
      }
    });
  });

  it('treats a username such as "constructor" as any unknown user: back to the sign-in, no session, no 500', async () => {
    const port = await freeTcpPort();
    startExample('express-site', port);
    const url = `http://localhost:${port}`;
    await until('the site to start', async () => {
      try {
        return (await fetch(url, { signal: AbortSignal.timeout(1000) })).ok;
      } catch {
        return false;
      }
    });
    for (const username of ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'nobody']) {
      const signIn = await fetch(`${url}/sign-in`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ username }),
        redirect: 'manual',
      });
      assert.equal(signIn.status, 302, username);
      assert.equal(signIn.headers.get('location'), '/?unknown=1', username);
      assert.equal(signIn.headers.get('set-cookie'), null, `${username} gets no session`);
    }
    // Whatever cookie a browser brings, a name the site does not know is a guest everywhere.
    const cookie = { cookie: 'sid=00000000000000000000000000000000' };
    assert.equal(await (await fetch(`${url}/me`, { headers: cookie })).json(), null);
    assert.deepEqual(await (await fetch(`${url}/convene-pass`, { headers: cookie })).json(), { pass: null });
    const directory = await fetch(`${url}/convene/api/spaces/river-coop`, { headers: cookie });
    assert.equal(directory.status, 200);
    assert.deepEqual(
      ((await directory.json()) as { rooms: { slug: string }[] }).rooms.map((room) => room.slug),
      ['lobby'],
      'a guest’s directory',
    );
  });

  it('lets its moderator mute and remove a guest; the guest has no such buttons', async () => {
    const { url, browser } = await startSite();
    const [bob, guest] = [await visitor(browser, url, 'bob'), await visitor(browser, url)];
    await enterRoom(bob, 'lobby', 'ignored: the site names him');
    await enterRoom(guest, 'lobby', 'Guest Gia');
    await until('the guest to see Bob', async () => (await namesWithVideo(guest)).includes('Bob'));
    await bob.bringToFront();
    await until('Bob to see the guest', async () => (await namesWithVideo(bob)).includes('Guest Gia'));

    // Only the moderator has the buttons, and only on other people's tiles.
    assert.equal(await guest.$(`${ROOM} >>> [part="moderation"]`), null, 'the guest has no moderation buttons');
    assert.deepEqual(
      await bob.$$eval(`${ROOM} >>> [part="moderation"] button`, (buttons) =>
        buttons.map((b) => b.getAttribute('aria-label')),
      ),
      ['Mute Guest Gia', 'Remove Guest Gia from the room', 'Remove Guest Gia and keep them out'],
    );

    // Mute: the guest's own page shows their microphone off.
    const guestMicrophone = `${ROOM} >>> [part~="controls"] [data-control="microphone"]`;
    await until('the guest’s microphone to be on', () =>
      guest.$eval(guestMicrophone, (b) => b.getAttribute('aria-pressed') === 'true'),
    );
    await button(bob, 'Mute Guest Gia').click();
    await until('the guest’s page to show the microphone off', () =>
      guest.$eval(guestMicrophone, (b) => b.getAttribute('aria-pressed') === 'false'),
    );
    assert.ok(await guest.$(`${ROOM} >>> [part~="tile"][data-local="true"] [part="muted"]`), 'their tile says so');
    await bob.bringToFront();
    await until('Bob’s page to show the guest’s microphone off', () =>
      bob.$(`${ROOM} >>> [part="muted"][aria-label="Guest Gia's microphone is off"]`),
    );

    // Remove: the first press asks to confirm, the second removes.
    await button(bob, 'Remove Guest Gia from the room').click();
    await button(bob, 'Remove Guest Gia? Press again to confirm').click();
    await guest.bringToFront();
    await until('the guest to read that they were removed', async () =>
      (await visibleText(guest, `${ROOM} >>> [part="message"]`)).includes('A moderator removed you from the room.'),
    );
    await bob.bringToFront();
    await until('Bob’s page to show only Bob', async () => {
      const names = await bob.$$eval(`${ROOM} >>> [part~="tile-name"]`, (spans) => spans.map((s) => s.textContent));
      return names.join() === 'Bob (you)';
    });
  });
});
