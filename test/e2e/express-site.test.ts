/**
 * examples/express-site as its README runs it: a site with its own sign-in mounting Convene. A
 * signed-in member sees the members-only room, a guest does not, and the two meet in the lobby.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { freeTcpPort } from '../../scripts/lib/livekit.mjs';
import { startExample } from '../harness/examples.js';
import { launchChromium } from '../harness/index.js';
import { enterRoom, listedRooms, namesWithVideo, until } from '../harness/pages.js';

describe('examples/express-site', () => {
  it('lets its member and a guest meet; only the member sees the members’ room', async () => {
    const port = await freeTcpPort();
    const site = startExample('express-site', port);
    const url = `http://localhost:${port}`;
    await until('the site to start', () => site.output().includes(url));

    const browser = await launchChromium();
    const guestContext = await browser.createBrowserContext();
    const [alice, guest] = [await browser.newPage(), await guestContext.newPage()];
    await alice.goto(url);
    await alice.select('#username', 'alice');
    await Promise.all([alice.waitForNavigation(), alice.click('form[action="/sign-in"] button')]);
    await guest.goto(url);

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
});
