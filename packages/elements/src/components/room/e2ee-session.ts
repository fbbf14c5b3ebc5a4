/**
 * End-to-end encryption in a visitor's session (issue 15), what every room carries of it: kept
 * small, since only encrypted rooms use it. Where the key comes from (an invite link's
 * `#convene_key=…` fragment, which browsers never send to a server, or the passphrase typed in
 * pre-join) and the glue to ./e2ee-keys.ts, a chunk loaded only when a room is encrypted: LiveKit's
 * key provider and worker, and whose media does not decrypt. The key stays in memory (LiveKit's
 * key provider and worker): never logged, stored or sent.
 */
import type { E2EEOptions, Room, RoomEvent } from 'livekit-client';
import { E2EE_KEY_PARAM, type TokenResponse } from '@convene/server/contract';
import { Store } from '../../core/observable.js';
import type { ErrorKey } from '../../i18n/strings.js';
import type { RoomEncryption } from './e2ee-keys.js';
import type { E2eeStatus, ParticipantView } from './session.js';

/**
 * The key the page URL's fragment carries for `room`: `#convene_key=…`, also among other hash
 * parameters (`#room=lobby&convene_key=…`, a space's link); a link whose `room=` names another room
 * gives this one none. `''` without one.
 */
export function fragmentKey(room: string): string {
  const params = new URLSearchParams(location.hash.replace(/^#/, ''));
  const target = params.get('room');
  return target && target !== room ? '' : (params.get(E2EE_KEY_PARAM) ?? '');
}

/** A refusal before connecting: the room asks for a key the visitor lacks, or this browser cannot encrypt. */
export class E2eeRefusal extends Error {
  constructor(
    readonly code: ErrorKey,
    message: string,
  ) {
    super(message);
  }
}

type Keys = typeof import('./e2ee-keys.js');
let keysModule: Promise<Keys> | undefined;

/** Loads the key provider and worker's chunk once per page (again only after it failed to load). */
export function loadE2eeKeys(): Promise<Keys> {
  keysModule ??= import('./e2ee-keys.js').catch((error: unknown) => {
    keysModule = undefined;
    throw error;
  });
  return keysModule;
}

/** One session's encryption: the room option before connecting, then what the visitor's screen says of it. */
export class E2eeSession {
  readonly status = new Store<E2eeStatus>({ encrypted: false, keyMismatch: false });
  #encryption: RoomEncryption | undefined;

  /**
   * Before connecting: LiveKit's `encryption` option for this visit, or `undefined` for a room the
   * visitor joins in the clear. A visitor with a key always encrypts, whatever the server says.
   */
  async prepare(
    token: TokenResponse,
    key: string | undefined,
    where: { space: string; room: string },
    onWorkerFailure: (error: Error) => void,
  ): Promise<E2EEOptions | undefined> {
    this.dispose();
    if (!token.e2ee && !key) return undefined;
    if (!key) {
      throw new E2eeRefusal('e2ee_key_required', 'This room is end-to-end encrypted: it needs its key or passphrase.');
    }
    // Refuses with e2ee_unsupported when this browser cannot (e2ee-keys.ts).
    const keys = await loadE2eeKeys();
    this.#encryption = await keys.startEncryption(key, `convene-e2ee:${where.space}/${where.room}`, onWorkerFailure);
    return this.#encryption.options;
  }

  /** In the room: hears whose media does not decrypt; `changed` refreshes the participants' views. */
  watch(room: Room, events: typeof RoomEvent, changed: () => void): void {
    this.#encryption?.watch(room, events, this.status, changed);
  }

  /** The views with whose media does not decrypt marked. */
  mark(views: ParticipantView[]): ParticipantView[] {
    return this.#encryption ? this.#encryption.mark(views) : views;
  }

  /** Ends the worker (the key goes with it). */
  dispose(): void {
    this.#encryption?.dispose();
    this.#encryption = undefined;
    if (this.status.value.encrypted || this.status.value.keyMismatch) {
      this.status.set({ encrypted: false, keyMismatch: false });
    }
  }
}
