/**
 * The notes' Yjs provider over LiveKit itself: no other server. What travels, on the
 * `convene.notes` topic as reliable data packets (or, above a packet's size, as a byte stream on
 * `convene.notes.sync`), is a y-protocols message framed as y-websocket frames it (a varUint
 * channel, then the payload):
 *
 * - channel 0, y-protocols/sync: step 1 (a state vector; answered with step 2, the updates the
 *   asker lacks), step 2, and each edit's update, sent to everyone;
 * - channel 1, y-protocols/awareness: each person's cursor and selection;
 * - channel 2, a newcomer's step 1: answered with step 2 and the answerer's own step 1, so that
 *   what the newcomer brought (typed before joining, or the kept notes) reaches those present too.
 *
 * A newcomer asks the three longest-present participants, then the next three if none answered.
 * Everything a peer sends is checked before it touches the document: a message rate per sender,
 * sizes (an update ≤ 64 kB, the document ≤ 1 MB), a validating decode (only plain text in the one
 * `notes` Y.Text: no other types, formats or embeds), `applyUpdate` in a try. A message that fails
 * is dropped whole and is never passed on (every peer sends to everyone itself), so a bad update
 * changes nothing for anyone. Awareness is bound to LiveKit's identities: an awareness client id
 * belongs to the first participant who sends it, nobody can set or clear another's, and the name
 * shown is the participant's name from the server (awareness states carry no name at all).
 */
import * as Y from 'yjs';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as encoding from 'lib0/encoding';
import * as decoding from 'lib0/decoding';
import { RoomEvent, type ByteStreamReader, type RemoteParticipant, type Room } from 'livekit-client';
import { Store } from '../../core/observable.js';
import { RateLimit } from './guard.js';
import { colorOf } from './notes-editor.js';

export const NOTES_TOPIC = 'convene.notes';
export const NOTES_STREAM_TOPIC = 'convene.notes.sync';
/** The one shared type: the notes' text. */
export const NOTES_ROOT = 'notes';
/** The largest update a peer may send at once (a local paste is sent in pieces below it). */
export const MAX_UPDATE = 64_000;
/** The largest document (its `encodeStateAsUpdate` bytes), the kept notes included. */
export const MAX_DOC = 1_000_000;
/** Above this a message goes as a byte stream (LiveKit's reliable packets carry about 15 kB). */
const PACKET_MAX = 14_000;
/** The most characters one local transaction inserts (at most 3 bytes each in UTF-8: well under MAX_UPDATE). */
export const MAX_LOCAL_INSERT = 16_000;
const MAX_AWARENESS = 2048;
const ASK_PEERS = 3;
const ASK_WAIT = 1500;
/** How often a state vector goes to one peer, so that what was lost comes back. */
const MEND_EVERY = 20_000;

const SYNC = 0;
const AWARENESS = 1;
const JOIN = 2;

/** The origin of changes that came from peers (never sent on) and from the kept notes. */
export const REMOTE = Symbol('remote');
export const KEPT = Symbol('kept');

/** A position in the text as awareness carries it: an item's id (`[client, clock]`), or `null` for the end. */
type WirePosition = [number, number] | null;
interface WireState {
  cursor: { a: WirePosition; h: WirePosition } | null;
}

/** Another person in the notes now. */
export interface NotesPeer {
  identity: string;
  /** The name the server gave them (LiveKit's participant name). */
  name: string;
  color: string;
  /** Their selection (absolute indices), when they have one. */
  anchor?: number | undefined;
  head?: number | undefined;
}

/**
 * Whether `update` is one the notes accept: it decodes, and everything it adds is plain text in
 * the `notes` Y.Text (or a deletion). Anything else (garbage, another shared type, formatting,
 * embeds, nested types, map keys) is refused whole.
 */
export function checkUpdate(update: Uint8Array): boolean {
  try {
    const { structs } = Y.decodeUpdate(update);
    for (const struct of structs) {
      if (struct instanceof Y.GC || struct instanceof Y.Skip) continue;
      if (!(struct instanceof Y.Item)) return false;
      if (struct.parentSub !== null) return false;
      // Decoded, an item's parent is a root type's name, a type's id, or null (known from its origin).
      if (struct.parent !== null && (struct.parent as unknown) !== NOTES_ROOT) return false;
      if (!(struct.content instanceof Y.ContentString || struct.content instanceof Y.ContentDeleted)) return false;
    }
    return true;
  } catch {
    return false;
  }
}

const isId = (value: unknown): value is [number, number] =>
  Array.isArray(value) && value.length === 2 && value.every((n) => Number.isSafeInteger(n) && (n as number) >= 0);

/** A peer's awareness state, checked: `{ cursor: { a, h } | null }` or `null`; `undefined` when it is neither. */
export function checkState(value: unknown): WireState | null | undefined {
  if (value === null) return null;
  if (typeof value !== 'object' || Array.isArray(value)) return undefined;
  const cursor = (value as Record<string, unknown>).cursor;
  if (cursor === null || cursor === undefined) return { cursor: null };
  if (typeof cursor !== 'object' || Array.isArray(cursor)) return undefined;
  const { a, h } = cursor as Record<string, unknown>;
  if ((a !== null && !isId(a)) || (h !== null && !isId(h))) return undefined;
  return { cursor: { a: a as WirePosition, h: h as WirePosition } };
}

/** Reads a byte stream whole, or gives `undefined` (and stops) once it passes `max` bytes. */
async function readBytes(reader: ByteStreamReader, max: number): Promise<Uint8Array | undefined> {
  if (typeof reader.info.size === 'number' && reader.info.size > max) return undefined;
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of reader) {
    size += chunk.byteLength;
    if (size > max) return undefined;
    chunks.push(chunk);
  }
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.byteLength;
  }
  return bytes;
}

/** One participant's notes in one room: the document, its awareness, and the traffic with peers. */
export class NotesProvider {
  readonly doc = new Y.Doc();
  readonly text: Y.Text = this.doc.getText(NOTES_ROOT);
  readonly awareness: awarenessProtocol.Awareness;
  /** The others in the notes now, with their selections. */
  readonly peers = new Store<NotesPeer[]>([]);
  /** Whether someone present has answered with the document (or nobody was there to ask). */
  readonly synced = new Store<boolean>(false);
  #room: Room;
  /** Messages per sender: typing and moving the caret fast stays well under it. */
  #rate = new RateLimit(150, 50);
  /** Step 1 answers (a whole document, perhaps) per sender. */
  #answers = new RateLimit(4, 0.5);
  /** Asking a sender again for what is missing (after a dropped or out-of-order message). */
  #asks = new RateLimit(2, 0.2);
  /** Awareness client ids and the LiveKit identity that owns each. */
  #owners = new Map<number, string>();
  /** At least the document's size in bytes (exact when last counted, plus every update since). */
  #size = 0;
  #undo: (() => void)[] = [];
  #askTimer?: ReturnType<typeof setTimeout>;
  #cursorTimer?: ReturnType<typeof setTimeout>;
  #disposed = false;

  /** Throws when another notes already runs on this room (livekit-client takes one handler per stream topic). */
  constructor(room: Room) {
    this.#room = room;
    room.registerByteStreamHandler(NOTES_STREAM_TOPIC, (reader, { identity }) => void this.#onStream(reader, identity));
    this.#undo.push(() => room.unregisterByteStreamHandler(NOTES_STREAM_TOPIC));
    this.awareness = new awarenessProtocol.Awareness(this.doc);
    this.awareness.setLocalState({ cursor: null } satisfies WireState);
    const onData = (payload: Uint8Array, participant?: RemoteParticipant, _kind?: unknown, topic?: string) => {
      if (topic === NOTES_TOPIC && participant) this.#onMessage(payload, participant.identity);
    };
    const onLeft = (participant: RemoteParticipant) => this.#forget(participant.identity);
    const onUpdate = (update: Uint8Array, origin: unknown) => {
      this.#size += update.byteLength;
      if (origin !== REMOTE && origin !== KEPT) this.#broadcast(this.#sync((e) => syncProtocol.writeUpdate(e, update)));
      this.#updatePeers();
    };
    const onAwareness = ({ added, updated, removed }: Record<string, number[]>, origin: unknown) => {
      if (origin === 'local') {
        this.#broadcast(this.#awarenessMessage([...added!, ...updated!, ...removed!]));
      }
      this.#updatePeers();
    };
    room.on(RoomEvent.DataReceived, onData);
    room.on(RoomEvent.ParticipantDisconnected, onLeft);
    this.doc.on('update', onUpdate);
    this.awareness.on('update', onAwareness);
    this.#undo.push(
      () => room.off(RoomEvent.DataReceived, onData),
      () => room.off(RoomEvent.ParticipantDisconnected, onLeft),
      () => this.doc.off('update', onUpdate),
      () => this.awareness.off('update', onAwareness),
    );
    const onReconnected = () => this.#ask(0);
    room.on(RoomEvent.Reconnected, onReconnected);
    this.#undo.push(() => room.off(RoomEvent.Reconnected, onReconnected));
    // Now and then, a state vector to one peer: anything lost on the way (a message dropped by
    // the rate, a reconnection) comes back as their answer.
    const mend = setInterval(() => {
      const peers = [...room.remoteParticipants.keys()];
      const peer = peers[Math.floor(Math.random() * peers.length)];
      if (peer) this.#askAgain(peer);
    }, MEND_EVERY);
    this.#undo.push(() => clearInterval(mend));
    this.#ask(0);
    this.#broadcast(this.#awarenessMessage([this.doc.clientID]));
  }

  /** This person's selection in the text (indices), sent to the others shortly after it settles; `null` when not in the editor. */
  setCursor(selection: { anchor: number; head: number } | null): void {
    clearTimeout(this.#cursorTimer);
    this.#cursorTimer = setTimeout(() => {
      if (this.#disposed) return;
      const position = (index: number): WirePosition => {
        const relative = Y.createRelativePositionFromTypeIndex(this.text, index);
        return relative.item ? [relative.item.client, relative.item.clock] : null;
      };
      const cursor = selection ? { a: position(selection.anchor), h: position(selection.head) } : null;
      this.awareness.setLocalStateField('cursor', cursor);
    }, 60);
  }

  /** Whether the document may grow by `bytes` more and stay within MAX_DOC. */
  fits(bytes: number): boolean {
    if (this.#size + bytes <= MAX_DOC) return true;
    this.#size = Y.encodeStateAsUpdate(this.doc).byteLength;
    return this.#size + bytes <= MAX_DOC;
  }

  /** Applies bytes from elsewhere (the kept notes), checked as a peer's would be; `false` when refused. */
  applyKept(update: Uint8Array): boolean {
    if (!checkUpdate(update) || !this.fits(update.byteLength)) return false;
    try {
      Y.applyUpdate(this.doc, update, KEPT);
      return true;
    } catch {
      return false;
    }
  }

  /** The identities of those in the notes now (with an awareness state), this participant's included. */
  present(): string[] {
    const identities = new Set([this.#room.localParticipant.identity]);
    for (const clientId of this.awareness.getStates().keys()) {
      const owner = this.#owners.get(clientId);
      if (owner && this.#room.remoteParticipants.has(owner)) identities.add(owner);
    }
    return [...identities];
  }

  /** Tells the others this person has gone, and stops. */
  dispose(): void {
    if (this.#disposed) return;
    clearTimeout(this.#cursorTimer);
    clearTimeout(this.#askTimer);
    awarenessProtocol.removeAwarenessStates(this.awareness, [this.doc.clientID], 'local');
    this.#disposed = true;
    for (const step of this.#undo) step();
    this.awareness.destroy();
    this.doc.destroy();
  }

  /**
   * Asks the longest-present peers, `from` on, for the document, three times a little apart (a
   * peer drops a newcomer's first packets when they come before LiveKit told it of the newcomer),
   * then the next ones when none answers.
   */
  #ask(from: number, attempt = 0) {
    const peers = [...this.#room.remoteParticipants.values()].sort(
      (a, b) => (a.joinedAt?.getTime() ?? 0) - (b.joinedAt?.getTime() ?? 0),
    );
    const asked = peers.slice(from, from + ASK_PEERS).map((p) => p.identity);
    if (asked.length === 0) {
      this.synced.set(true);
      return;
    }
    const message = this.#frame(JOIN, (e) => encoding.writeVarUint8Array(e, Y.encodeStateVector(this.doc)));
    this.#send(message, asked);
    clearTimeout(this.#askTimer);
    this.#askTimer = setTimeout(() => {
      if (this.synced.value || this.#disposed) return;
      if (attempt < 2) this.#ask(from, attempt + 1);
      else this.#ask(from + ASK_PEERS);
    }, ASK_WAIT);
  }

  async #onStream(reader: ByteStreamReader, identity: string) {
    const bytes = await readBytes(reader, MAX_DOC + 64);
    if (bytes && !this.#disposed) this.#onMessage(bytes, identity);
  }

  #onMessage(bytes: Uint8Array, identity: string) {
    if (this.#disposed || !this.#room.remoteParticipants.has(identity)) return;
    if (!this.#rate.take(identity)) {
      // Dropped: ask for what is missing a little later, so nothing stays lost.
      setTimeout(() => this.#askAgain(identity), 2000);
      return;
    }
    try {
      const decoder = decoding.createDecoder(bytes);
      const channel = decoding.readVarUint(decoder);
      if (channel === AWARENESS) {
        this.#onAwareness(decoding.readVarUint8Array(decoder), identity);
        return;
      }
      const type = channel === JOIN ? syncProtocol.messageYjsSyncStep1 : decoding.readVarUint(decoder);
      const payload = decoding.readVarUint8Array(decoder);
      if (type === syncProtocol.messageYjsSyncStep1) this.#answer(payload, identity, channel === JOIN);
      else if (type === syncProtocol.messageYjsSyncStep2) this.#apply(payload, identity, MAX_DOC, true);
      else if (type === syncProtocol.messageYjsUpdate) this.#apply(payload, identity, MAX_UPDATE, false);
    } catch {
      // Malformed: dropped, nothing changed.
    }
  }

  /** Step 1 from `identity`: what they lack (step 2); for a newcomer, also our own step 1 and where we are. */
  #answer(stateVector: Uint8Array, identity: string, newcomer: boolean) {
    if (stateVector.byteLength > MAX_UPDATE || !this.#answers.take(identity)) return;
    Y.decodeStateVector(stateVector); // throws on garbage (caught by #onMessage)
    this.#send(
      this.#sync((e) => syncProtocol.writeSyncStep2(e, this.doc, stateVector)),
      [identity],
    );
    if (!newcomer) return;
    this.#send(
      this.#sync((e) => syncProtocol.writeSyncStep1(e, this.doc)),
      [identity],
    );
    this.#send(this.#awarenessMessage([this.doc.clientID]), [identity]);
  }

  #apply(update: Uint8Array, identity: string, max: number, answer: boolean) {
    if (update.byteLength > max || !checkUpdate(update) || !this.fits(update.byteLength)) return;
    try {
      Y.applyUpdate(this.doc, update, REMOTE);
    } catch {
      return;
    }
    if (answer) this.synced.set(true);
    const store = this.doc.store as unknown as { pendingStructs: unknown; pendingDs: unknown };
    // An update that came before one it builds on waits; ask its sender for what is missing.
    if (store.pendingStructs || store.pendingDs) this.#askAgain(identity);
  }

  #askAgain(identity: string) {
    if (this.#disposed || !this.#room.remoteParticipants.has(identity) || !this.#asks.take(identity)) return;
    this.#send(
      this.#sync((e) => syncProtocol.writeSyncStep1(e, this.doc)),
      [identity],
    );
  }

  /** A peer's awareness update, with only the entries that are theirs to set, and valid. */
  #onAwareness(update: Uint8Array, identity: string) {
    if (update.byteLength > MAX_AWARENESS) return;
    const decoder = decoding.createDecoder(update);
    const count = decoding.readVarUint(decoder);
    if (count > 4) return;
    const kept: [number, number, string][] = [];
    for (let i = 0; i < count; i++) {
      const clientId = decoding.readVarUint(decoder);
      const clock = decoding.readVarUint(decoder);
      const state = checkState(JSON.parse(decoding.readVarString(decoder)));
      if (state === undefined || clientId === this.doc.clientID) continue;
      const owner = this.#owners.get(clientId);
      if (owner !== undefined && owner !== identity) continue;
      if (owner === undefined) {
        if ([...this.#owners.values()].filter((o) => o === identity).length >= 4) continue;
        this.#owners.set(clientId, identity);
        // Someone new in the notes: they learn where this person is without waiting for the renewal.
        this.#send(this.#awarenessMessage([this.doc.clientID]), [identity]);
      }
      kept.push([clientId, clock, JSON.stringify(state)]);
    }
    if (kept.length === 0) return;
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, kept.length);
    for (const [clientId, clock, state] of kept) {
      encoding.writeVarUint(encoder, clientId);
      encoding.writeVarUint(encoder, clock);
      encoding.writeVarString(encoder, state);
    }
    awarenessProtocol.applyAwarenessUpdate(this.awareness, encoding.toUint8Array(encoder), identity);
  }

  /** Someone left the room: their cursors go. */
  #forget(identity: string) {
    const theirs = [...this.#owners].filter(([, owner]) => owner === identity).map(([clientId]) => clientId);
    for (const clientId of theirs) this.#owners.delete(clientId);
    if (theirs.length && !this.#disposed) awarenessProtocol.removeAwarenessStates(this.awareness, theirs, 'left');
  }

  #updatePeers() {
    if (this.#disposed) return;
    const byIdentity = new Map<string, NotesPeer>();
    const absolute = (position: WirePosition): number | undefined => {
      const relative = Y.createRelativePositionFromJSON(
        position ? { item: { client: position[0], clock: position[1] } } : { tname: NOTES_ROOT, item: null },
      );
      return Y.createAbsolutePositionFromRelativePosition(relative, this.doc)?.index;
    };
    for (const [clientId, state] of this.awareness.getStates()) {
      if (clientId === this.doc.clientID) continue;
      const identity = this.#owners.get(clientId);
      const participant = identity ? this.#room.remoteParticipants.get(identity) : undefined;
      if (!identity || !participant) continue;
      const cursor = (state as WireState).cursor;
      const anchor = cursor ? absolute(cursor.a) : undefined;
      const head = cursor ? absolute(cursor.h) : undefined;
      byIdentity.set(identity, {
        identity,
        name: participant.name || identity,
        color: colorOf(identity),
        ...(anchor !== undefined && head !== undefined ? { anchor, head } : {}),
      });
    }
    const peers = [...byIdentity.values()].sort((a, b) => a.name.localeCompare(b.name));
    const same =
      peers.length === this.peers.value.length &&
      peers.every((p, i) => {
        const q = this.peers.value[i]!;
        return p.identity === q.identity && p.name === q.name && p.anchor === q.anchor && p.head === q.head;
      });
    if (!same) this.peers.set(peers);
  }

  #frame(channel: number, write: (encoder: encoding.Encoder) => void): Uint8Array {
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, channel);
    write(encoder);
    return encoding.toUint8Array(encoder);
  }

  #sync(write: (encoder: encoding.Encoder) => void): Uint8Array {
    return this.#frame(SYNC, write);
  }

  #awarenessMessage(clients: number[]): Uint8Array {
    const update = awarenessProtocol.encodeAwarenessUpdate(this.awareness, clients);
    return this.#frame(AWARENESS, (e) => encoding.writeVarUint8Array(e, update));
  }

  /** To everyone in the room: also those this page has not heard of yet (LiveKit has). */
  #broadcast(message: Uint8Array) {
    this.#send(message);
  }

  #send(message: Uint8Array, to?: string[]) {
    if (this.#room.state !== 'connected') return;
    const local = this.#room.localParticipant;
    const sent =
      message.byteLength <= PACKET_MAX
        ? local.publishData(message as Uint8Array<ArrayBuffer>, {
            reliable: true,
            topic: NOTES_TOPIC,
            ...(to ? { destinationIdentities: to } : {}),
          })
        : local.sendBytes(message, { topic: NOTES_STREAM_TOPIC, ...(to ? { destinationIdentities: to } : {}) });
    // A message that cannot go (the room is closing) is not retried: the next sync mends it.
    sent.catch(() => {});
  }
}
