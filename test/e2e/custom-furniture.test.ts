/**
 * examples/custom-furniture as its README runs it: the co-op's own kind, `tea-rota`, placed by the
 * config. Two people meet in the kitchen, both see the rota with the config's names, and when one
 * puts the kettle on, the other sees it.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Page } from 'puppeteer-core';
import { freeTcpPort } from '../../scripts/lib/livekit.mjs';
import { startExample } from '../harness/examples.js';
import { launchChromium } from '../harness/index.js';
import { joinRoom, namesWithVideo, until, visibleText } from '../harness/pages.js';

const TAB = 'convene-room >>> convene-furniture-panel >>> [role="tab"][aria-selected="true"]';
const PANEL = 'convene-room >>> convene-furniture-panel >>> [role="tabpanel"]:not([hidden])';

/** Waits until the furniture on show reads every one of `expected`; fails saying what it read. */
async function untilFurnitureShows(page: Page, who: string, expected: RegExp[]): Promise<void> {
  let last = '';
  try {
    await until(`${who} to see ${expected.join(' and ')}`, async () => {
      last = await visibleText(page, PANEL);
      return expected.every((e) => e.test(last));
    });
  } catch (error) {
    assert.fail(`${(error as Error).message}; it read "${last}"`);
  }
}

describe('examples/custom-furniture', () => {
  it('shows two people the co-op’s tea rota from its config, and who has the kettle on', async () => {
    const port = await freeTcpPort();
    const site = startExample('custom-furniture', port);
    const url = `http://localhost:${port}`;
    await until('the example to start', () => site.output().includes(url));
    for (const path of ['/server.mjs', '/convene.config.yaml', '/package.json']) {
      assert.equal((await fetch(url + path)).status, 404, `${path} is not served`);
    }

    const browser = await launchChromium();
    const [ada, bea] = [await browser.newPage(), await browser.newPage()];
    for (const page of [ada, bea]) await page.goto(url);
    await joinRoom(ada, 'Ada');
    await joinRoom(bea, 'Bea');
    await until('Bea to see Ada', async () => (await namesWithVideo(bea, 'page')).includes('Ada'));
    await ada.bringToFront();
    await until('Ada to see Bea', async () => (await namesWithVideo(ada, 'page')).includes('Bea'));

    // The config's list: Ada, Bea, Cy, one a week (the kind's own rule).
    const turn = ['Ada', 'Bea', 'Cy'][Math.floor(Date.now() / (7 * 24 * 3600 * 1000)) % 3];
    for (const [page, who] of [
      [ada, 'Ada'],
      [bea, 'Bea'],
    ] as const) {
      await until(
        `${who}'s first tab to be the kind's own label`,
        async () => (await visibleText(page, TAB)) === 'Tea rota',
      );
      await untilFurnitureShows(page, who, [
        new RegExp(`This week ${turn} makes the tea\\.`),
        /Nobody has the kettle on/,
      ]);
    }

    await ada.locator('::-p-aria([name="Put the kettle on"][role="button"])').click();
    await untilFurnitureShows(ada, 'Ada', [/Kettle on: Ada\./, /Tea’s made/]);
    await bea.bringToFront();
    await untilFurnitureShows(bea, 'Bea', [/Kettle on: Ada\./, /Put the kettle on/]);

    await site.interrupt();
  });
});
