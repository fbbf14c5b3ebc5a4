/**
 * A call of N people, measured on the one person's page that shows everyone: `<convene-room>` (the
 * built embed) against LiveKit's own `VideoConference` (@livekit/components-react, React 19
 * production build, LiveKit's own styles, bundled here with esbuild) on the same publishers.
 *
 * The N-1 callers are pages of a separate Chromium process (bench/pages/call-caller.html), each
 * drawing its own 640x360 camera on its own clock, published with simulcast as LiveKit publishes
 * a real 640x360 camera, plus a microphone; they speak in turns. The measured page is the only
 * page of another Chromium, 1280x800, joined with its camera and microphone off (both pages the
 * same). Its CPU is read with CDP `SystemInfo.getProcessInfo` (cumulative CPU time per process):
 * the renderer and GPU processes over a 20 s window once every video plays; the figure the
 * budget reads is their sum. Pages alternate ABBA…, medians of ROUNDS each.
 *
 * `CALL_ROUNDS` (default 3) and `CALL_SIZES` (default "8,16") change the rounds and the calls;
 * `CALL_SHOTS` (a folder) keeps a screenshot of each measured page, to look at what a person sees.
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { CHROMIUM_ARGS, findChromium } from '../scripts/lib/chromium.mjs';
import { startStack } from '../test/harness/stack.js';
import { percentile, type BenchRow } from './lib.js';

const here = dirname(fileURLToPath(import.meta.url));
/** The built embed; `CALL_DIST` points at a copy (a build elsewhere in the checkout empties dist/ while it runs). */
const dist = process.env.CALL_DIST ?? join(here, '..', 'packages', 'elements', 'dist');
const ROUNDS = Number(process.env.CALL_ROUNDS ?? 3);
const SIZES = (process.env.CALL_SIZES ?? '8,16').split(',').map(Number);
const WINDOW_MS = 20_000;
/** After every video plays: layouts, layer switches and the first keyframes settle. */
const SETTLE_MS = 4000;
const BUDGET = 0.9;

type Kind = 'convene' | 'livekit';

interface Sample {
  /** CPU seconds in the window, per process type. */
  renderer: number;
  gpu: number;
  /** Every process of the measured browser (browser, network, audio as well). */
  total: number;
  heapMB: number;
  /** Main-thread script seconds in the window (Performance.getMetrics ScriptDuration). */
  script: number;
  /** Decoded frames per second, summed over the page's playing videos, and their sizes. */
  fps: number;
  sizes: string;
  videos: number;
}

const median = (values: number[]) =>
  percentile(
    [...values].sort((a, b) => a - b),
    50,
  );

/** In the page: how many of its videos play (a decoded frame, not paused); the frames each decoded so far. */
function videosNow(kind: Kind) {
  const root = kind === 'convene' ? document.querySelector('convene-room')?.shadowRoot : document;
  const all = [...(root?.querySelectorAll('video') ?? [])];
  return {
    playing: all.filter((v) => !v.paused && v.readyState >= 2 && v.videoWidth > 0).length,
    videos: all.map((v) => ({
      frames: v.getVideoPlaybackQuality().totalVideoFrames,
      size: `${v.videoWidth}x${v.videoHeight}`,
    })),
  };
}

async function cpuByType(browser: Browser): Promise<Map<number, { type: string; cpu: number }>> {
  const session = await browser.target().createCDPSession();
  try {
    const { processInfo } = (await session.send('SystemInfo.getProcessInfo')) as {
      processInfo: { type: string; id: number; cpuTime: number }[];
    };
    return new Map(processInfo.map((p) => [p.id, { type: p.type, cpu: p.cpuTime }]));
  } finally {
    await session.detach();
  }
}

async function openMeasured(browser: Browser, baseUrl: string, kind: Kind, expected: number): Promise<Page> {
  const page = await browser.newPage();
  await page.setViewport({ width: 1280, height: 800 });
  await page.goto(`${baseUrl}/call-${kind}.html`);
  await page.bringToFront();
  if (kind === 'convene') {
    // Pre-join, as a person: once the preview shows the camera, camera off, microphone off, Join.
    const inRoom = (selector: string) =>
      page.waitForFunction(
        (s) => document.querySelector('convene-room')?.shadowRoot?.querySelector<HTMLElement>(s),
        { timeout: 30_000, polling: 100 },
        selector,
      );
    await page.waitForFunction(
      () => (document.querySelector('convene-room')?.shadowRoot?.querySelector('video')?.videoWidth ?? 0) > 0,
      { timeout: 30_000, polling: 100 },
    );
    for (const control of ['camera', 'microphone']) {
      const button = await inRoom(`[data-control="${control}"][aria-pressed="true"]`);
      await (button as unknown as { click(): Promise<void> }).click();
      await inRoom(`[data-control="${control}"][aria-pressed="false"]`);
    }
    const join = await inRoom('button[type="submit"]:not([disabled])');
    await (join as unknown as { click(): Promise<void> }).click();
  }
  const deadline = Date.now() + 60_000;
  while ((await page.evaluate(videosNow, kind)).playing < expected) {
    if (Date.now() > deadline) throw new Error(`${kind}: ${expected} videos did not all play within 60 s`);
    await new Promise((r) => setTimeout(r, 250));
  }
  return page;
}

async function measure(browser: Browser, baseUrl: string, kind: Kind, callers: number): Promise<Sample> {
  const page = await openMeasured(browser, baseUrl, kind, callers);
  try {
    await new Promise((r) => setTimeout(r, SETTLE_MS));
    const client = await page.createCDPSession();
    await client.send('Performance.enable');
    const script = async () =>
      (await client.send('Performance.getMetrics')).metrics.find((m) => m.name === 'ScriptDuration')?.value ?? 0;
    const frames0 = (await page.evaluate(videosNow, kind)).videos;
    const cpu0 = await cpuByType(browser);
    const script0 = await script();
    const t0 = Date.now();
    await new Promise((r) => setTimeout(r, WINDOW_MS));
    const cpu1 = await cpuByType(browser);
    const seconds = (Date.now() - t0) / 1000;
    const script1 = await script();
    const frames1 = (await page.evaluate(videosNow, kind)).videos;
    const shots = process.env.CALL_SHOTS;
    if (shots) {
      mkdirSync(shots, { recursive: true });
      await page.screenshot({ path: join(shots, `call-${callers + 1}-${kind}.png`) });
    }
    const heap = (await client.send('Performance.getMetrics')).metrics.find((m) => m.name === 'JSHeapUsedSize');
    const scale = WINDOW_MS / 1000 / seconds;
    const sum = (types: string[] | null) =>
      [...cpu1].reduce((acc, [id, p]) => {
        if (types && !types.includes(p.type)) return acc;
        return acc + p.cpu - (cpu0.get(id)?.cpu ?? 0);
      }, 0) * scale;
    const decoded = frames1.reduce((acc, f, i) => acc + Math.max(0, f.frames - (frames0[i]?.frames ?? f.frames)), 0);
    const sizes = new Map<string, number>();
    for (const f of frames1) sizes.set(f.size, (sizes.get(f.size) ?? 0) + 1);
    return {
      renderer: sum(['renderer']),
      gpu: sum(['GPU']),
      total: sum(null),
      heapMB: (heap?.value ?? 0) / 1e6,
      script: (script1 - script0) * scale,
      fps: decoded / seconds,
      sizes: [...sizes].map(([size, n]) => `${n}×${size}`).join(' '),
      videos: frames1.length,
    };
  } finally {
    await page.close();
  }
}

/** Opens callers until `count` are publishing. */
async function addCallers(
  browser: Browser,
  baseUrl: string,
  callers: Page[],
  count: number,
  turns: number,
): Promise<boolean> {
  while (callers.length < count) {
    const index = callers.length;
    const page = await browser.newPage();
    await page.goto(
      `${baseUrl}/call-caller.html?room=lobby&name=${encodeURIComponent(`Caller ${index + 1}`)}&index=${index}&count=${turns}`,
    );
    try {
      await page.waitForFunction(() => document.getElementById('status')?.textContent === 'publishing', {
        timeout: 60_000,
        polling: 250,
      });
    } catch {
      await page.close();
      return false;
    }
    callers.push(page);
  }
  return true;
}

async function bundleVideoConference(into: string) {
  await bundle(into).catch((error: Error) => {
    throw new Error(
      `could not bundle VideoConference (LiveKit's styles come from the devDependency @livekit/components-styles): ${error.message}`,
    );
  });
}

function bundle(into: string) {
  return build({
    entryPoints: { 'call-livekit': join(here, 'pages', 'call-livekit-app.js') },
    bundle: true,
    format: 'esm',
    minify: true,
    target: 'es2022',
    outdir: into,
    define: { 'process.env.NODE_ENV': '"production"' },
    // Where the lead installs @livekit/components-styles, or NODE_PATH for a run without it installed.
    nodePaths: (process.env.NODE_PATH ?? '').split(':').filter(Boolean),
    logLevel: 'error',
  });
}

export default async function callBench(): Promise<BenchRow[]> {
  if (!existsSync(join(dist, 'convene.js')))
    throw new Error('packages/elements/dist/convene.js is missing: run `npm run build` first.');
  const served = mkdtempSync(join(tmpdir(), 'convene-call-bench-'));
  for (const file of readdirSync(join(here, 'pages')).filter((f) => f.startsWith('call-') && f.endsWith('.html')))
    cpSync(join(here, 'pages', file), join(served, file));
  await bundleVideoConference(served);
  const stack = await startStack({ elementsDir: dist, staticDir: served });
  const args = (size: string) => [...CHROMIUM_ARGS, `--window-size=${size}`];
  const callersBrowser = await puppeteer.launch({
    executablePath: findChromium(),
    headless: true,
    args: args('800,600'),
  });
  const rows: BenchRow[] = [];
  try {
    const callers: Page[] = [];
    const turns = Math.max(...SIZES) - 1;
    for (const asked of SIZES) {
      // A machine that cannot carry this many publishers: the call is as large as it carries.
      const carried = await addCallers(callersBrowser, stack.baseUrl, callers, asked - 1, turns);
      const size = callers.length + 1;
      const note = carried ? '' : `; this machine carried ${size - 1} of the ${asked - 1} callers asked`;
      if (!carried && size <= Math.max(0, ...rows.map((r) => Number(r.group.match(/\d+/)?.[0] ?? 0)))) {
        rows.push({
          group: `call, ${asked} people`,
          name: 'not measured: callers this machine carried',
          value: size - 1,
          unit: 'callers',
          detail: note.slice(2),
          // A call not measured keeps no budget: the run says so instead of "every budget kept".
          budget: { min: asked - 1, label: `${asked - 1} callers` },
        });
        break;
      }
      const measured = await puppeteer.launch({
        executablePath: findChromium(),
        headless: true,
        args: args('1280,800'),
      });
      const samples: Record<Kind, Sample[]> = { convene: [], livekit: [] };
      try {
        // One warm-up of each (first loads, caches), not counted; then A B B A A B …
        for (const kind of ['convene', 'livekit'] as const)
          await (await openMeasured(measured, stack.baseUrl, kind, size - 1)).close();
        for (let i = 0; i < ROUNDS; i++) {
          const order: Kind[] = i % 2 === 0 ? ['convene', 'livekit'] : ['livekit', 'convene'];
          for (const kind of order) samples[kind].push(await measure(measured, stack.baseUrl, kind, size - 1));
        }
      } catch (error) {
        // Too much for this machine (every video did not play in time): say so, keep the figures so far.
        rows.push({
          group: `call, ${size} people`,
          name: 'not measured: calls measured',
          value: 0,
          unit: '',
          detail: `${(error as Error).message}${note}`,
          budget: { min: 1, label: '≥ 1' },
        });
        break;
      } finally {
        await measured.close();
      }
      const m = (kind: Kind, key: keyof Omit<Sample, 'sizes'>) => median(samples[kind].map((s) => s[key]));
      const describe = (kind: Kind) => {
        const s = samples[kind];
        const cpu = s.map((x) => (x.renderer + x.gpu).toFixed(1)).join(', ');
        return (
          `renderer ${m(kind, 'renderer').toFixed(1)} + GPU ${m(kind, 'gpu').toFixed(1)} s; whole browser ${m(kind, 'total').toFixed(1)} s; ` +
          `script ${m(kind, 'script').toFixed(2)} s; decoded ${m(kind, 'fps').toFixed(0)} frames/s over ${m(kind, 'videos')} videos ` +
          `(${s.at(-1)?.sizes}); runs ${cpu}`
        );
      };
      const cpu = (kind: Kind) => median(samples[kind].map((s) => s.renderer + s.gpu));
      const group = `call, ${size} people`;
      rows.push(
        {
          group,
          name: '<convene-room> CPU per 20 s (renderer + GPU), median',
          value: cpu('convene'),
          unit: 's',
          detail: describe('convene'),
        },
        {
          group,
          name: 'VideoConference CPU per 20 s (renderer + GPU), median',
          value: cpu('livekit'),
          unit: 's',
          detail: describe('livekit'),
        },
        {
          group,
          name: 'ratio <convene-room> / VideoConference',
          value: cpu('convene') / cpu('livekit'),
          unit: '×',
          detail: `${size - 1} callers in a separate Chromium, 640x360 simulcast, speaking in turns; ABBA, ${ROUNDS} rounds; the goal beyond the budget is 0.8${note}`,
          budget: { max: BUDGET, label: `≤ ${BUDGET}` },
        },
        {
          group,
          name: '<convene-room> JS heap, median',
          value: m('convene', 'heapMB'),
          unit: 'MB',
          detail: `VideoConference ${m('livekit', 'heapMB').toFixed(1)} MB`,
        },
      );
    }
  } finally {
    await callersBrowser.close();
    await stack.stop();
    rmSync(served, { recursive: true, force: true });
  }
  return rows;
}
