/**
 * The part of a livekit-client `Room` that furniture kinds use, played from fixtures: people and
 * their attributes (a raised hand, a table seat), room events, text streams (chat lines said
 * before the visitor looked, arriving as LiveKit's `lk.chat` would bring them) and the visitor's
 * own sends, which go nowhere, and a peer in the notes (their text and caret, as Yjs messages).
 * `FixtureSession` makes one on joining and hands it out as its `room`, so chat, hand-raise,
 * spotlight, breakout tables and notes render their own code from a script.
 */
import { RoomEvent } from 'livekit-client';
import * as Y from 'yjs';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as encoding from 'lib0/encoding';
import { CHAT_TOPIC } from '@convene/server/contract';
import { NOTES_ROOT, NOTES_STREAM_TOPIC, NOTES_TOPIC } from '../furniture/kinds/notes-provider.js';

/** Someone in the fixture room, as furniture reads a LiveKit participant. */
export interface FixtureParticipant {
  identity: string;
  name: string;
  attributes: Record<string, string>;
  joinedAt: Date;
}

/** A line of chat the room delivers once a chat listens: who said it (an identity), what, and when. */
export interface FixtureChatLine {
  identity: string;
  text: string;
  timestamp: number;
}

/** Someone else in the notes: what they have written, and where their caret is (an index into it). */
export interface FixtureNotesPeer {
  identity: string;
  text: string;
  caret?: number;
}

type Handler = (reader: AsyncIterable<string> & { info: object }, from: { identity: string }) => void;

let sent = 0;

/** The visitor in a fixture room: what they send goes nowhere, and nobody answers their calls. */
class FixtureLocalParticipant implements FixtureParticipant {
  attributes: Record<string, string> = {};
  joinedAt = new Date();
  isCameraEnabled: boolean;
  isMicrophoneEnabled: boolean;
  #rpc = new Map<string, unknown>();

  constructor(
    readonly identity: string,
    readonly name: string,
    media: { camera: boolean; microphone: boolean },
  ) {
    this.isCameraEnabled = media.camera;
    this.isMicrophoneEnabled = media.microphone;
  }

  async sendText(text: string, options: { topic?: string } = {}) {
    return { id: `fixture-sent-${++sent}`, topic: options.topic ?? '', timestamp: Date.now(), size: text.length };
  }

  async publishData(): Promise<void> {}

  async sendBytes(_bytes: Uint8Array, options: { topic?: string } = {}) {
    return { id: `fixture-sent-${++sent}`, topic: options.topic ?? '', timestamp: Date.now(), mimeType: '' };
  }

  registerRpcMethod(method: string, handler: unknown): void {
    this.#rpc.set(method, handler);
  }

  unregisterRpcMethod(method: string): void {
    this.#rpc.delete(method);
  }

  /** Nobody here answers (as a LiveKit Meet participant would not): the caller asks the next, or gives up. */
  async performRpc(): Promise<string> {
    throw new Error('Fixture: nobody answers calls.');
  }

  async setCameraEnabled(on: boolean): Promise<void> {
    this.isCameraEnabled = on;
  }

  async setMicrophoneEnabled(on: boolean): Promise<void> {
    this.isMicrophoneEnabled = on;
  }
}

export class FixtureRoom {
  readonly name: string;
  readonly localParticipant: FixtureLocalParticipant;
  readonly remoteParticipants = new Map<string, FixtureParticipant & { trackPublications: Map<string, never> }>();
  metadata = '';
  state: 'connected' | 'disconnected' = 'connected';
  /** A recent livekit-server: text streams, no legacy chat copies needed. */
  readonly serverInfo = { edition: 0, version: '1.13.5' };
  #listeners = new Map<string, Set<(...args: unknown[]) => void>>();
  #text = new Map<string, Handler>();
  #bytes = new Map<string, unknown>();
  #chat: FixtureChatLine[];
  #notes: FixtureNotesPeer | undefined;
  /** Stops the notes peer (when the notes stop listening, or the room ends). */
  #notesStop: (() => void) | undefined;

  constructor(options: {
    name: string;
    local: { identity: string; name: string; camera: boolean; microphone: boolean };
    people: FixtureParticipant[];
    chat?: FixtureChatLine[];
    /** Someone already writing in the notes: they answer the visitor's notes as a peer would. */
    notes?: FixtureNotesPeer;
  }) {
    this.#notes = options.notes;
    this.name = options.name;
    this.localParticipant = new FixtureLocalParticipant(options.local.identity, options.local.name, options.local);
    for (const p of options.people)
      this.remoteParticipants.set(p.identity, { ...p, trackPublications: new Map<string, never>() });
    this.#chat = [...(options.chat ?? [])].sort((a, b) => a.timestamp - b.timestamp);
  }

  on(event: string, listener: (...args: unknown[]) => void): this {
    let set = this.#listeners.get(event);
    if (!set) this.#listeners.set(event, (set = new Set()));
    set.add(listener);
    return this;
  }

  off(event: string, listener: (...args: unknown[]) => void): this {
    this.#listeners.get(event)?.delete(listener);
    return this;
  }

  once(event: string, listener: (...args: unknown[]) => void): this {
    const once = (...args: unknown[]) => {
      this.off(event, once);
      listener(...args);
    };
    return this.on(event, once);
  }

  emit(event: string, ...args: unknown[]): void {
    for (const listener of [...(this.#listeners.get(event) ?? [])]) listener(...args);
  }

  getParticipantByIdentity(identity: string): FixtureParticipant | undefined {
    return identity === this.localParticipant.identity ? this.localParticipant : this.remoteParticipants.get(identity);
  }

  /** As livekit-client: one handler per topic. The first chat to listen hears the scripted lines. */
  registerTextStreamHandler(topic: string, handler: Handler): void {
    if (this.#text.has(topic)) throw new Error(`Fixture: a text stream handler for "${topic}" is already set.`);
    this.#text.set(topic, handler);
    if (topic === CHAT_TOPIC && this.#chat.length > 0) {
      const lines = this.#chat.splice(0);
      // After the caller has finished setting up (a chat checks the topic is free before taking it).
      setTimeout(() => void this.#deliver(lines));
    }
  }

  unregisterTextStreamHandler(topic: string): void {
    this.#text.delete(topic);
  }

  registerByteStreamHandler(topic: string, handler: unknown): void {
    if (this.#bytes.has(topic)) throw new Error(`Fixture: a byte stream handler for "${topic}" is already set.`);
    this.#bytes.set(topic, handler);
    const peer = this.#notes;
    // The notes listen: the scripted peer answers, after the notes have finished setting up.
    if (topic === NOTES_STREAM_TOPIC && peer) setTimeout(() => this.#answerNotes(peer));
  }

  unregisterByteStreamHandler(topic: string): void {
    this.#bytes.delete(topic);
    if (topic === NOTES_STREAM_TOPIC) this.#notesStop?.();
  }

  /** Someone's attributes changed (a hand, a seat), as the server would write them. */
  setAttributes(identity: string, attributes: Record<string, string>): void {
    const participant = this.getParticipantByIdentity(identity);
    if (!participant) return;
    participant.attributes = attributes;
    this.emit(RoomEvent.ParticipantAttributesChanged, attributes, participant);
  }

  /** Someone left (removed by a moderator). */
  remove(identity: string): void {
    const participant = this.remoteParticipants.get(identity);
    if (!participant) return;
    this.remoteParticipants.delete(identity);
    this.emit(RoomEvent.ParticipantDisconnected, participant);
  }

  disconnect(): void {
    if (this.state === 'disconnected') return;
    this.state = 'disconnected';
    this.#notesStop?.();
    this.emit(RoomEvent.Disconnected);
  }

  /**
   * A peer's side of the notes, as `NotesProvider` speaks it on `convene.notes`: their document
   * (sync step 2, as the answer to a newcomer) and their caret (awareness, renewed as theirs would
   * be), so the visitor's notes apply them with their own checks.
   */
  #answerNotes(peer: FixtureNotesPeer) {
    this.#notesStop?.();
    const from = this.remoteParticipants.get(peer.identity);
    if (!from || this.state !== 'connected') return;
    const doc = new Y.Doc();
    const text = doc.getText(NOTES_ROOT);
    text.insert(0, peer.text);
    const send = (channel: number, write: (encoder: encoding.Encoder) => void) => {
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, channel);
      write(encoder);
      if (this.state === 'connected') {
        this.emit(RoomEvent.DataReceived, encoding.toUint8Array(encoder), from, undefined, NOTES_TOPIC);
      }
    };
    send(0, (e) => syncProtocol.writeSyncStep2(e, doc));
    const awareness = new awarenessProtocol.Awareness(doc);
    const onAwareness = ({ added, updated }: Record<string, number[]>) =>
      send(1, (e) =>
        encoding.writeVarUint8Array(e, awarenessProtocol.encodeAwarenessUpdate(awareness, [...added!, ...updated!])),
      );
    awareness.on('update', onAwareness);
    const at = (index: number) => {
      const position = Y.createRelativePositionFromTypeIndex(text, index);
      return position.item ? [position.item.client, position.item.clock] : null;
    };
    const caret = peer.caret === undefined ? null : at(Math.min(peer.caret, peer.text.length));
    awareness.setLocalState({ cursor: peer.caret === undefined ? null : { a: caret, h: caret } });
    this.#notesStop = () => {
      this.#notesStop = undefined;
      awareness.off('update', onAwareness);
      awareness.destroy();
      doc.destroy();
    };
  }

  /** Each line as one text stream on `lk.chat`, in order, one after another. */
  async #deliver(lines: FixtureChatLine[]) {
    for (const [i, line] of lines.entries()) {
      const handler = this.#text.get(CHAT_TOPIC);
      if (!handler || this.state !== 'connected') return;
      const reader = {
        info: { id: `fixture-chat-${i}`, topic: CHAT_TOPIC, timestamp: line.timestamp, attributes: {} },
        async *[Symbol.asyncIterator]() {
          yield line.text;
        },
      };
      handler(reader, { identity: line.identity });
      await new Promise((r) => setTimeout(r));
    }
  }
}
