/**
 * Chat on LiveKit's `lk.chat` text-stream topic (what LiveKit Meet and components-js use: the
 * message is the stream's text, its id and timestamp the stream's; the same id again from the
 * same sender is an edit; attachments are not shown), plus Convene's history for
 * late joiners: a newcomer asks the longest-present participant by RPC, who answers with a
 * `convene.chat.history` text stream of the last 50 messages. A peer can claim anything, so the
 * answer is checked (see `parseHistory`), the next peer asked when it fails or does not come,
 * and the view says who shared it.
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
/** How many participants a newcomer asks for the history, one after another. */
const HISTORY_PEERS = 3;
/** How long a newcomer waits for one participant's history (the RPC and the stream) before asking the next. */
export const HISTORY_WAIT = 8000;
/** How far ahead of this clock a shared message's time may be (peers' clocks differ a little). */
const CLOCK_SKEW = 60_000;

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
  /** Oldest first; the shared history (`history: true`) comes before everything said since. */
  messages: ChatMessage[];
  /** Who shared the history, when someone did. */
  historyFrom?: { identity: string; name: string };
}

/** One participant's chat in one room. */
export class ChatModel {
  readonly state = new Store<ChatState>({ messages: [] });
  #room: Room;
  #rate = new RateLimit(10, 2);
  /** The participant asked for the history now, until their answer comes (or the wait ends). */
  #asking?: { identity: string; answered: (ok: boolean) => void } | undefined;
  #disposed = false;

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
    this.#disposed = true;
    this.#asking?.answered(false);
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

  /** Asks the participants present for the history, longest-present first, until one's answer checks out. */
  async #askForHistory() {
    const local = this.#room.localParticipant;
    // Sorting is stable: those who joined in the same second stay in the order LiveKit lists them.
    const peers = [...this.#room.remoteParticipants.values()].sort(
      (a, b) => (a.joinedAt?.getTime() ?? 0) - (b.joinedAt?.getTime() ?? 0),
    );
    for (const peer of peers.slice(0, HISTORY_PEERS)) {
      if (this.#disposed) return;
      const ok = await new Promise<boolean>((resolve) => {
        const timer = setTimeout(() => resolve(false), HISTORY_WAIT);
        const asking = {
          identity: peer.identity,
          answered: (ok: boolean) => {
            clearTimeout(timer);
            resolve(ok);
          },
        };
        this.#asking = asking;
        // The answer's stream comes on HISTORY_TOPIC, before or after the RPC's 'sent'.
        local
          .performRpc({ destinationIdentity: peer.identity, method: HISTORY_RPC, payload: '', responseTimeout: 5000 })
          .then(
            (answer) => answer === 'sent' || asking.answered(false),
            // That peer has no chat (LiveKit Meet), is busy, or left: ask the next.
            () => asking.answered(false),
          );
      });
      this.#asking = undefined;
      if (ok) return;
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
    const asking = this.#asking;
    // Only the answer of the participant asked now, and only their first.
    if (!asking || asking.identity !== identity) return;
    this.#asking = undefined;
    const text = await readLimited(reader, MAX_HISTORY_CHARS);
    const messages = text === undefined ? undefined : parseHistory(text, this.#room.localParticipant.identity);
    asking.answered(Boolean(messages));
    if (!messages || this.#disposed) return;
    const known = new Set(this.state.value.messages.map((m) => m.id));
    const earlier = messages.filter((m) => !known.has(m.id));
    if (earlier.length === 0) return;
    const peer = this.#room.remoteParticipants.get(identity);
    this.state.set({
      messages: [...earlier, ...this.state.value.messages].slice(-500),
      historyFrom: { identity, name: peer?.name || identity },
    });
  }

  #add(message: ChatMessage) {
    const messages = this.state.value.messages;
    const index = messages.findIndex((m) => m.id === message.id);
    if (index >= 0) {
      // LiveKit's chat edits a message by sending the same stream id again, from the same sender.
      const old = messages[index] as ChatMessage;
      if (old.from.identity !== message.from.identity || old.history) return;
      this.state.set({
        ...this.state.value,
        messages: messages.map((m, i) => (i === index ? { ...message, timestamp: old.timestamp } : m)),
      });
      return;
    }
    this.state.set({ ...this.state.value, messages: [...messages, message].slice(-500) });
  }
}

/**
 * A peer's history answer, checked: a JSON list of at most 50 entries, each well formed (text
 * within the limits); entries dated in the future, said to be from the asker, or repeating an id
 * are dropped. `undefined` when the answer as a whole is not one, or none of its entries holds.
 */
export function parseHistory(text: string, asker: string, now = Date.now()): ChatMessage[] | undefined {
  let list: unknown;
  try {
    list = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!Array.isArray(list) || list.length > HISTORY_LENGTH) return undefined;
  const ids = new Set<string>();
  const messages: ChatMessage[] = [];
  for (const item of list as unknown[]) {
    const message = parseHistoryItem(item);
    if (!message || message.timestamp > now + CLOCK_SKEW || message.from.identity === asker || ids.has(message.id)) {
      continue;
    }
    ids.add(message.id);
    messages.push(message);
  }
  if (list.length > 0 && messages.length === 0) return undefined;
  return messages.sort((a, b) => a.timestamp - b.timestamp);
}

function parseHistoryItem(item: unknown): ChatMessage | undefined {
  if (typeof item !== 'object' || item === null) return undefined;
  const { id, timestamp, message, from } = item as Record<string, unknown>;
  const sender = typeof from === 'object' && from !== null ? (from as Record<string, unknown>) : {};
  const cleanId = cleanText(id, 128);
  const text = cleanText(message, MAX_MESSAGE);
  const identity = cleanText(sender.identity, 256);
  const name = cleanText(sender.name, 128) ?? identity;
  if (!cleanId || !text || !identity || !name || typeof timestamp !== 'number' || !(timestamp > 0)) {
    return undefined;
  }
  return { id: cleanId, timestamp, message: text, from: { identity, name }, history: true };
}
