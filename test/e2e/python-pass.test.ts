/**
 * examples/python-pass in a browser: the Python site (Debian's python3, see
 * test/harness/python-site.ts) signs member passes with its own key; a real Convene server and
 * livekit-server have its public key in the space's config, as `site.py keygen` printed it. On the
 * site's room page, which loads `convene.js` from the Convene server (the built embed, `npm run
 * build`), its signed-in members meet in the members' room; a signed-out visitor is kept out.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Browser, Page } from 'puppeteer-core';
import { parse as parseYaml } from 'yaml';
import { freeTcpPort } from '../../scripts/lib/livekit.mjs';
import { builtEmbed } from '../harness/embed.js';
import { launchChromium, startStack } from '../harness/index.js';
import { joinRoom, namesWithVideo, until, visibleText } from '../harness/pages.js';
import { makePythonSiteKey, type RunningPythonSite } from '../harness/python-site.js';

const SPACE = 'river-coop';
const ROOM = 'members';

// The operator's steps, in the README's order: make the key, start the site, paste the printed
// lines (and the site's origin) into the Convene config, start the Convene server.
const key = await makePythonSiteKey('py-2026');
const port = await freeTcpPort();
const site = await key.start({ server: `http://127.0.0.1:${port}`, space: SPACE });
await startStack({
  port,
  elementsDir: builtEmbed(),
  config: {
    spaces: [
      {
        slug: SPACE,
        name: 'River Co-op',
        entrance: 'lobby',
        allowedOrigins: [site.url],
        rooms: [
          { slug: 'lobby', name: 'Lobby', access: 'public' },
          { slug: ROOM, name: 'Members', access: 'members' },
        ],
        ...(parseYaml(key.configLines) as object),
      },
    ],
  },
});
const browser = await launchChromium();

/** The site's room page in a browser context of its own, signed in on the page's own form as `login`, or not. */
async function visitor(browser: Browser, site: RunningPythonSite, login?: 'ada' | 'mo' | 'vic'): Promise<Page> {
  const page = await (await browser.createBrowserContext()).newPage();
  await page.goto(`${site.url}/room`);
  if (login) {
    await page.select('#login', login);
    await Promise.all([page.waitForNavigation(), page.click('#sign-in button')]);
    assert.equal(page.url(), `${site.url}/room`, 'signing in comes back to the room page');
  }
  return page;
}

describe('examples/python-pass', () => {
  it('lets the site’s signed-in members meet in the members’ room', async () => {
    const ada = await visitor(browser, site, 'ada');
    const mo = await visitor(browser, site, 'mo');
    await joinRoom(ada, 'ignored: the site names her');
    await joinRoom(mo, 'ignored: the site names him');
    await until('Mo to see Ada’s video', async () => (await namesWithVideo(mo, 'page')).includes('Ada Lovelace'));
    await ada.bringToFront();
    await until('Ada to see Mo’s video', async () => (await namesWithVideo(ada, 'page')).includes('Mo Moderator'));
    await Promise.all([ada.browserContext().close(), mo.browserContext().close()]);
  });

  it('keeps a signed-out visitor, and a signed-in non-member, out with the members-only message', async () => {
    for (const login of [undefined, 'vic'] as const) {
      const page = await visitor(browser, site, login);
      await joinRoom(page, 'Guest Gus');
      await until(`the ${login ?? 'signed-out visitor'}’s page to say the room is for members`, async () =>
        (await visibleText(page, 'convene-room >>> [part="message"]')).includes('This room is for members only.'),
      );
      assert.equal(
        await page.$eval('convene-room >>> [part~="sign-in"]', (a) => (a as HTMLAnchorElement).href),
        `${site.url}/room#sign-in`,
        'the message offers the site’s sign-in form',
      );
      await page.browserContext().close();
    }
  });
});
