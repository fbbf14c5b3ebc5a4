/**
 * examples/react as its README runs it: the Vite-built React app serves `<ConveneRoom>`; two pages
 * join the lobby and see each other, and the React `onJoined` prop reports it.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { freeTcpPort } from '../../scripts/lib/livekit.mjs';
import { startExample } from '../harness/examples.js';
import { launchChromium } from '../harness/index.js';
import { joinRoom, namesWithVideo, until } from '../harness/pages.js';

describe('examples/react', () => {
  it('lets two pages meet through <ConveneRoom>', async () => {
    const port = await freeTcpPort();
    const app = startExample('react', port);
    const url = `http://localhost:${port}`;
    await until('the app to be built and served', () => app.output().includes(url), 90_000);

    const browser = await launchChromium();
    const [ada, grace] = [await browser.newPage(), await browser.newPage()];
    for (const page of [ada, grace]) await page.goto(url);
    await joinRoom(ada, 'Ada');
    await joinRoom(grace, 'Grace');
    await until('Grace to see Ada', async () => (await namesWithVideo(grace, 'page')).includes('Ada'));
    await ada.bringToFront();
    await until('Ada to see Grace', async () => (await namesWithVideo(ada, 'page')).includes('Grace'));
    assert.match(await ada.$eval('output', (o) => o.textContent ?? ''), /joined lobby/);

    await app.interrupt();
  });
});
