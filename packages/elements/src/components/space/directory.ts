/**
 * A space's directory with live presence: plain TypeScript, no view.
 *
 * It fetches the directory once, then follows the server's Server-Sent Events stream. When the
 * stream drops it says so (`stale`), reconnects with backoff, and fetches the directory again
 * before it calls the figures current.
 */
import type { PresenceEvent } from '@convene/server/contract';
import { ConveneApiError, apiUrl, fetchDirectory, type Directory } from '../../core/api.js';
import { Store } from '../../core/observable.js';

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
      const { people: _previous, ...rest } = room;
      return { ...rest, count: update.count, ...(update.people ? { people: update.people } : {}) };
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
      const directory = await fetchDirectory(this.options.server, this.options.space, abort.signal);
      if (abort.signal.aborted || this.#closed) return;
      this.#retryMs = this.options.retryMs ?? 1000;
      this.state.set({ status: 'ready', directory, stale: false });
      this.#follow();
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
        if (apiError.code === 'network' || apiError.code === 'livekit_unavailable') this.#scheduleRetry();
      }
    }
  }

  #follow() {
    this.#source?.close();
    const url = apiUrl(this.options.server, `api/spaces/${encodeURIComponent(this.options.space)}/events`);
    const source = new EventSource(url, { withCredentials: true });
    this.#source = source;
    source.addEventListener('presence', (message) => {
      const current = this.state.value;
      if (current.status !== 'ready') return;
      let event: PresenceEvent;
      try {
        event = JSON.parse((message as MessageEvent<string>).data) as PresenceEvent;
        if (!Array.isArray(event.rooms)) return;
      } catch {
        return;
      }
      this.state.set({ status: 'ready', directory: applyPresence(current.directory, event), stale: false });
    });
    source.addEventListener('error', () => {
      const current = this.state.value;
      if (current.status === 'ready' && !current.stale) this.state.set({ ...current, stale: true });
      // EventSource retries by itself after a dropped connection; once it gives up (a refusal,
      // a server that went away), start over: directory first, then the stream.
      if (source.readyState === EventSource.CLOSED && source === this.#source) {
        this.#source = undefined;
        this.#scheduleRetry();
      }
    });
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
