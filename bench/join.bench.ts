/**
 * Join time: from pressing Join to the first decoded frame of another participant's camera, for
 * `<convene-room>` (the built embed, with everything it does: token, connect, camera and
 * microphone, subscribe, render), Join pressed after the visitor's seconds in pre-join (issue 19:
 * the element readies the join meanwhile), against a plain livekit-client script, loaded with its
 * page, doing the same token fetch, connect, publish and subscribe when asked to. Same run, same
 * livekit-server, same Chromium, runs alternating; medians compared. The other participant is a
 * third page already in the room, publishing its camera.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import puppeteer, { type Browser } from 'puppeteer-core';
import { CHROMIUM_ARGS, findChromium } from '../scripts/lib/chromium.mjs';
import { startStack } from '../test/harness/stack.js';
import { percentile, type BenchRow } from './lib.js';

const dist = join(dirname(fileURLToPath(import.meta.url)), '..', 'packages', 'elements', 'dist');
/** Runs of each, alternating; a loopback call's join time varies by ±30 %, so medians of many. */
const RUNS = Number(process.env.JOIN_RUNS ?? 21);
const ROOM = 'lobby';
/** The visitor's time in pre-join before pressing Join. */
const PREJOIN_MS = Number(process.env.JOIN_PREJOIN_MS ?? 3000);
/** Where issue 19 wants the ratio in the end; the budget is 0.8. */
const GOAL = 0.7;

const median = (values: number[]) =>
  percentile(
    [...values].sort((a, b) => a - b),
    50,
  );

interface Run {
  /** To the first decoded remote frame. */
  ms: number;
  /** To connected (the element's `convene-joined`; the plain script's `connect()` resolving). */
  connected: number;
}

async function measure(browser: Browser, baseUrl: string, page: 'join-element' | 'join-plain'): Promise<Run> {
  const tab = await browser.newPage();
  try {
    await tab.setViewport({ width: 1280, height: 900 });
    await tab.goto(`${baseUrl}/test-pages/${page}.html?prejoin=${PREJOIN_MS}`);
    await tab.bringToFront();
    await tab.waitForFunction(() => 'measure' in window);
    const ms = await tab.evaluate(
      (room) => (window as unknown as { measure(r: string): Promise<number> }).measure(room),
      ROOM,
    );
    const connected = await tab.evaluate(() => (window as unknown as { connectedAt: number }).connectedAt);
    await tab.evaluate(() => (window as unknown as { leave(): Promise<void> }).leave());
    return { ms, connected };
  } finally {
    await tab.close();
  }
}

export default async function joinBench(): Promise<BenchRow[]> {
  if (!existsSync(join(dist, 'convene.js')))
    throw new Error('packages/elements/dist/convene.js is missing: run `npm run build` first.');
  const stack = await startStack({ elementsDir: dist });
  const browser = await puppeteer.launch({ executablePath: findChromium(), headless: true, args: CHROMIUM_ARGS });
  try {
    // The other participant: plain livekit-client, camera on, already in the room.
    const other = await browser.newPage();
    await other.goto(`${stack.baseUrl}/test-pages/plain-livekit.html?space=river-coop&room=${ROOM}&name=Other`);
    await other.waitForFunction(() => document.getElementById('status')?.textContent === 'connected', {
      timeout: 20_000,
    });
    // One warm-up of each (first loads, first permission grants), not counted.
    await measure(browser, stack.baseUrl, 'join-element');
    await measure(browser, stack.baseUrl, 'join-plain');
    const element: Run[] = [];
    const plain: Run[] = [];
    for (let i = 0; i < RUNS; i++) {
      const order = i % 2 === 0 ? (['join-element', 'join-plain'] as const) : (['join-plain', 'join-element'] as const);
      for (const page of order)
        (page === 'join-element' ? element : plain).push(await measure(browser, stack.baseUrl, page));
    }
    const e = median(element.map((r) => r.ms));
    const p = median(plain.map((r) => r.ms));
    const spread = (runs: Run[]) => {
      const values = runs.map((r) => r.ms);
      return `min ${Math.round(Math.min(...values))}, max ${Math.round(Math.max(...values))}, ${values.length} runs; connected at ${Math.round(median(runs.map((r) => r.connected)))} ms (median)`;
    };
    return [
      {
        group: 'join',
        name: `<convene-room> Join (after ${PREJOIN_MS / 1000} s of pre-join) → first remote frame, median`,
        value: e,
        unit: 'ms',
        detail: spread(element),
      },
      { group: 'join', name: 'plain livekit-client, same steps, median', value: p, unit: 'ms', detail: spread(plain) },
      {
        group: 'join',
        name: 'ratio <convene-room> / plain',
        value: e / p,
        unit: '×',
        detail: `same run, same livekit-server; ${
          e / p <= GOAL
            ? `the ${GOAL}× goal reached`
            : `the ${GOAL}× goal is ${Math.round(e - GOAL * p)} ms (${(e / p - GOAL).toFixed(2)}×) away`
        }`,
        budget: { max: 0.8, label: '≤ 0.8' },
      },
    ];
  } finally {
    await browser.close();
    await stack.stop();
  }
}
