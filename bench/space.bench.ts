/**
 * `<convene-space>`: what a directory page transfers before anyone enters a room, and how long a
 * presence event takes to reach the DOM in a space of 50 rooms and 500 people, against a
 * hand-written DOM update of the same events in the same run.
 */
import { readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import express from 'express';
import puppeteer from 'puppeteer-core';
import { CHROMIUM_ARGS, findChromium } from '../scripts/lib/chromium.mjs';
import { freeTcpPort } from '../scripts/lib/livekit.mjs';
import { startStack } from '../test/harness/stack.js';
import { percentile, type BenchRow } from './lib.js';

const here = dirname(fileURLToPath(import.meta.url));
const dist = join(here, '..', 'packages', 'elements', 'dist');
const ROOMS = 50;
const PEOPLE = 500;
const EVENTS = 30;

/** A synthetic presence event: 500 people spread over 50 rooms, different each time. */
function presenceEvent(seq: number) {
  const rooms = Array.from({ length: ROOMS }, (_, r) => ({
    slug: `room-${r}`,
    count: 0,
    people: [] as { identity: string; name: string }[],
  }));
  for (let p = 0; p < PEOPLE; p++) {
    const room = rooms[(p * 7 + seq) % ROOMS]!;
    room.people.push({ identity: `p${p}`, name: `Person ${p} (${seq})` });
    room.count++;
  }
  return { space: 'big', presence: 'live', rooms, seq };
}

async function transfer(browser: import('puppeteer-core').Browser): Promise<BenchRow[]> {
  const stack = await startStack({ elementsDir: dist, staticDir: join(here, 'pages') });
  try {
    const page = await browser.newPage();
    const seen: { url: string; gzip: number }[] = [];
    page.on('response', async (response) => {
      const url = new URL(response.url());
      if (url.pathname.endsWith('/events')) {
        seen.push({ url: url.pathname, gzip: 0 });
        return;
      }
      try {
        const body = await response.buffer();
        seen.push({ url: url.pathname, gzip: gzipSync(body, { level: 6 }).length });
      } catch {
        // aborted or redirected
      }
    });
    await page.goto(`${stack.baseUrl}/directory.html`);
    await page.waitForFunction(
      () => document.querySelector('convene-space')?.shadowRoot?.querySelectorAll('[part="room-card"]').length,
      { timeout: 20_000, polling: 100 },
    );
    await new Promise((r) => setTimeout(r, 500));
    await page.close();
    const total = seen.reduce((sum, r) => sum + r.gzip, 0);
    const livekit = seen.filter((r) => r.url.includes('livekit-client')).length;
    const scripts = seen.filter((r) => r.url.endsWith('.js'));
    return [
      {
        group: 'space',
        name: 'directory page script, gzip (every .js it fetched)',
        value: scripts.reduce((sum, r) => sum + r.gzip, 0),
        unit: 'B',
        detail: `${scripts.length} file(s); issue 19's budget`,
        budget: { max: 20_000, label: '≤ 20 kB' },
      },
      {
        group: 'space',
        name: 'directory page transfer, gzip',
        value: total,
        unit: 'B',
        detail: seen.map((r) => `${r.url} ${(r.gzip / 1024).toFixed(1)} kB`).join(', '),
      },
      {
        group: 'space',
        name: 'livekit-client chunks fetched by the directory',
        value: livekit,
        unit: '',
        budget: { max: 0, label: '= 0' },
      },
    ];
  } finally {
    await stack.stop();
  }
}

async function presenceToDom(browser: import('puppeteer-core').Browser): Promise<BenchRow[]> {
  const port = await freeTcpPort();
  const directory = {
    space: 'big',
    name: 'A big space',
    entrance: 'room-0',
    presence: 'live',
    rooms: Array.from({ length: ROOMS }, (_, r) => ({
      slug: `room-${r}`,
      name: `Room ${r}`,
      access: 'public',
      furniture: [],
      count: 0,
      people: [],
    })),
  };
  const streams = new Set<express.Response>();
  const app = express();
  app.get('/convene.js', (_req, res) => res.sendFile(join(dist, 'convene.js')));
  app.use('/chunks', express.static(join(dist, 'chunks')));
  app.get('/presence.html', (_req, res) => res.type('html').send(readFileSync(join(here, 'pages', 'presence.html'))));
  app.get('/api/spaces/big', (_req, res) => res.json(directory));
  app.get('/api/spaces/big/events', (req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-store' });
    res.write(': hello\n\n');
    streams.add(res);
    req.on('close', () => streams.delete(res));
  });
  const server = await new Promise<Server>((resolve) => {
    const s = app.listen(port, '127.0.0.1', () => resolve(s));
  });
  const send = (seq: number) => {
    const frame = `event: presence\ndata: ${JSON.stringify(presenceEvent(seq))}\n\n`;
    for (const res of streams) res.write(frame);
  };
  try {
    const page = await browser.newPage();
    await page.goto(`http://127.0.0.1:${port}/presence.html`);
    // Convene: the element, following the stream.
    await page.evaluate(() => {
      const el = document.createElement('convene-space');
      el.setAttribute('server', '/');
      el.setAttribute('space', 'big');
      el.setAttribute('navigation', 'none');
      document.body.append(el);
      (window as any).rendered = new Map();
      // The n-th change is the n-th event sent (each one moves people around).
      el.addEventListener('convene-presence-changed', async () => {
        const n = ((window as any).changes = ((window as any).changes ?? 0) + 1);
        await (el as any).updateComplete;
        (window as any).rendered.set(n, performance.now());
      });
    });
    await page.waitForFunction(
      () => document.querySelector('convene-space')?.shadowRoot?.querySelectorAll('[part="room-card"]').length === 50,
      { polling: 50, timeout: 20_000 },
    );
    await page.waitForFunction(() => (window as any).arrivals !== undefined);
    const convene: number[] = [];
    for (let seq = 1; seq <= EVENTS; seq++) {
      send(seq);
      const ms = await page.waitForFunction(
        (s: number) => {
          const w = window as any;
          const arrived = w.arrivals.get(s);
          const done = w.rendered.get(s);
          return arrived !== undefined && done !== undefined ? done - arrived : false;
        },
        { polling: 10, timeout: 10_000 },
        seq,
      );
      convene.push((await ms.jsonValue()) as number);
      await new Promise((r) => setTimeout(r, 50));
    }
    // Baseline: a hand-written listener that writes the same figures into 50 paragraphs.
    await page.evaluate((rooms: number) => {
      const w = window as any;
      w.handDone = new Map();
      const list = document.createElement('ul');
      const items = Array.from({ length: rooms }, () => list.appendChild(document.createElement('li')));
      document.body.append(list);
      const source = new EventSource('/api/spaces/big/events');
      source.addEventListener('presence', (m) => {
        const event = JSON.parse((m as MessageEvent).data);
        event.rooms.forEach((room: any, i: number) => {
          items[i]!.textContent = `${room.count} people inside: ${room.people.map((p: any) => p.name).join(', ')}`;
        });
        w.handDone.set(event.seq, performance.now());
      });
    }, ROOMS);
    await new Promise((r) => setTimeout(r, 300));
    const hand: number[] = [];
    for (let seq = 1001; seq <= 1000 + EVENTS; seq++) {
      send(seq);
      const ms = await page.waitForFunction(
        (s: number) => {
          const w = window as any;
          const arrived = w.arrivals.get(s);
          const done = w.handDone.get(s);
          return arrived !== undefined && done !== undefined ? done - arrived : false;
        },
        { polling: 10, timeout: 10_000 },
        seq,
      );
      hand.push((await ms.jsonValue()) as number);
      await new Promise((r) => setTimeout(r, 50));
    }
    await page.close();
    convene.sort((a, b) => a - b);
    hand.sort((a, b) => a - b);
    const median = (xs: number[]) => percentile(xs, 50);
    return [
      {
        group: 'space',
        name: `presence event → DOM, ${ROOMS} rooms / ${PEOPLE} people, median`,
        value: median(convene),
        unit: 'ms',
        detail: `p95 ${percentile(convene, 95).toFixed(1)} ms; hand-written DOM baseline median ${median(hand).toFixed(2)} ms (ratio ${(median(convene) / Math.max(median(hand), 0.01)).toFixed(1)}×), ${EVENTS} events each`,
      },
    ];
  } finally {
    for (const res of streams) res.end();
    server.closeAllConnections();
    server.close();
  }
}

export default async function spaceBench(): Promise<BenchRow[]> {
  const browser = await puppeteer.launch({ executablePath: findChromium(), headless: true, args: CHROMIUM_ARGS });
  try {
    return [...(await transfer(browser)), ...(await presenceToDom(browser))];
  } finally {
    await browser.close();
  }
}
