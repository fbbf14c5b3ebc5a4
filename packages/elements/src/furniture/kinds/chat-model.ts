/**
 * Chat as LiveKit Meet and the LiveKit components speak it, through components-core's `setupChat`:
 * the `lk.chat` text stream, and the legacy `lk-chat-topic` data packets (`{ id, timestamp,
 * message }`) older LiveKit clients send and read. `setupChat` sends each message both ways (the
 * legacy copy marked `ignoreLegacy` when the server has text streams, so LiveKit's own clients skip
 * it), and a message that comes both ways shows once (the same id from the same sender is the
 * same message; again later, an edit). Around it, what Convene adds: what peers send is checked
 * (a rate per sender, text only, at most 2000 characters, legacy packets that do not parse
 * dropped), names are the server's (the participant's name), and a history for late joiners: a
 * newcomer asks the longest-present participant by RPC, who answers with a `convene.chat.history`
 * text stream of the last 50 messages they said themselves. A peer can claim anything, so the
 * answer is checked (see `parseHistory`: entries said to be someone else's are refused, so nobody
 * can put words in another's mouth), the next peer asked when it fails or does not come, and the
 * view says who shared it. A live message's time is the sender's word too: one that is not a
 * plausible time becomes the time it arrived.
 */
import { setupChat, type ChatOptions, type ReceivedChatMessage } from '@livekit/components-core';
import { RoomEvent, type Room } from 'livekit-client';
import { CHAT_TOPIC } from '@convene/server/contract';
import { Store } from '../../core/observable.js';
import { cleanText, RateLimit, readLimited } from './guard.js';

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
/** How old a live message's time may be; an older one (a wrong clock, or a made-up time) becomes its arrival time. */
const MAX_LIVE_AGE = 24 * 60 * 60_000;

/** A live message's claimed time when it is a plausible one (a number, not ahead, not long past), else `now`. */
export function liveTimestamp(claimed: unknown, now = Date.now()): number {
  return typeof claimed === 'number' &&
    Number.isFinite(claimed) &&
    claimed <= now + CLOCK_SKEW &&
    claimed >= now - MAX_LIVE_AGE
    ? claimed
    : now;
}

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

/** The largest legacy chat packet read (a message at its longest, in UTF-8, and its id and time). */
const MAX_LEGACY_BYTES = MAX_MESSAGE * 4 + 512;

/** A legacy packet as `setupChat` takes it; anything that is not a JSON object is skipped (`ignoreLegacy`). */
const decodeLegacy: NonNullable<ChatOptions['messageDecoder']> = (payload) => {
  if (payload.byteLength <= MAX_LEGACY_BYTES) {
    try {
      const value: unknown = JSON.parse(new TextDecoder().decode(payload));
      if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
        return value as ReturnType<NonNullable<ChatOptions['messageDecoder']>>;
      }
    } catch {
      // Not JSON: skipped below (setupChat's own decoder would throw and end the chat).
    }
  }
  return { ignoreLegacy: true } as ReturnType<NonNullable<ChatOptions['messageDecoder']>>;
};

/**
 * Rooms whose chat `setupChat` has set up. It does so once per room and keeps `lk.chat` until the
 * room disconnects (as LiveKit's `useChat` does), so a chat laid out again joins it.
 */
const setUp = new WeakSet<Room>();

/** One participant's chat in one room. */
export class ChatModel {
  readonly state = new Store<ChatState>({ messages: [] });
  #room: Room;
  #rate = new RateLimit(10, 2);
  #chat: ReturnType<typeof setupChat>;
  #stop: () => void;
  /** Ids for legacy packets that carry none. */
  #unnamed = 0;
  /** The participant asked for the history now, until their answer comes (or the wait ends). */
  #asking?: { identity: string; answered: (ok: boolean) => void } | undefined;
  #disposed = false;

  /**
   * Throws when another chat already runs on this room (a second Convene chat, or other code that
   * handles `lk.chat`: livekit-client allows one handler per topic).
   */
  constructor(room: Room) {
    this.#room = room;
    const undo: (() => void)[] = [];
    try {
      room.registerTextStreamHandler(HISTORY_TOPIC, (reader, { identity }) => void this.#onHistory(reader, identity));
      undo.push(() => room.unregisterTextStreamHandler(HISTORY_TOPIC));
      room.localParticipant.registerRpcMethod(HISTORY_RPC, ({ callerIdentity }) => this.#sendHistory(callerIdentity));
      undo.push(() => room.localParticipant.unregisterRpcMethod(HISTORY_RPC));
      if (!setUp.has(room)) {
        // setupChat would throw too, but only after marking the room as set up: ask first.
        room.registerTextStreamHandler(CHAT_TOPIC, () => {});
        room.unregisterTextStreamHandler(CHAT_TOPIC);
      }
    } catch (error) {
      for (const step of undo) step();
      throw error;
    }
    this.#chat = setupChat(room, { messageDecoder: decodeLegacy });
    if (!setUp.has(room)) {
      setUp.add(room);
      room.once(RoomEvent.Disconnected, () => setUp.delete(room));
    }
    // setupChat gives the whole list on each message; each entry object is new when it arrives (or is edited).
    const seen = new WeakSet<ReceivedChatMessage>();
    const subscription = this.#chat.messageObservable.subscribe((list) => {
      for (const message of list) {
        if (seen.has(message)) continue;
        seen.add(message);
        this.#onMessage(message);
      }
    });
    this.#stop = () => subscription.unsubscribe();
    void this.#askForHistory();
  }

  /** Sends a message to everyone in the room (on `lk.chat`, and on the legacy topic for older clients). */
  async send(text: string): Promise<void> {
    const message = text.trim();
    if (!message || message.length > MAX_MESSAGE) return;
    // The message shows here as setupChat hands it back (see #onMessage).
    await this.#chat.send(message);
  }

  /** Stops showing and sharing this room's chat (setupChat's handlers stay with the room until it disconnects). */
  dispose(): void {
    this.#disposed = true;
    this.#stop();
    this.#asking?.answered(false);
    this.#room.unregisterTextStreamHandler(HISTORY_TOPIC);
    this.#room.localParticipant.unregisterRpcMethod(HISTORY_RPC);
  }

  async #sendHistory(callerIdentity: string): Promise<string> {
    if (!this.#rate.take(`history:${callerIdentity}`)) return 'busy';
    // Only what this participant said: a newcomer refuses entries said to be someone else's.
    const own = this.#room.localParticipant.identity;
    const last = this.state.value.messages.filter((m) => m.from.identity === own && !m.history).slice(-HISTORY_LENGTH);
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

  /** A message from setupChat (a peer's from either topic, or this participant's own), checked. */
  #onMessage({ from, id, timestamp, message: text }: ReceivedChatMessage) {
    // Who sent it is what LiveKit says (setupChat sets `from`), never what the message claims.
    if (!from) return;
    const local = from.identity === this.#room.localParticipant.identity;
    if (!local && !this.#rate.take(from.identity)) return;
    const message = cleanText(text, MAX_MESSAGE);
    if (!message) return;
    this.#add({
      id: typeof id === 'string' && id ? id.slice(0, 128) : `unnamed-${++this.#unnamed}`,
      timestamp: liveTimestamp(timestamp),
      message,
      from: { identity: from.identity, name: from.name || from.identity },
      ...(local ? { local } : {}),
    });
  }

  async #onHistory(reader: Parameters<Parameters<Room['registerTextStreamHandler']>[1]>[0], identity: string) {
    const asking = this.#asking;
    // Only the answer of the participant asked now, and only their first.
    if (!asking || asking.identity !== identity) return;
    this.#asking = undefined;
    const text = await readLimited(reader, MAX_HISTORY_CHARS);
    const messages = text === undefined ? undefined : parseHistory(text, identity);
    asking.answered(Boolean(messages));
    if (!messages || this.#disposed) return;
    const known = new Set(this.state.value.messages.map((m) => m.id));
    const peer = this.#room.remoteParticipants.get(identity);
    // The sharer's name is the server's (LiveKit's), not the one the entries claim.
    const name = peer?.name || identity;
    const earlier = messages.filter((m) => !known.has(m.id)).map((m) => ({ ...m, from: { identity, name } }));
    if (earlier.length === 0) return;
    this.state.set({
      messages: [...earlier, ...this.state.value.messages].slice(-500),
      historyFrom: { identity, name },
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
 * within the limits); entries dated in the future, said to be from anyone but `sharer` (the
 * participant LiveKit says sent the answer), or repeating an id are dropped. `undefined` when the
 * answer as a whole is not one, or none of its entries holds.
 */
export function parseHistory(text: string, sharer: string, now = Date.now()): ChatMessage[] | undefined {
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
    if (!message || message.timestamp > now + CLOCK_SKEW || message.from.identity !== sharer || ids.has(message.id)) {
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
