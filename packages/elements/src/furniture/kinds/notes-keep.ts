/**
 * Kept notes (`settings: { keep: true }`): the Convene server keeps the latest snapshot of the
 * document (`Y.encodeStateAsUpdate`, base64) and hands it to the next meeting in the room
 * (`GET`/`PUT /api/spaces/:space/rooms/:room/notes`, with the LiveKit token as Bearer). One person
 * saves for everyone: the longest-present of those in the notes, 5 seconds after the last change
 * and as they leave, so the server gets one write per pause, not one per person. What comes back
 * is checked as a peer's update would be before it touches the document.
 */
import * as Y from 'yjs';
import type { Room } from 'livekit-client';
import { apiUrl, request } from '../../core/api.js';
import { KEPT, type NotesProvider } from './notes-provider.js';

/** How long after the last change the notes are saved. */
export const SAVE_DELAY = 5000;
/** Bodies up to this go with `keepalive`, so a save as the page closes still arrives. */
const KEEPALIVE_MAX = 60_000;

export interface KeepOptions {
  server: string;
  space: string;
  room: string;
  /** The participant's LiveKit token now. */
  token: () => string;
}

interface NotesResponse {
  snapshot: string | null;
}

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

function fromBase64(text: string): Uint8Array {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** Loads and saves one room's kept notes. */
export class NotesKeeper {
  #provider: NotesProvider;
  #room: Room;
  #options: KeepOptions;
  #dirty = false;
  #timer?: ReturnType<typeof setTimeout>;
  #stop: () => void;
  /** Whether the kept notes were fetched (until then nothing is saved: it would overwrite them without them). */
  #loaded: Promise<boolean> | undefined;

  constructor(provider: NotesProvider, room: Room, options: KeepOptions) {
    this.#provider = provider;
    this.#room = room;
    this.#options = options;
    const onUpdate = (_update: Uint8Array, origin: unknown) => {
      if (origin === KEPT) return;
      this.#dirty = true;
      this.#schedule();
    };
    provider.doc.on('update', onUpdate);
    this.#stop = () => provider.doc.off('update', onUpdate);
  }

  #url() {
    const { server, space, room } = this.#options;
    return apiUrl(server, `api/spaces/${encodeURIComponent(space)}/rooms/${encodeURIComponent(room)}/notes`);
  }

  /** Fetches the kept notes into the document; `false` when they could not be had (or were refused). */
  load(): Promise<boolean> {
    let fetched = false;
    const applied = (async () => {
      try {
        const { snapshot } = await request<NotesResponse>(this.#url(), {
          headers: { Authorization: `Bearer ${this.#options.token()}` },
        });
        fetched = true;
        // Bytes that are not notes (the server keeps whatever a participant sent) are refused, and replaced at the next save.
        return snapshot ? this.#provider.applyKept(fromBase64(snapshot)) : true;
      } catch {
        return false;
      }
    })();
    this.#loaded = applied.then(() => fetched);
    return applied;
  }

  /**
   * Whether this participant saves for the room: the longest-present of those in the notes now.
   * Everyone agrees on it from what LiveKit says (join times, then identities).
   */
  saver(): boolean {
    const local = this.#room.localParticipant;
    const joined = (identity: string) => {
      const participant = identity === local.identity ? local : this.#room.remoteParticipants.get(identity);
      return participant?.joinedAt?.getTime() ?? Number.MAX_SAFE_INTEGER;
    };
    const [first] = this.#provider.present().sort((a, b) => joined(a) - joined(b) || (a < b ? -1 : a > b ? 1 : 0));
    return first === local.identity;
  }

  #schedule() {
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => void this.save(), SAVE_DELAY);
  }

  /** Saves now if anything changed since the last save and this participant is the one who saves. */
  async save(leaving = false): Promise<void> {
    clearTimeout(this.#timer);
    if (!this.#dirty || !(await this.#loaded) || !this.saver()) return;
    this.#dirty = false;
    const body = JSON.stringify({ snapshot: toBase64(Y.encodeStateAsUpdate(this.#provider.doc)) });
    try {
      await request(this.#url(), {
        method: 'PUT',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${this.#options.token()}` },
        body,
        keepalive: leaving && body.length <= KEEPALIVE_MAX,
      });
    } catch {
      // Kept for the next try (the next change, or leaving).
      this.#dirty = true;
    }
  }

  /** Saves what is unsaved (this person is leaving), then stops; the document stays whole until it resolves. */
  dispose(): Promise<void> {
    this.#stop();
    return this.save(true);
  }
}
