/**
 * A space's directory with live presence: plain TypeScript, no view.
 *
 * It fetches the directory once, then follows the server's Server-Sent Events stream. When the
 * stream drops it says so (`stale`), reconnects with backoff, and fetches the directory again
 * before it calls the figures current.
 *
 * With a member pass, every request carries it in a header. `EventSource` cannot send headers, so
 * then the stream is read with `fetch` (a streamed body, parsed as SSE), with a fresh pass on
 * each reconnection; without a pass it stays an `EventSource`.
 */
import { PASS_HEADER, type PresenceEvent } from '@convene/server/contract';
import { ConveneApiError, apiUrl, fetchDirectory, withPass, type Directory } from '../../core/api.js';
import { readEventStream } from '../../core/event-stream.js';
import { Store } from '../../core/observable.js';
import type { PassSource } from '../../core/pass.js';

/** Failures that waiting can mend: tried again by themselves, with backoff. */
const WAIT_AND_RETRY: ReadonlySet<string> = new Set([
  'network',
  'livekit_unavailable',
  'pass_keys_unavailable',
  'pass_unavailable',
]);

export type DirectoryState =
  | { status: 'loading' }
  | { status: 'ready'; directory: Directory; stale: boolean }
  | { status: 'error'; error: ConveneApiError };

/** Where a space's directory and presence come from: the server (SpaceDirectory) or a fixture. */
export interface DirectorySource {
  readonly state: Store<DirectoryState>;
  open(): Promise<void>;
  close(): void;
  retry(): Promise<void>;
}

export interface DirectoryOptions {
  server: string;
  space: string;
  /** Milliseconds before the first reconnection attempt; doubles up to 30 s. */
  retryMs?: number;
  /** Where the visitor's member pass comes from, when the page gives one. */
  passes?: PassSource;
}

/** Applies a presence event to a directory; rooms the event does not name keep their figures. */
export function applyPresence(directory: Directory, event: PresenceEvent): Directory {
  const bySlug = new Map(event.rooms.map((room) => [room.slug, room]));
  return {
    ...directory,
    presence: event.presence,
    rooms: directory.rooms.map((room) => {
      const update = bySlug.get(room.slug);
      if (!update) return room;
      const { people: _previous, locked_by_moderator: _locked, speaking: _speaking, ...rest } = room;
      return {
        ...rest,
        count: update.count,
        ...(update.people ? { people: update.people } : {}),
        ...(update.speaking !== undefined ? { speaking: update.speaking } : {}),
        ...(update.locked_by_moderator ? { locked_by_moderator: true } : {}),
      };
    }),
  };
}

export class SpaceDirectory implements DirectorySource {
  readonly state = new Store<DirectoryState>({ status: 'loading' });
  #source: EventSource | undefined;
  #abort: AbortController | undefined;
  #retryTimer: ReturnType<typeof setTimeout> | undefined;
  #retryMs: number;
  #closed = false;

  constructor(readonly options: DirectoryOptions) {
    this.#retryMs = options.retryMs ?? 1000;
  }

  /** Fetches the directory and starts following presence. */
  async open(): Promise<void> {
    this.#closed = false;
    await this.#load();
  }

  /** Stops following presence. */
  close(): void {
    this.#closed = true;
    this.#abort?.abort();
    this.#source?.close();
    this.#source = undefined;
    clearTimeout(this.#retryTimer);
  }

  /** Tries again now (after an error, or to refresh). */
  retry(): Promise<void> {
    clearTimeout(this.#retryTimer);
    if (this.state.value.status === 'error') this.state.set({ status: 'loading' });
    return this.#load();
  }

  async #load(): Promise<void> {
    this.#abort?.abort();
    const abort = new AbortController();
    this.#abort = abort;
    try {
      const { server, space, passes } = this.options;
      const directory = await fetchDirectory(server, space, abort.signal, passes);
      if (abort.signal.aborted || this.#closed) return;
      this.#retryMs = this.options.retryMs ?? 1000;
      this.state.set({ status: 'ready', directory, stale: false });
      await this.#follow(abort.signal);
    } catch (error) {
      if (abort.signal.aborted || this.#closed) return;
      const apiError =
        error instanceof ConveneApiError
          ? error
          : new ConveneApiError('network', 'Could not reach the Convene server.');
      const current = this.state.value;
      if (current.status === 'ready' && apiError.code === 'network') {
        // Keep what we knew, marked as possibly out of date, and keep trying.
        this.state.set({ ...current, stale: true });
        this.#scheduleRetry();
      } else {
        this.state.set({ status: 'error', error: apiError });
        if (WAIT_AND_RETRY.has(apiError.code)) this.#scheduleRetry();
      }
    }
  }

  /** Follows presence: with a pass, a `fetch` stream that carries it (ended by `signal`); else an EventSource. */
  async #follow(signal: AbortSignal) {
    this.#source?.close();
    this.#source = undefined;
    const url = apiUrl(this.options.server, `api/spaces/${encodeURIComponent(this.options.space)}/events`);
    const passes = this.options.passes;
    if (passes?.active) {
      let headers: Record<string, string>;
      try {
        headers = await withPass({ Accept: 'text/event-stream' }, passes);
      } catch {
        if (!signal.aborted && !this.#closed) this.#dropped();
        return;
      }
      if (signal.aborted || this.#closed) return;
      // Signed out (`{"pass": null}`): nothing to carry, so the browser's own EventSource.
      if (headers[PASS_HEADER]) {
        void this.#stream(url, headers, signal);
        return;
      }
    }
    const source = new EventSource(url, { withCredentials: true });
    this.#source = source;
    source.addEventListener('presence', (message) => this.#onPresence((message as MessageEvent<string>).data));
    source.addEventListener('error', () => {
      this.#markStale();
      // EventSource retries by itself after a dropped connection; once it gives up (a refusal,
      // a server that went away), start over: directory first, then the stream.
      if (source.readyState === EventSource.CLOSED && source === this.#source) {
        this.#source = undefined;
        this.#scheduleRetry();
      }
    });
  }

  /** Reads the stream with `fetch`, so it carries the pass; when it ends or fails, starts over like EventSource's give-up. */
  async #stream(url: string, headers: Record<string, string>, signal: AbortSignal) {
    try {
      const response = await fetch(url, { credentials: 'include', cache: 'no-store', headers, signal });
      if (response.ok && response.body) {
        await readEventStream(response.body, (event) => {
          if (event.type === 'presence') this.#onPresence(event.data);
        });
      } else {
        // A refusal (the pass expired since the directory was fetched, too many streams...):
        // a refused pass is dropped, and the directory, fetched again, says what is wrong.
        const code = ((await response.json().catch(() => null)) as { error?: { code?: string } } | null)?.error?.code;
        if (code?.startsWith('pass_')) this.options.passes?.refused();
      }
    } catch {
      // dropped, or aborted by close() or a new load
    }
    if (signal.aborted || this.#closed) return;
    this.#dropped();
  }

  #onPresence(data: string) {
    const current = this.state.value;
    if (current.status !== 'ready') return;
    let event: PresenceEvent;
    try {
      event = JSON.parse(data) as PresenceEvent;
      if (!Array.isArray(event.rooms)) return;
    } catch {
      return;
    }
    this.state.set({ status: 'ready', directory: applyPresence(current.directory, event), stale: false });
  }

  #markStale() {
    const current = this.state.value;
    if (current.status === 'ready' && !current.stale) this.state.set({ ...current, stale: true });
  }

  /** The stream is gone: the figures may be out of date until the directory and a new stream are back. */
  #dropped() {
    this.#markStale();
    this.#scheduleRetry();
  }

  #scheduleRetry() {
    if (this.#closed) return;
    clearTimeout(this.#retryTimer);
    const delay = this.#retryMs;
    this.#retryMs = Math.min(this.#retryMs * 2, 30_000);
    this.#retryTimer = setTimeout(() => void this.#load(), delay);
  }
}

/** A directory that stays as it is given: for stories, documentation and tests of the view. */
export class FixedDirectory implements DirectorySource {
  readonly state: Store<DirectoryState>;

  constructor(state: DirectoryState) {
    this.state = new Store(state);
  }

  async open(): Promise<void> {}
  close(): void {}
  async retry(): Promise<void> {}
}
