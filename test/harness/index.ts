/**
 * The test harness every Node test shares: the real stack (see ./stack.ts), stopped when the test
 * file ends however it ends, and Chromium with a fake camera and microphone.
 */
import { after } from 'node:test';
import puppeteer, { type Browser } from 'puppeteer-core';
import { CHROMIUM_ARGS, findChromium } from '../../scripts/lib/chromium.mjs';
import { startStack as start, type Stack, type StackOptions } from './stack.js';

export { testConfig, testStageSpace, TEST_CODES, TEST_STAGE_SPACE } from './config.js';
export { serverPort, TEST_PAGES_DIR, type Stack, type StackOptions } from './stack.js';

/** Starts livekit-server and the token server; both stop when the test file ends. */
export async function startStack(options: StackOptions = {}): Promise<Stack> {
  const stack = await start(options);
  after(() => stack.stop());
  return stack;
}

/** Headless Chromium with a fake camera and microphone; closed when the test file ends. */
export async function launchChromium(): Promise<Browser> {
  const browser = await puppeteer.launch({
    executablePath: findChromium(),
    headless: true,
    args: CHROMIUM_ARGS,
    protocolTimeout: 60_000,
  });
  after(() => browser.close());
  return browser;
}
