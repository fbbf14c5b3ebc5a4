/**
 * The key provider and LiveKit's E2EE worker for an encrypted room (issue 15): its own chunk,
 * loaded only when a room is encrypted. The key is a passphrase (typed, or an invite link's
 * fragment) that LiveKit derives the media and data keys from with PBKDF2, salted per room, so one
 * passphrase in two rooms gives two keys. It lives in the key provider and the worker only.
 * In the room it hears whose media does not decrypt (LiveKit's `EncryptionError`, an invalid key,
 * names the sender) and what the visitor's own screen says: when nobody's media here decrypts, the
 * odd key is the visitor's.
 */
import {
  ExternalE2EEKeyProvider,
  isE2EESupported,
  type E2EEOptions,
  type Participant,
  type Room,
  type RoomEvent,
} from 'livekit-client';
import type { Store } from '../../core/observable.js';
import { E2eeRefusal } from './e2ee-session.js';
import { e2eeWorkerUrl } from './e2ee-worker-url.js';
import type { E2eeStatus, ParticipantView } from './session.js';

/**
 * Whether this browser has what LiveKit's encryption needs: encoded transforms on its senders and
 * receivers (`RTCRtpScriptTransform`, or Chromium's `createEncodedStreams`), workers and WebCrypto
 * (a secure context).
 */
export function e2eeSupported(): boolean {
  return typeof Worker !== 'undefined' && !!globalThis.crypto?.subtle && isE2EESupported();
}

/** A visit's encryption: LiveKit's room option, and who does not decrypt once in the room. */
export class RoomEncryption {
  #undecryptable = new Set<string>();

  constructor(
    /** LiveKit's `encryption` room option (media, and data packets: chat, text streams). */
    readonly options: E2EEOptions,
    /** Ends the worker. */
    readonly dispose: () => void,
  ) {}

  watch(room: Room, events: typeof RoomEvent, status: Store<E2eeStatus>, changed: () => void): void {
    const update = () => {
      // Those who send media: when every one of them fails to decrypt, the odd key is the visitor's.
      const senders = [...room.remoteParticipants.values()].filter((p) => p.trackPublications.size > 0);
      const keyMismatch =
        this.#undecryptable.size > 0 && senders.length > 0 && senders.every((p) => this.#undecryptable.has(p.identity));
      const encrypted = room.isE2EEEnabled;
      if (status.value.encrypted !== encrypted || status.value.keyMismatch !== keyMismatch) {
        status.set({ encrypted, keyMismatch });
      }
      changed();
    };
    room
      .on(events.EncryptionError, (error: Error, participant?: Participant) => {
        // The worker says `InvalidKey: …` for a frame that does not decrypt with this browser's key.
        if (!participant || participant === room.localParticipant || !/^InvalidKey\b/.test(error?.message ?? '')) {
          return;
        }
        if (this.#undecryptable.has(participant.identity)) return;
        this.#undecryptable.add(participant.identity);
        update();
      })
      .on(events.ParticipantDisconnected, (participant: Participant) => {
        if (this.#undecryptable.delete(participant.identity)) update();
      })
      .on(events.TrackSubscribed, update)
      .on(events.ParticipantEncryptionStatusChanged, update);
  }

  mark(views: ParticipantView[]): ParticipantView[] {
    if (this.#undecryptable.size === 0) return views;
    return views.map((v) => {
      if (v.isLocal || !this.#undecryptable.has(v.identity)) return v;
      // What keeps their picture away is the key, not the connection: the tile says that instead.
      const { liveness: _connection, ...rest } = v;
      return { ...rest, undecryptable: true };
    });
  }
}

/**
 * A key provider with `passphrase` and a running worker; rejects with an `e2ee_unsupported`
 * refusal when this browser or the page cannot run them.
 */
export async function startEncryption(
  passphrase: string,
  salt: string,
  onWorkerFailure: (error: Error) => void,
): Promise<RoomEncryption> {
  if (!e2eeSupported()) {
    throw new E2eeRefusal('e2ee_unsupported', 'This browser lacks the encoded media transforms encryption needs.');
  }
  try {
    const keyProvider = new ExternalE2EEKeyProvider({ ratchetSalt: salt });
    await keyProvider.setKey(passphrase);
    const { worker, dispose } = await startWorker(e2eeWorkerUrl());
    // A worker the page's Content-Security-Policy refuses (or that does not load) fails here, not in silence.
    worker.addEventListener('error', (event) => {
      event.preventDefault();
      onWorkerFailure(new Error('the encryption worker did not start (a Content-Security-Policy without worker-src?)'));
    });
    return new RoomEncryption({ keyProvider, worker }, dispose);
  } catch (error) {
    throw new E2eeRefusal('e2ee_unsupported', `Encryption could not start: ${(error as Error).message}`);
  }
}

/**
 * A worker must come from the page's own origin. The worker file ships next to convene.js, so a
 * page that loads convene.js from the Convene server on another origin fetches it (the server
 * serves it with CORS) and runs it from a Blob URL: that page's CSP then needs `worker-src blob:`.
 */
async function startWorker(url: string): Promise<{ worker: Worker; dispose(): void }> {
  const target = new URL(url, document.baseURI);
  let blobUrl = '';
  if (target.origin !== location.origin) {
    const response = await fetch(target, { credentials: 'omit' });
    if (!response.ok) throw new Error(`the encryption worker did not load (HTTP ${response.status})`);
    blobUrl = URL.createObjectURL(new Blob([await response.text()], { type: 'text/javascript' }));
  }
  const worker = new Worker(blobUrl || target.href, { type: 'module', name: 'convene-e2ee' });
  return {
    worker,
    dispose: () => {
      worker.terminate();
      if (blobUrl) URL.revokeObjectURL(blobUrl);
    },
  };
}
