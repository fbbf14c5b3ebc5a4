/** What the server tests share: HTTP calls as a client makes them, SSE reading, and browser participants. */
import type { Browser, Page } from 'puppeteer-core';
import { TokenVerifier, type ClaimGrants } from 'livekit-server-sdk';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after } from 'node:test';
import { createApp, type ConveneAppOptions, type TokenResponse } from '../src/index.js';

export interface Reply<T = any> {
  status: number;
  headers: Headers;
  body: T;
}

/** POSTs JSON (or any body, with any content type) and reads the JSON answer. */
export async function post<T = Record<string, any>>(
  url: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<Reply<T>> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: (text ? JSON.parse(text) : undefined) as T };
}

export async function get<T = Record<string, any>>(
  url: string,
  headers: Record<string, string> = {},
): Promise<Reply<T>> {
  const response = await fetch(url, { headers });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: (text ? JSON.parse(text) : undefined) as T };
}

/** Verifies a token with LiveKit's own SDK, as livekit-server would, and returns its claims. */
export function verifyToken(token: string, apiKey: string, apiSecret: string): Promise<ClaimGrants> {
  return new TokenVerifier(apiKey, apiSecret).verify(token, 0);
}

/** Polls `condition` until it returns a truthy value or the deadline passes. */
export async function until<T>(what: string, condition: () => T | Promise<T>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await condition();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export interface ServerEvent {
  event: string;
  data: string;
  at: number;
}

/** An SSE stream read the way EventSource reads it, keeping every event with its arrival time. */
export class EventStream {
  readonly events: ServerEvent[] = [];
  comments = 0;
  ended = false;
  readonly #controller = new AbortController();
  #waiters = new Set<() => void>();

  static async open(url: string, headers: Record<string, string> = {}): Promise<EventStream> {
    const stream = new EventStream();
    const response = await fetch(url, { headers, signal: stream.#controller.signal });
    if (!response.ok || !response.body) throw new Error(`${url} answered ${response.status}`);
    stream.contentType = response.headers.get('content-type') ?? '';
    void stream.#read(response.body);
    return stream;
  }

  contentType = '';

  async #read(body: ReadableStream<Uint8Array>) {
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for await (const chunk of body) {
        buffer += decoder.decode(chunk, { stream: true });
        let end;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const frame = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          let event = 'message';
          const data: string[] = [];
          let comment = false;
          for (const line of frame.split('\n')) {
            if (line.startsWith(':')) comment = true;
            else if (line.startsWith('event:')) event = line.slice(6).trim();
            else if (line.startsWith('data:')) data.push(line.slice(5).trimStart());
          }
          if (data.length > 0) this.events.push({ event, data: data.join('\n'), at: Date.now() });
          else if (comment) this.comments++;
          this.#notify();
        }
      }
    } catch {
      // aborted
    }
    this.ended = true;
    this.#notify();
  }

  #notify() {
    for (const waiter of this.#waiters) waiter();
  }

  /** The first event from `from` on for which `match` holds. */
  async next<T>(
    match: (data: T, event: ServerEvent) => boolean,
    { from = 0, timeoutMs = 10_000, event = 'presence' } = {},
  ): Promise<{ data: T; index: number; at: number }> {
    const deadline = Date.now() + timeoutMs;
    let seen = from;
    for (;;) {
      for (; seen < this.events.length; seen++) {
        const e = this.events[seen] as ServerEvent;
        if (e.event !== event) continue;
        const data = JSON.parse(e.data) as T;
        if (match(data, e)) return { data, index: seen, at: e.at };
      }
      if (this.ended) throw new Error('the stream ended');
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no matching "${event}" event within ${timeoutMs} ms`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(done, left);
        const waiter = () => done();
        function done() {
          clearTimeout(timer);
          resolve();
        }
        this.#waiters.add(waiter);
        setTimeout(() => this.#waiters.delete(waiter), left + 10);
      });
    }
  }

  close() {
    this.#controller.abort();
  }
}

/**
 * A person in a browser tab on the stack's origin, with livekit-client loaded (the harness serves
 * it at `/vendor/livekit-client.mjs`).
 */
export async function openParticipantPage(browser: Browser, baseUrl: string): Promise<Page> {
  const page = await browser.newPage();
  await page.goto(`${baseUrl}/vendor/livekit-client.mjs`);
  await page.evaluate(async () => {
    (globalThis as any).lk = await import('/vendor/livekit-client.mjs' as string);
  });
  return page;
}

/**
 * Joins a LiveKit room from the page with a token from the endpoint, microphone on. Resolves with
 * the token response once connected.
 */
export async function joinFromPage(
  page: Page,
  tokenUrl: string,
  request: Record<string, unknown>,
  { microphone = true } = {},
): Promise<TokenResponse> {
  return page.evaluate<[string, Record<string, unknown>, boolean], (...args: any[]) => Promise<TokenResponse>>(
    async (url: string, body: Record<string, unknown>, mic: boolean) => {
      const lk = (globalThis as any).lk;
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      const details: any = await response.json();
      if (!response.ok) throw new Error(`token: ${response.status} ${JSON.stringify(details)}`);
      const room = new lk.Room();
      (globalThis as any).room = room;
      (globalThis as any).disconnectReason = null;
      room.on(
        lk.RoomEvent.Disconnected,
        (reason: unknown) => ((globalThis as any).disconnectReason = reason ?? 'unknown'),
      );
      await room.connect(details.server_url, details.participant_token);
      if (mic) await room.localParticipant.setMicrophoneEnabled(true);
      return details;
    },
    tokenUrl,
    request,
    microphone,
  );
}

/** Leaves the room the page joined. */
export async function leaveFromPage(page: Page): Promise<void> {
  await page.evaluate(async () => {
    await (globalThis as any).room?.disconnect();
  });
}

/** Another token server on a free port (e.g. with tight limits, or a LiveKit that is not there); closed when the file ends. */
export async function startApp(options: ConveneAppOptions): Promise<{ baseUrl: string; server: Server }> {
  const app = createApp({ elementsDir: null, log: () => {}, ...options });
  const server = await new Promise<Server>((resolve, reject) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
    s.once('error', reject);
  });
  after(() => {
    app.shutdown();
    server.closeAllConnections();
    server.close();
  });
  return { baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}
