import puppeteer from 'puppeteer-core';
import { CHROMIUM_ARGS, findChromium } from '../scripts/lib/chromium.mjs';
import { startStack } from '../test/harness/stack.js';

const stack = await startStack({ elementsDir: '/work/main/packages/elements/dist' });
const browser = await puppeteer.launch({ executablePath: findChromium(), headless: true, args: CHROMIUM_ARGS });
try {
  const mode = process.argv[2] ?? 'light';
  const page = await browser.newPage();
  await page.setViewport({ width: 1100, height: 800 });
  await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: mode }]);
  await page.goto(`${stack.baseUrl}/test-pages/zz-shot.html`);
  await new Promise((r) => setTimeout(r, 2500));
  await page.screenshot({ path: `/tmp/shots/prejoin-${mode}.png` });
  const other = await browser.newPage();
  await other.goto(`${stack.baseUrl}/test-pages/plain-livekit.html?space=river-coop&room=lobby&name=Grace%20Hopper`);
  await page.bringToFront();
  await page.evaluate(() => (document.querySelector('convene-room') as any).join());
  await new Promise((r) => setTimeout(r, 3000));
  await page.screenshot({ path: `/tmp/shots/room-${mode}.png` });
  await page.setViewport({ width: 420, height: 800 });
  await new Promise((r) => setTimeout(r, 800));
  await page.screenshot({ path: `/tmp/shots/room-narrow-${mode}.png` });
  await page.evaluate(() => (document.querySelector('convene-room') as any).leave());
  await new Promise((r) => setTimeout(r, 800));
  await page.setViewport({ width: 1100, height: 400 });
  await page.screenshot({ path: `/tmp/shots/left-${mode}.png` });
} finally {
  await browser.close();
  await stack.stop();
}
