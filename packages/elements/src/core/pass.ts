/**
 * Member passes in the browser: the short-lived JWT a host site signs for the person signed in
 * there, sent to the Convene server in the `Convene-Pass` header (never in a URL). An element
 * takes it three ways (`pass-url`, `pass`, `passProvider`); a `PassSource` gives the pass to send
 * when a request needs one, fetches a fresh one about a minute before it expires (its `exp`, read
 * without verifying: checking is the server's job), and shares one fetch among requests made at
 * once. The pass lives only in this object's memory: never stored, never logged.
 */
import { ConveneApiError } from './api-error.js';

/** A page's callback giving the visitor's current pass, or `null` for a guest (single-page apps). */
export type PassProvider = () => Promise<string | null>;

/** The three ways an element takes a pass; the first given wins, in this order. */
export interface PassSettings {
  /** A pass the page already has. */
  pass?: string | undefined;
  /** A callback asked for the pass whenever the one held is about to expire. */
  passProvider?: PassProvider | undefined;
  /** The host site's own endpoint: `{"pass": "<jwt>", "expires_at": "<ISO>"}`, or `{"pass": null}`. */
  passUrl?: string | undefined;
}

/** A pass is replaced this long before it expires, so none is sent in its last minute. */
export const PASS_REFRESH_MS = 60_000;
/** How long a signed-out answer (`null`) is kept before the site is asked again. */
const GUEST_KEEP_MS = 60_000;
/** How long the site's pass endpoint may take. */
const PASS_URL_TIMEOUT_MS = 10_000;

/** A pass endpoint or callback that failed: its own error, never a silent guest. */
function unavailable(detail: string): ConveneApiError {
  return new ConveneApiError('pass_unavailable', `Could not check your sign-in with the website: ${detail}.`);
}

/** The expiry (ms since the epoch) in a JWT's payload, read without verifying; undefined if it has none. */
export function passExpiry(jwt: string): number | undefined {
  const part = jwt.split('.')[1];
  if (!part) return undefined;
  try {
    const binary = atob(part.replace(/-/g, '+').replace(/_/g, '/'));
    const payload = JSON.parse(new TextDecoder().decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)))) as {
      exp?: unknown;
    };
    return typeof payload.exp === 'number' && Number.isFinite(payload.exp) ? payload.exp * 1000 : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Where an element's requests get the pass to send. One per element; a `<convene-space>` hands
 * its own to the room it opens, so the two share it.
 */
export class PassSource {
  #settings: PassSettings = {};
  #held: { pass: string | null; until: number } | undefined;
  #pending: Promise<string | null> | undefined;
  /** Bumped whenever what is held is dropped, so a fetch that started before cannot bring it back. */
  #generation = 0;

  constructor(private readonly now: () => number = Date.now) {}

  /** Whether the element was given a pass, a provider or a pass-url. */
  get active(): boolean {
    const { pass, passProvider, passUrl } = this.#settings;
    return !!(pass || passProvider || passUrl);
  }

  /** Takes the element's settings; a change drops the pass held. */
  configure(settings: PassSettings): void {
    const { pass, passProvider, passUrl } = this.#settings;
    if (pass === settings.pass && passProvider === settings.passProvider && passUrl === settings.passUrl) return;
    this.#settings = { pass: settings.pass, passProvider: settings.passProvider, passUrl: settings.passUrl };
    this.refused();
  }

  /**
   * The pass to send now, or `null` for a guest. Rejects with a `ConveneApiError` coded
   * `pass_unavailable` when the pass-url or the provider fails.
   */
  current(): Promise<string | null> {
    const { pass, passProvider, passUrl } = this.#settings;
    if (pass) return Promise.resolve(pass);
    if (!passProvider && !passUrl) return Promise.resolve(null);
    const held = this.#held;
    if (held && this.now() < held.until) return Promise.resolve(held.pass);
    if (!this.#pending) {
      const generation = this.#generation;
      const pending = (passProvider ? this.#fromProvider(passProvider) : this.#fromUrl(passUrl as string)).then(
        ({ pass: fresh, expiresAt }) => {
          if (generation === this.#generation) {
            const expiry = fresh ? Math.min(passExpiry(fresh) ?? 0, expiresAt ?? Infinity) : 0;
            this.#held = { pass: fresh, until: fresh ? expiry - PASS_REFRESH_MS : this.now() + GUEST_KEEP_MS };
          }
          return fresh;
        },
      );
      this.#pending = pending;
      const done = () => {
        if (this.#pending === pending) this.#pending = undefined;
      };
      pending.then(done, done);
    }
    return this.#pending;
  }

  /** Drops the pass held (the server refused it, or the visitor asked to try again): the next request fetches a fresh one. */
  refused(): void {
    this.#generation++;
    this.#held = undefined;
    this.#pending = undefined;
  }

  async #fromProvider(provider: PassProvider): Promise<{ pass: string | null; expiresAt?: number }> {
    let pass: unknown;
    try {
      pass = await provider();
    } catch {
      throw unavailable('the page’s pass provider failed');
    }
    if (pass !== null && pass !== undefined && typeof pass !== 'string') {
      throw unavailable('the page’s pass provider gave something that is not a pass');
    }
    return { pass: pass || null };
  }

  async #fromUrl(passUrl: string): Promise<{ pass: string | null; expiresAt?: number }> {
    const url = new URL(passUrl, document.baseURI);
    let response: Response;
    try {
      response = await fetch(url, {
        credentials: 'include',
        cache: 'no-store',
        headers: { Accept: 'application/json' },
        signal: AbortSignal.timeout(PASS_URL_TIMEOUT_MS),
      });
    } catch {
      throw unavailable(`${url.origin} could not be reached`);
    }
    if (!response.ok) throw unavailable(`its pass endpoint answered ${response.status}`);
    let body: { pass?: unknown; expires_at?: unknown };
    try {
      body = (await response.json()) as typeof body;
    } catch {
      throw unavailable('its pass endpoint did not answer JSON');
    }
    const pass = body?.pass;
    if (pass !== null && (typeof pass !== 'string' || !pass)) {
      throw unavailable('its pass endpoint gave no pass');
    }
    const expiresAt = typeof body.expires_at === 'string' ? Date.parse(body.expires_at) : NaN;
    return { pass, ...(Number.isFinite(expiresAt) ? { expiresAt } : {}) };
  }
}
