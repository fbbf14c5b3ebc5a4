/**
 * What `<convene-room>` needs of end-to-end encryption (issue 15), kept small: every room carries
 * it. Whether the room is encrypted (the directory, the token, or a key in the page URL's
 * fragment), the key for the token-free part of joining (typed in pre-join, else the link's), and
 * the e2ee chunk (./e2ee.ts: pre-join's key, the lock badge, the wrong-key banner), loaded once
 * the room is known to be encrypted. The key is read when joining and handed to the session; this
 * keeps no copy.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { DirectoryRoom } from '@convene/server/contract';
import type { ConveneStrings, ErrorKey } from '../../i18n/strings.js';
import { fragmentKey } from './e2ee-session.js';
import type { RoomE2ee } from './e2ee.js';
import type { ConveneSession, ParticipantView } from './session.js';

/** Refusals of an encrypted room; `e2ee_key_required` pre-join answers with the passphrase field. */
export const E2EE_ERRORS: ReadonlySet<string> = new Set(['e2ee_key_required', 'e2ee_unsupported']);

interface E2eeHost extends ReactiveControllerHost, HTMLElement {
  readonly room: string;
  readonly session: ConveneSession | undefined;
  readonly renderRoot: HTMLElement | DocumentFragment;
}

export class E2eeEntry implements ReactiveController {
  /** The link's key did not decrypt anyone's media: pre-join asks for the key to be typed instead. */
  #typed = false;
  #view: RoomE2ee | undefined;
  #loading: Promise<unknown> | undefined;

  constructor(
    private readonly host: E2eeHost,
    /** The room as the directory lists it, once known. */
    private readonly info: () => DirectoryRoom | undefined,
  ) {
    host.addController(this);
  }

  hostUpdate(): void {
    if (this.encrypted) void this.#load();
  }

  /** Whether the room is (or this visitor will make it) end-to-end encrypted. */
  get encrypted(): boolean {
    const session = this.host.session;
    const state = session?.state.value;
    return (
      !!this.info()?.e2ee ||
      !!session?.token?.e2ee ||
      !!session?.e2ee?.value.encrypted ||
      (state?.phase === 'error' && E2EE_ERRORS.has(state.code)) ||
      this.#linkKey() !== ''
    );
  }

  /** The key to join with: the passphrase typed in pre-join, else the invite link's; `undefined` without one. */
  key(): string | undefined {
    const typed = this.host.renderRoot.querySelector<HTMLInputElement>('input[name="e2ee-passphrase"]')?.value;
    return typed || this.#linkKey() || undefined;
  }

  /** Pre-join's part: that the room is encrypted, and its key (nothing for a room in the clear). */
  renderPrejoin(t: ConveneStrings, id: string, busy: boolean, error?: ErrorKey) {
    if (!this.encrypted) return undefined;
    return this.#view?.renderPrejoin({
      t,
      id,
      busy,
      error,
      fromLink: this.#linkKey() !== '',
    });
  }

  /** The note on an undecryptable tile (none until the e2ee chunk, which marks them, is there). */
  tile = (t: ConveneStrings, p: ParticipantView) => this.#view?.renderTile(t, p);

  /** Above the stage: the lock badge, and the wrong-key banner whose button leaves for pre-join. */
  renderRoom(t: ConveneStrings, id: string, onLeave: () => Promise<void>) {
    return this.#view?.renderRoom(t, id, this.host.session?.e2ee?.value, () => {
      // Back to pre-join, where the key is typed afresh (the link's did not work).
      this.#typed = true;
      void onLeave();
    });
  }

  #linkKey(): string {
    return this.#typed ? '' : fragmentKey(this.host.room);
  }

  #load() {
    return (this.#loading ??= import('./e2ee.js').then(
      ({ RoomE2ee }) => {
        this.#view = new RoomE2ee(this.host);
        this.host.requestUpdate();
      },
      // The chunk did not load (the network): joining says what is missing.
      () => (this.#loading = undefined),
    ));
  }
}
