/**
 * End-to-end encrypted rooms (issue 15), with the built embed: join time and the pages' CPU in a
 * two-person call, encrypted against not, same run (same livekit-server, same Chromium, runs
 * alternating, medians compared), and the size of what only an encrypted room loads (LiveKit's
 * worker, and the e2ee chunks). Join time: from the second visitor's page load (it joins at once,
 * the key from the URL's fragment) to the first's camera decoded on its tile. CPU: the renderer
 * processes' CPU time (media, the E2EE worker and all) over a stretch of the call, in cores.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { CHROMIUM_ARGS, findChromium } from '../scripts/lib/chromium.mjs';
import { startStack } from '../test/harness/stack.js';
import { percentile, type BenchRow } from './lib.js';

const dist = join(dirname(fileURLToPath(import.meta.url)), '..', 'packages', 'elements', 'dist');
const RUNS = Number(process.env.E2EE_RUNS ?? 5);
/** How long each call's CPU is read, once both see each other. */
const CPU_MS = Number(process.env.E2EE_CPU_MS ?? 8000);
const KEY = 'bench-river-otter-lantern';

const median = (values: number[]) =>
  percentile(
    [...values].sort((a, b) => a - b),
    50,
  );

const gzip = (file: string) => gzipSync(readFileSync(file), { level: 9 }).length;

/** Whether the page's room shows someone else's camera with decoded frames. */
const seesOther = (page: Page) =>
  page.evaluate(() =>
    [...(document.querySelector('convene-room')?.shadowRoot?.querySelectorAll('[part~="tile"]') ?? [])].some(
      (tile) => (tile as HTMLElement).dataset.local !== 'true' && (tile.querySelector('video')?.videoWidth ?? 0) > 0,
    ),
  );

async function until(what: string, read: () => Promise<boolean>, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await read())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** CPU seconds used so far by Chromium's renderer processes. */
async function rendererCpu(browser: Browser): Promise<number> {
  const session = await browser.target().createCDPSession();
  try {
    const { processInfo } = (await session.send('SystemInfo.getProcessInfo')) as {
      processInfo: { type: string; cpuTime: number }[];
    };
    return processInfo.filter((p) => p.type === 'renderer').reduce((sum, p) => sum + p.cpuTime, 0);
  } finally {
    await session.detach();
  }
}

async function call(browser: Browser, baseUrl: string, room: 'open' | 'secret') {
  const url = (name: string) => `${baseUrl}/test-pages/e2ee.html?room=${room}&name=${name}&auto#convene_key=${KEY}`;
  const [first, second] = [await browser.newPage(), await browser.newPage()];
  try {
    // In the open room the fragment's key is for no room of this page: joins in the clear.
    await first.goto(room === 'open' ? url('First').replace(/#.*/, '') : url('First'));
    await until('the first visitor in the room', () =>
      first.evaluate(
        () => !!document.querySelector('convene-room')?.shadowRoot?.querySelector('[data-control="microphone"]'),
      ),
    );
    await second.goto(room === 'open' ? url('Second').replace(/#.*/, '') : url('Second'));
    await until('the first visitor’s camera on the second’s tile', () => seesOther(second));
    const joinMs = await second.evaluate(() => performance.now());
    // In front: LiveKit's adaptive stream pauses video a hidden page does not show.
    await first.bringToFront();
    await until('the second visitor’s camera on the first’s tile', () => seesOther(first));
    const before = await rendererCpu(browser);
    const started = Date.now();
    await new Promise((r) => setTimeout(r, CPU_MS));
    const cores = (await rendererCpu(browser)) - before;
    const cpu = cores / ((Date.now() - started) / 1000);
    return { joinMs, cpu };
  } finally {
    for (const page of [second, first]) {
      await page
        .evaluate(() => (document.querySelector('convene-room') as unknown as { leave(): Promise<void> })?.leave())
        .catch(() => {});
      await page.close();
    }
  }
}

export default async function e2eeBench(): Promise<BenchRow[]> {
  if (!existsSync(join(dist, 'convene.js')))
    throw new Error('packages/elements/dist/convene.js is missing: run `npm run build` first.');
  const rows: BenchRow[] = [];
  // What only an encrypted room loads: the chunks the room chunk imports for it, and the worker they name.
  const chunks = readdirSync(join(dist, 'chunks'));
  const keysChunk = chunks.find((f) => /^e2ee-keys-[\w-]{8}\.js$/.test(f));
  const worker =
    keysChunk && /e2ee-worker-[\w-]{8}\.js/.exec(readFileSync(join(dist, 'chunks', keysChunk), 'utf8'))?.[0];
  if (!keysChunk || !worker) throw new Error('no e2ee-keys chunk naming its worker in dist/chunks: rebuild');
  const views = chunks.filter((f) => /^e2ee-[\w-]{8}\.js$/.test(f));
  rows.push({
    group: 'e2ee',
    name: 'E2EE worker, gzip (encrypted rooms only)',
    value: gzip(join(dist, 'chunks', worker)),
    unit: 'B',
    detail: worker,
  });
  rows.push({
    group: 'e2ee',
    name: 'e2ee chunks, gzip (views, key provider; encrypted rooms only)',
    value: [keysChunk, ...views].reduce((sum, f) => sum + gzip(join(dist, 'chunks', f)), 0),
    unit: 'B',
    detail: `${1 + views.length} file(s)${views.length > 1 ? ' (stale builds in dist/chunks counted too)' : ''}`,
  });

  const stack = await startStack({
    elementsDir: dist,
    config: {
      spaces: [
        {
          slug: 'vault',
          name: 'Vault',
          entrance: 'open',
          rooms: [
            { slug: 'open', name: 'Open', access: 'public' },
            { slug: 'secret', name: 'Secret', access: 'public', e2ee: 'passphrase' },
          ],
        },
      ],
    },
  });
  const browser = await puppeteer.launch({ executablePath: findChromium(), headless: true, args: CHROMIUM_ARGS });
  try {
    // One warm-up of each (first loads, the worker's first fetch), not counted.
    await call(browser, stack.baseUrl, 'open');
    await call(browser, stack.baseUrl, 'secret');
    const runs = { open: [] as { joinMs: number; cpu: number }[], secret: [] as { joinMs: number; cpu: number }[] };
    for (let i = 0; i < RUNS; i++) {
      const order = i % 2 === 0 ? (['secret', 'open'] as const) : (['open', 'secret'] as const);
      for (const room of order) runs[room].push(await call(browser, stack.baseUrl, room));
    }
    const join = { open: median(runs.open.map((r) => r.joinMs)), secret: median(runs.secret.map((r) => r.joinMs)) };
    const cpu = { open: median(runs.open.map((r) => r.cpu)), secret: median(runs.secret.map((r) => r.cpu)) };
    const detail = `median of ${RUNS}, runs alternating`;
    rows.push({
      group: 'e2ee',
      name: 'join, open room (load to first decoded remote frame)',
      value: Math.round(join.open),
      unit: 'ms',
      detail,
    });
    rows.push({
      group: 'e2ee',
      name: 'join, encrypted room',
      value: Math.round(join.secret),
      unit: 'ms',
      detail: `${detail}; ×${(join.secret / join.open).toFixed(2)} the open room's`,
    });
    rows.push({
      group: 'e2ee',
      name: 'two-person call CPU, open room (renderers)',
      value: Number(cpu.open.toFixed(3)),
      unit: 'cores',
      detail,
    });
    rows.push({
      group: 'e2ee',
      name: 'two-person call CPU, encrypted room (renderers)',
      value: Number(cpu.secret.toFixed(3)),
      unit: 'cores',
      detail: `${detail}; ×${(cpu.secret / cpu.open).toFixed(2)} the open room's`,
    });
  } finally {
    await browser.close();
    await stack.stop();
  }
  return rows;
}
