/**
 * Chat on LiveKit's `lk.chat` text-stream topic (what LiveKit Meet and components-js use: the
 * message is the stream's text, its id and timestamp the stream's; the same id again from the
 * same sender is an edit; attachments are not shown), plus Convene's history for
 * late joiners: a newcomer asks the longest-present participant by RPC, who answers with a
 * `convene.chat.history` text stream of the last 50 messages.
 */
import type { RemoteParticipant, Room } from 'livekit-client';
import { Store } from '../../core/observable.js';
import { cleanText, RateLimit, readLimited } from './guard.js';

export const CHAT_TOPIC = 'lk.chat';
export const HISTORY_TOPIC = 'convene.chat.history';
export const HISTORY_RPC = 'convene.chat.history';
export const HISTORY_LENGTH = 50;
export const MAX_MESSAGE = 2000;
const MAX_HISTORY_CHARS = HISTORY_LENGTH * (MAX_MESSAGE + 400);

export interface ChatMessage {
  id: string;
  timestamp: number;
  message: string;
  from: { identity: string; name: string };
  /** This person's own message. */
  local?: boolean;
  /** Came with the history a newcomer is sent, not live. */
  history?: boolean;
}

export interface ChatState {
  messages: ChatMessage[];
}

/** One participant's chat in one room. */
export class ChatModel {
  readonly state = new Store<ChatState>({ messages: [] });
  #room: Room;
  #rate = new RateLimit(10, 2);
  #askedHistoryOf = new Set<string>();
  #historyDone = false;

  /** Throws when something else already handles `lk.chat` on this room (livekit-client allows one handler). */
  constructor(room: Room) {
    this.#room = room;
    const undo: (() => void)[] = [];
    try {
      room.registerTextStreamHandler(CHAT_TOPIC, (reader, { identity }) => void this.#onMessage(reader, identity));
      undo.push(() => room.unregisterTextStreamHandler(CHAT_TOPIC));
      room.registerTextStreamHandler(HISTORY_TOPIC, (reader, { identity }) => void this.#onHistory(reader, identity));
      undo.push(() => room.unregisterTextStreamHandler(HISTORY_TOPIC));
      room.localParticipant.registerRpcMethod(HISTORY_RPC, ({ callerIdentity }) => this.#sendHistory(callerIdentity));
    } catch (error) {
      for (const step of undo) step();
      throw error;
    }
    void this.#askForHistory();
  }

  /** Sends a message to everyone in the room. */
  async send(text: string): Promise<void> {
    const message = text.trim();
    if (!message || message.length > MAX_MESSAGE) return;
    const info = await this.#room.localParticipant.sendText(message, { topic: CHAT_TOPIC });
    const me = this.#room.localParticipant;
    this.#add({
      id: info.id,
      timestamp: info.timestamp,
      message,
      from: { identity: me.identity, name: me.name || me.identity },
      local: true,
    });
  }

  dispose(): void {
    this.#room.unregisterTextStreamHandler(CHAT_TOPIC);
    this.#room.unregisterTextStreamHandler(HISTORY_TOPIC);
    this.#room.localParticipant.unregisterRpcMethod(HISTORY_RPC);
  }

  async #sendHistory(callerIdentity: string): Promise<string> {
    if (!this.#rate.take(`history:${callerIdentity}`)) return 'busy';
    const last = this.state.value.messages.slice(-HISTORY_LENGTH);
    const wire = last.map(({ id, timestamp, message, from }) => ({ id, timestamp, message, from }));
    await this.#room.localParticipant.sendText(JSON.stringify(wire), {
      topic: HISTORY_TOPIC,
      destinationIdentities: [callerIdentity],
    });
    return 'sent';
  }

  async #askForHistory() {
    const others = [...this.#room.remoteParticipants.values()].sort(
      (a, b) => (a.joinedAt?.getTime() ?? 0) - (b.joinedAt?.getTime() ?? 0),
    );
    for (const peer of others.slice(0, 3)) {
      if (this.#historyDone) return;
      this.#askedHistoryOf.add(peer.identity);
      try {
        const answer = await this.#room.localParticipant.performRpc({
          destinationIdentity: peer.identity,
          method: HISTORY_RPC,
          payload: '',
          responseTimeout: 5000,
        });
        if (answer === 'sent') return;
      } catch {
        // That peer has no chat (or left): ask the next.
      }
    }
  }

  async #onMessage(reader: Parameters<Parameters<Room['registerTextStreamHandler']>[1]>[0], identity: string) {
    if (!this.#rate.take(identity)) return;
    const text = await readLimited(reader, MAX_MESSAGE);
    const message = cleanText(text, MAX_MESSAGE);
    if (!message) return;
    const peer: RemoteParticipant | undefined = this.#room.remoteParticipants.get(identity);
    this.#add({
      id: String(reader.info.id).slice(0, 128),
      timestamp: Number.isFinite(reader.info.timestamp) ? reader.info.timestamp : Date.now(),
      message,
      from: { identity, name: peer?.name || identity },
    });
  }

  async #onHistory(reader: Parameters<Parameters<Room['registerTextStreamHandler']>[1]>[0], identity: string) {
    if (this.#historyDone || !this.#askedHistoryOf.has(identity)) return;
    const text = await readLimited(reader, MAX_HISTORY_CHARS);
    if (text === undefined) return;
    let list: unknown;
    try {
      list = JSON.parse(text);
    } catch {
      return;
    }
    if (!Array.isArray(list) || list.length > HISTORY_LENGTH) return;
    const messages: ChatMessage[] = [];
    for (const item of list as unknown[]) {
      const parsed = parseHistoryItem(item);
      if (parsed) messages.push(parsed);
    }
    this.#historyDone = true;
    const known = new Set(this.state.value.messages.map((m) => m.id));
    const merged = [...messages.filter((m) => !known.has(m.id)), ...this.state.value.messages].sort(
      (a, b) => a.timestamp - b.timestamp,
    );
    this.state.set({ messages: merged.slice(-500) });
  }

  #add(message: ChatMessage) {
    const messages = this.state.value.messages;
    const index = messages.findIndex((m) => m.id === message.id);
    if (index >= 0) {
      // LiveKit's chat edits a message by sending the same stream id again, from the same sender.
      const old = messages[index] as ChatMessage;
      if (old.from.identity !== message.from.identity || old.history) return;
      this.state.set({
        messages: messages.map((m, i) => (i === index ? { ...message, timestamp: old.timestamp } : m)),
      });
      return;
    }
    this.state.set({ messages: [...this.state.value.messages, message].slice(-500) });
  }
}

function parseHistoryItem(item: unknown): ChatMessage | undefined {
  if (typeof item !== 'object' || item === null) return undefined;
  const { id, timestamp, message, from } = item as Record<string, unknown>;
  const sender = typeof from === 'object' && from !== null ? (from as Record<string, unknown>) : {};
  const cleanId = cleanText(id, 128);
  const text = cleanText(message, MAX_MESSAGE);
  const identity = cleanText(sender.identity, 256);
  const name = cleanText(sender.name, 128) ?? identity;
  if (!cleanId || !text || !identity || !name || typeof timestamp !== 'number' || !Number.isFinite(timestamp)) {
    return undefined;
  }
  return { id: cleanId, timestamp, message: text, from: { identity, name }, history: true };
}
