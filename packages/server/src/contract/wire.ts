/**
 * The wire names and answers, written once for the server and the elements: participant
 * attributes, room-metadata keys, topics, the slug and kind patterns, the LiveKit room naming, the
 * embed host rule, the error codes and the shapes of every answer. No zod, no Node.
 */

// ── Rooms ───────────────────────────────────────────────────────────────────────────────────

export const ROOM_ACCESS = ['public', 'locked', 'members'] as const;
export type RoomAccess = (typeof ROOM_ACCESS)[number];

export const PUBLISH_POLICIES = ['everyone', 'moderators'] as const;
export type PublishPolicy = (typeof PUBLISH_POLICIES)[number];

/**
 * End-to-end encryption (`e2ee` in a room's config). `passphrase`: video, audio and chat are
 * encrypted in the browsers with a key the visitors share (an invite link's `#convene_key=…`
 * fragment, or a passphrase typed in pre-join); it never reaches the Convene server or LiveKit.
 */
export const E2EE_MODES = ['passphrase'] as const;
export type E2eeMode = (typeof E2EE_MODES)[number];

/** The URL fragment parameter that carries an encrypted room's key (`#convene_key=…`); fragments never reach a server. */
export const E2EE_KEY_PARAM = 'convene_key';

/** A space, room or table slug: lowercase letters, digits and inner dashes, 1–48 characters. */
export const SLUG_PATTERN = /^[a-z0-9](?:[a-z0-9-]{0,46}[a-z0-9])?$/;
export const SLUG_HINT = '1–48 lowercase letters, digits and inner dashes (e.g. "river-coop")';

/** A furniture kind: a lowercase letter, then letters, digits and dashes, at most 40 characters. */
export const KIND_PATTERN = /^[a-z][a-z0-9-]{0,39}$/;

/** The LiveKit room that holds a Convene room. */
export function livekitRoomName(space: string, room: string): string {
  return `${space}/${room}`;
}

/** The LiveKit room of one of a room's breakout tables. */
export function tableRoomName(space: string, room: string, table: string): string {
  return `${livekitRoomName(space, room)}/${table}`;
}

/** The space a LiveKit room belongs to (`''` when the name is not one of Convene's). */
export function spaceOfLivekitRoom(name: string): string {
  const slash = name.indexOf('/');
  return slash > 0 ? name.slice(0, slash) : '';
}

// ── People ──────────────────────────────────────────────────────────────────────────────────

export type ParticipantRole = 'guest' | 'member' | 'moderator';

/** The participant attribute holding the role the server gave: `guest`, `member` or `moderator`. */
export const ROLE_ATTRIBUTE = 'convene.role';
/** The participant attribute holding the server's signature over a moderator's role. */
export const ROLE_PROOF_ATTRIBUTE = 'convene.role-proof';
/** The participant attribute hand-raise furniture keeps the time a hand went up in (empty: down). */
export const HAND_ATTRIBUTE = 'convene.hand';
/** The participant attribute holding the slug of the breakout table someone sits at (empty: none). */
export const TABLE_ATTRIBUTE = 'convene.table';
/** The key of the room metadata (JSON, set by the server) naming who is in the spotlight. */
export const SPOTLIGHT_METADATA_KEY = 'convene.spotlight';

/** Who a LiveKit room's metadata (JSON, written by the server) names as in the spotlight; `''` for nobody or metadata not ours. */
export function spotlightOf(metadata: string | undefined): string {
  try {
    const value: unknown = JSON.parse(metadata || '{}');
    const identity =
      value && typeof value === 'object' ? (value as Record<string, unknown>)[SPOTLIGHT_METADATA_KEY] : '';
    return typeof identity === 'string' ? identity : '';
  } catch {
    return ''; // not JSON: another app's metadata
  }
}

/**
 * Characters a display name may not carry: control characters (C0, DEL, C1, except the
 * whitespace ones, which become spaces), bidi marks and overrides (U+061C, U+200E–U+200F,
 * U+202A–U+202E, U+2066–U+2069), zero-width characters and every other default-ignorable code
 * point — among them the invisible fillers U+115F, U+1160, U+3164, U+FFA0 and U+180E, which let a
 * name look empty or pass for someone else's.
 */
const INVISIBLE_CHARACTERS =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000e-\u001f\u007f-\u0084\u0086-\u009f\u061c]|\p{Default_Ignorable_Code_Point}/gu;

/**
 * What counts as a space between words: every Unicode white space (tab, line breaks, U+2028 and
 * U+2029, no-break and ideographic spaces…) and the blank braille pattern U+2800, which shows as
 * nothing but keeps braille words apart. A run of them becomes one space.
 */
const SPACES = /[\s\u0085\u2800]+/gu;

/** Emoji presentation selectors, kept once right after a visible character (❤️), dropped anywhere else. */
const VARIATION_SELECTORS = new Set(['\ufe0e', '\ufe0f']);

/**
 * Cleans a display name: NFC, no control or invisible characters, each run of white space one
 * space, trimmed. An empty result means there was no name.
 */
export function sanitiseName(value: string): string {
  return value
    .normalize('NFC')
    .replace(INVISIBLE_CHARACTERS, (character: string, offset: number, whole: string) => {
      if (!VARIATION_SELECTORS.has(character)) return '';
      const before = [...whole.slice(Math.max(0, offset - 2), offset)].pop() ?? '';
      const visible = before !== '' && !/[\s\u2800]|\p{Default_Ignorable_Code_Point}|\p{Cc}/u.test(before);
      return visible ? character : '';
    })
    .replace(SPACES, ' ')
    .trim()
    .normalize('NFC');
}

/** The longest display name, in characters. */
export const MAX_NAME_LENGTH = 64;

/**
 * The request header a browser sends a member pass in (a JWT the host site signed). A header,
 * never a URL: it stays out of logs, history and referrers. Cross-origin, it needs a preflight.
 */
export const PASS_HEADER = 'Convene-Pass';

// ── Topics ──────────────────────────────────────────────────────────────────────────────────

/** Chat: LiveKit's text-stream topic (LiveKit Meet and components-js send and read it). */
export const CHAT_TOPIC = 'lk.chat';
/** Chat as older LiveKit clients send it: a data packet on this topic. */
export const LEGACY_CHAT_TOPIC = 'lk-chat-topic';

// ── Embeds ──────────────────────────────────────────────────────────────────────────────────

/**
 * Whether `url` may be embedded: https, no user name or password in it, and a host that is one of
 * `hosts` (`*.example.org` matching its subdomains, not itself), compared without case. The
 * server checks the config with it, the `embed` furniture checks the page's settings with it.
 */
export function embedHostAllowed(url: string, hosts: readonly string[]): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol !== 'https:' || parsed.username || parsed.password) return false;
  const host = parsed.hostname.toLowerCase();
  return hosts.some((entry) => {
    const allowed = entry.toLowerCase();
    return allowed.startsWith('*.') ? host.endsWith(allowed.slice(1)) : host === allowed;
  });
}

// ── Moderation ──────────────────────────────────────────────────────────────────────────────

/**
 * `mute` and `remove` someone; `lower-hand` (hand-raise furniture); `spotlight` and
 * `unspotlight` (spotlight furniture: pins `identity` to everyone's stage through the room's
 * metadata; anyone may, when the room's spotlight says `anyone: true`); `bring-up` and
 * `send-back` (stage rooms: someone in the audience onto the stage, a speaker back to the audience;
 * their LiveKit permissions change live and `STAGE_ATTRIBUTE` says where they are).
 */
export const MODERATION_ACTIONS = [
  'mute',
  'remove',
  'lower-hand',
  'spotlight',
  'unspotlight',
  'bring-up',
  'send-back',
] as const;
export type ModerationAction = (typeof MODERATION_ACTIONS)[number];

export interface ModerationResponse {
  action: ModerationAction;
  identity: string;
  /** For `bring-up` and `send-back`: whether the person is on the stage now. */
  on_stage?: boolean;
  /** For `mute`: the microphone tracks that were muted. */
  muted?: string[];
  /** For `remove` with `keep_out`: the person cannot get a token for this room until the meeting ends. */
  kept_out?: boolean;
}

/**
 * `POST /api/spaces/:space/rooms/:room/role`, with the caller's LiveKit token as Bearer (and its
 * pass, or `{ "moderator_code": ... }` for a moderator by code): the server decides the caller's
 * role afresh and writes it (with a new proof that expires with a token) on the participant.
 */
export interface RoleResponse {
  role: ParticipantRole;
  moderator: boolean;
  /** ISO 8601: when the moderator proof just written stops counting (renew before then). */
  expires_at?: string;
}

// ── A person's own state ────────────────────────────────────────────────────────────────────

/**
 * `POST /api/spaces/:space/rooms/:room/hand` with `{ "up": true | false }` (hand-raise furniture):
 * the server writes `HAND_ATTRIBUTE`, with its own clock's time when the hand goes up.
 */
export interface HandResponse {
  up: boolean;
  /** When the hand went up (ms since the epoch, the server's clock); absent when it is down. */
  raised_at?: number;
}

/**
 * `POST /api/spaces/:space/rooms/:room/seat` with `{ "table": "<slug>" | "" }` (breakout-tables
 * furniture): the server writes `TABLE_ATTRIBUTE`, for a table the room lists (`""`: none).
 */
export interface SeatResponse {
  table: string;
}

// ── Stage rooms ─────────────────────────────────────────────────────────────────────────────

/**
 * In a stage room (`stage: true` in the room's config): `"speaker"` on everyone on the stage
 * (moderators from their token; others while a moderator has brought them up), absent or `""` in the
 * audience. Written by the Convene server only; the audience cannot publish (LiveKit's grant).
 */
export const STAGE_ATTRIBUTE = 'convene.stage';

/**
 * `POST /api/spaces/:space/rooms/:room/stage` with `{ "on_stage": false }` and the caller's LiveKit
 * token as Bearer: a speaker steps down to the audience (bringing up is a moderator's `bring-up`).
 */
export interface StageResponse {
  identity: string;
  on_stage: boolean;
}

// ── Polls ───────────────────────────────────────────────────────────────────────────────────

/**
 * The data topic on which the Convene server (never a peer: LiveKit gives its packets no
 * participant) tells a room a poll's new public state, `{ "poll": Poll }`, after every change.
 */
export const POLL_TOPIC = 'convene.poll';

/** `choice`: the asker's choices (one, or several); `consent`: consent / concern / object; `fist`: fist-of-five, 0–5. */
export const POLL_TYPES = ['choice', 'consent', 'fist'] as const;
export type PollType = (typeof POLL_TYPES)[number];
/** A consent round's answers, in the order a vote's `choices` index them. */
export const CONSENT_ANSWERS = ['consent', 'concern', 'object'] as const;
/** `named`: everyone sees who chose what; `secret`: the server keeps who voted and the tallies, never who chose what. */
export const POLL_BALLOTS = ['named', 'secret'] as const;
export type PollBallot = (typeof POLL_BALLOTS)[number];
/** When the results show: as votes come in (`live`), or once the poll is closed (`closed`). */
export const POLL_RESULTS = ['live', 'closed'] as const;
export type PollResults = (typeof POLL_RESULTS)[number];
/** The longest question, number of choices, choice and reason, in characters. */
export const POLL_LIMITS = { question: 300, choices: 10, choice: 100, reason: 500 } as const;
/**
 * A secret ballot's live results move in steps of this many votes (the count of voters with them):
 * nobody can match a change in the tallies to the person who has just clicked.
 */
export const SECRET_BATCH = 3;

/** `POST /api/spaces/:space/rooms/:room/polls` (a moderator, or anyone in the room when its poll says `anyone: true`). */
export interface PollRequest {
  type: PollType;
  question: string;
  /** For `choice`: 2–10 choices. */
  choices?: string[];
  /** For `choice`: several may be chosen. */
  multiple?: boolean;
  ballot: PollBallot;
  results: PollResults;
}

/** `POST .../polls/:id/votes`: the options chosen, by index (one, or several for a `multiple` choice); a reason for `consent`. */
export interface VoteRequest {
  choices: number[];
  reason?: string;
}

/** One named vote as everyone sees it (named ballots only): the server's name for the voter. */
export interface NamedVote {
  identity: string;
  name: string;
  choices: number[];
  reason?: string;
}

/** A poll's public state: what the room is told (`POLL_TOPIC`) and every caller may see. */
export interface Poll {
  id: string;
  type: PollType;
  question: string;
  /** The options, in the order votes index them: the asker's choices, the consent answers, or "0"–"5". */
  options: string[];
  multiple: boolean;
  ballot: PollBallot;
  results: PollResults;
  /** Who asked (the server's name). */
  asker: { identity: string; name: string };
  /** ISO 8601. */
  asked_at: string;
  /** ISO 8601, once closed; closing freezes the results. */
  closed_at?: string;
  /** How many have voted (a secret ballot's live results: how many the tallies count, in steps of `SECRET_BATCH`). */
  voters: number;
  /** Votes per option, when the results show (live, or once closed). */
  tallies?: number[];
  /** Named ballots, when the results show: who chose what. */
  votes?: NamedVote[];
  /** Secret consent rounds, when the results show: the reasons given, by answer, without names, in no voter's order. */
  reasons?: { choice: number; text: string }[];
}

/** A poll as one caller sees it (`GET .../polls`, and the answer to create, vote and close). */
export interface PollView extends Poll {
  /** Whether this caller has voted. */
  you_voted: boolean;
  /** Named ballots: what this caller chose (a secret ballot's choice is kept nowhere). */
  your_choices?: number[];
}

/** `GET /api/spaces/:space/rooms/:room/polls`: the room's polls, newest first. */
export interface PollList {
  polls: PollView[];
  /** Whether this caller may ask a question. */
  may_ask: boolean;
}

// ── Errors ──────────────────────────────────────────────────────────────────────────────────

export const ERROR_CODES = [
  'invalid_request',
  'access_code_required',
  'access_code_invalid',
  'members_only',
  'space_not_found',
  'room_not_found',
  'participant_not_found',
  'not_found',
  'room_full',
  'payload_too_large',
  'unsupported_media_type',
  'rate_limited',
  'forbidden',
  'unauthorized',
  'origin_not_allowed',
  'livekit_unavailable',
  'internal_error',
  'pass_invalid',
  'pass_unknown_key',
  'pass_expired',
  'pass_not_yet_valid',
  'pass_too_long',
  'pass_wrong_space',
  'pass_not_accepted',
  'pass_keys_unavailable',
  'knock_required',
  'knock_not_needed',
  'knock_not_found',
  'knock_not_admitted',
  'invite_invalid',
  'kept_out',
  'store_unavailable',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** Every refusal the server sends. */
export interface ErrorBody {
  error: {
    code: ErrorCode;
    message: string;
    /** For `invalid_request`: where and what. */
    issues?: { path: string; message: string }[];
  };
}

// ── Answers ─────────────────────────────────────────────────────────────────────────────────

/** A piece of furniture as the directory and the token response carry it. */
export interface FurnitureEntry {
  kind: string;
  label?: string;
  /** The kind's settings, validated and with defaults filled in. */
  settings: Record<string, unknown>;
}

/** The token endpoint's answer: LiveKit's standard fields plus Convene's own. */
export interface TokenResponse {
  server_url: string;
  participant_token: string;
  identity: string;
  name: string;
  space: string;
  room: string;
  /** The LiveKit room the token is for. */
  livekit_room: string;
  /** ISO 8601 time after which the token no longer admits anyone. */
  expires_at: string;
  /** Whether the token carries the moderator role (see the moderation endpoint). */
  moderator: boolean;
  furniture: FurnitureEntry[];
  /** The hosts `embed` furniture may show pages from (the space's `embedHosts`). */
  embed_hosts: string[];
  /** In a stage room: where this visitor starts, on the stage (moderators) or in the audience. */
  stage?: 'speaker' | 'audience';
  /** The room is end-to-end encrypted: the browser encrypts with the visitors' key (absent: it is not). */
  e2ee?: E2eeMode;
  /**
   * For a guest: the server-signed id of this browser, to send back as `guest_id` in later token
   * requests (so "remove and keep out" recognises it). Kept by the elements in localStorage.
   */
  guest_id?: string;
}

// ── Doors: knock, lock, invite, keep out ────────────────────────────────────────────────────

/** `POST /api/spaces/:space/rooms/:room/knocks`: a visitor asks to come in. */
export interface KnockResponse {
  /** The knock's id, in the URL of its stream and of a moderator's answer. */
  knock_id: string;
  /** The knocker's proof (`Authorization: Bearer <knock_secret>` on its stream; `knock` in the token request). */
  knock_secret: string;
  /** The name the knocker typed (cleaned), as moderators see it. */
  name: string;
  /** The moderators in the room now, by name (the server's word): who the visitor waits for. */
  hosts: string[];
  /** After this many seconds without an answer the knock ends as `unanswered`. */
  timeout_seconds: number;
}

export const KNOCK_STATES = ['waiting', 'admitted', 'denied', 'unanswered', 'cancelled'] as const;
export type KnockState = (typeof KNOCK_STATES)[number];

/** Each `knock` event on the knocker's own stream (`GET .../knocks/:id/events`). */
export interface KnockStatus {
  state: KnockState;
  /** Who can answer now (moderators in the room), by name. */
  hosts: string[];
}

/** One knock as moderators see it. */
export interface Knock {
  id: string;
  name: string;
  /** When it began (ISO 8601, the server's clock): the queue's order. */
  since: string;
}

/** `GET .../rooms/:room/knocks` and each `knocks` event of a moderator's stream. */
export interface KnockList {
  room: string;
  knocks: Knock[];
  /**
   * On the room's own stream (`.../rooms/:room/knocks/events`) only: whether a moderator has the
   * room locked now, so that every moderator in the room sees a lock another one set or lifted.
   */
  locked_by_moderator?: boolean;
}

/** `POST .../rooms/:room/lock` with `{ "locked": boolean }`. */
export interface LockResponse {
  locked: boolean;
  /** The moderator who locked it, by name (when locked). */
  by?: string;
}

export const INVITE_USES = ['single', 'multi'] as const;
export type InviteUses = (typeof INVITE_USES)[number];

/** An invite as listed (`GET .../invites`): everything but the secret. */
export interface InviteSummary {
  id: string;
  room: string;
  uses: InviteUses;
  /** ISO 8601. */
  expires_at: string;
  /** Who made it, by name. */
  by: string;
}

/** `POST .../rooms/:room/invites`: the new invite, with the secret that goes into the link. */
export interface Invite extends InviteSummary {
  /** Goes into the link (`?convene_invite=<secret>`) and into the token request's `invite`. */
  secret: string;
}

/** Someone kept out of a room until its meeting ends (`GET .../bans`). */
export interface KeptOut {
  /** What `DELETE .../bans/:key` takes to let them back. */
  key: string;
  name: string;
  /** ISO 8601. */
  since: string;
}

/** The URL query parameter an invite link carries. */
export const INVITE_PARAM = 'convene_invite';

export interface DirectoryPerson {
  identity: string;
  name: string;
}

/** Who is in one room now, as this visitor may see it. */
export interface RoomPresence {
  slug: string;
  /** How many people are in the room now. */
  count: number;
  /** Who is in the room now: public rooms only; in a stage room, only the speakers. */
  people?: DirectoryPerson[];
  /** A stage room: how many of `count` are on the stage ("3 speaking · 240 watching"). */
  speaking?: number;
  /** A moderator has locked the room for the rest of this meeting: newcomers knock. */
  locked_by_moderator?: boolean;
}

export interface DirectoryRoom extends RoomPresence {
  name: string;
  description?: string;
  access: RoomAccess;
  /** Visitors without a code or membership may knock to ask to come in (absent: they may not). */
  knock?: boolean;
  /** A stage room: a few speakers, everyone else watching (absent: an ordinary room). */
  stage?: boolean;
  /** End-to-end encrypted: visitors need the room's key (absent: not encrypted). */
  e2ee?: E2eeMode;
  capacity?: number;
  furniture: FurnitureEntry[];
}

/** `GET /api/spaces/:space` */
export interface Directory {
  space: string;
  name: string;
  entrance: string;
  rooms: DirectoryRoom[];
  /** Whether the server could ask LiveKit who is where. */
  presence: 'live' | 'unavailable';
  /** The host site says this visitor moderates the space's rooms: the directory offers them its door (knocks). */
  moderator?: boolean;
}

/** The data of each `presence` event on `GET /api/spaces/:space/events`: the directory's rooms' presence. */
export interface PresenceEvent {
  space: string;
  presence: 'live' | 'unavailable';
  rooms: RoomPresence[];
}

/** `GET /healthz` */
export interface Health {
  ok: boolean;
  livekit: 'reachable' | 'unreachable';
  /** The server's store: `memory` (one copy), or Redis, `reachable` or not. */
  store: 'memory' | 'reachable' | 'unreachable';
}
