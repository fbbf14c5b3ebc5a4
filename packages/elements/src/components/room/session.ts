/**
 * What a view uses of a visitor's session in one Convene room: the `ConveneSession` interface and
 * the values it publishes. `RoomSession` (room-session.ts) is the real one, on LiveKit; the
 * fixture session (src/testing/fixture-session.ts) plays any state without a server.
 */
import type { LocalAudioTrack, LocalVideoTrack, Room } from 'livekit-client';
import type { ModerationAction, TokenResponse } from '../../core/api.js';
import type { PassSource } from '../../core/pass.js';
import type { ErrorKey } from '../../i18n/strings.js';
import type { MediaProblem } from './media-preview.js';

/** Why a visitor is no longer in the room. */
export const LEFT_REASONS = ['left', 'removed', 'room-closed', 'connection-lost', 'duplicate'] as const;
export type LeftReason = (typeof LEFT_REASONS)[number];

export type ConnectionQualityName = 'excellent' | 'good' | 'poor' | 'lost' | 'unknown';

/**
 * What reaches the visitor of someone: `live` (their media arrives, or there is none to judge),
 * `stalled` (it stopped arriving: their connection is gone, LiveKit may not know yet) or
 * `reconnecting` (the visitor's own connection to the video service is being made again, and they
 * were in the call).
 */
export type Liveness = 'live' | 'stalled' | 'reconnecting';

/**
 * What a view does with a track: attach it to a new media element, and detach it. LiveKit's
 * `Track` is one; a stand-in (a canvas's `captureStream()` in the stories) can be another.
 */
export interface MediaTrack {
  attach(): HTMLMediaElement;
  detach(element: HTMLMediaElement): unknown;
}

export interface ParticipantView {
  identity: string;
  name: string;
  isLocal: boolean;
  isSpeaking: boolean;
  /** When they last spoke (ms since the epoch), 0 if never. */
  lastSpokeAt: number;
  /** When they joined (ms since the epoch). */
  joinedAt: number;
  microphoneOn: boolean;
  cameraOn: boolean;
  /** As the visitor should see it: LiveKit's score, corrected by what actually arrives (see liveness.ts). */
  connectionQuality: ConnectionQualityName;
  /** Whether their media reaches the visitor now (see `Liveness`); absent means `live`. */
  liveness?: Liveness;
  /** The camera track, when one is published, unmuted and subscribed. */
  video?: MediaTrack;
  /** A remote participant's microphone track, to play. */
  audio?: MediaTrack;
  /** The participant's screen share, when they share. */
  screen?: MediaTrack;
  /** A remote participant's screen-share sound, to play. */
  screenAudio?: MediaTrack;
  /** In a stage room (issue 17): on the stage, or watching; absent in an ordinary room. */
  stage?: StagePlace;
  /** When their hand went up (the server's clock, ms since the epoch), while it is up. */
  handRaisedAt?: number;
  /** In an encrypted room (issue 15): their media does not decrypt with the visitor's key; absent when it does. */
  undecryptable?: boolean;
}

/** Where someone is in a stage room: on the stage (may publish) or in the audience (watches). */
export type StagePlace = 'speaker' | 'audience';

export type SessionState =
  | { phase: 'idle' }
  | { phase: 'connecting' }
  | { phase: 'connected'; identity: string }
  | { phase: 'reconnecting'; identity: string }
  | { phase: 'left'; reason: LeftReason }
  | { phase: 'error'; code: ErrorKey; message: string; retryAfterSeconds?: number };

/** The visitor's own media in the room. */
export interface MediaState {
  /** False when the browser blocked sound until the visitor interacts (see `startAudio()`). */
  canPlaybackAudio: boolean;
  cameraProblem?: MediaProblem;
  microphoneProblem?: MediaProblem;
  screenShareFailed?: boolean;
  devices: Record<'videoinput' | 'audioinput' | 'audiooutput', MediaDeviceInfo[]>;
  active: Partial<Record<'videoinput' | 'audioinput' | 'audiooutput', string>>;
}

/** Someone arrived in or left the room; `initial` marks those already there when the visitor joined. */
export interface ParticipantChange {
  type: 'joined' | 'left';
  identity: string;
  name: string;
  initial?: boolean;
}

export interface SessionOptions {
  server: string;
  space: string;
  room: string;
  /** Where the visitor's member pass comes from, when the page gives one; the token request carries it. */
  passes?: PassSource;
}

export interface JoinOptions {
  name: string;
  accessCode?: string;
  /** Door control (issue 13): an admitted knock, an invite link's secret, this browser's signed guest id. */
  knock?: { id: string; secret: string } | undefined;
  invite?: string | undefined;
  guestId?: string | undefined;
  /** Publish the camera (default true). */
  camera?: boolean;
  /** Publish the microphone (default true). */
  microphone?: boolean;
  /** Live tracks from pre-join, published as they are. */
  tracks?: { camera?: LocalVideoTrack; microphone?: LocalAudioTrack };
  /** Chosen devices, for tracks the session starts itself. */
  devices?: { videoinput?: string; audioinput?: string };
  /**
   * An encrypted room's key (issue 15): the passphrase typed in pre-join or the invite link's
   * fragment. Kept in memory only, by LiveKit's key provider; never sent in a request.
   */
  e2eeKey?: string | undefined;
}

/**
 * What pre-join knows while the visitor is still there (issue 19), for `prepare()`: enough to ask
 * for the token early when asking has no side effect. Without `name`, only the video client readies.
 */
export interface PrepareOptions {
  /**
   * The name pre-join shows now, to ask for the token with (a join with another name asks
   * afresh). Given only when the token request uses nothing up: a room that needs no code, no
   * invite, no knock and no capacity check.
   */
  name?: string;
  /** This browser's signed guest id, as the join's token request will carry it. */
  guestId?: string | undefined;
}

/** An encrypted room's state, as the visitor sees it (issue 15). */
export interface E2eeStatus {
  /** The visitor's media and chat are end-to-end encrypted. */
  encrypted: boolean;
  /** Someone's media here does not decrypt, and nobody's does: the visitor's key is probably not the others'. */
  keyMismatch: boolean;
}

/** Happenings to hear (an `Emitter` is one). */
export interface Subscribable<T> {
  subscribe(listener: (value: T) => void): () => void;
}

/** A value to read now and watch for changes (a `Store` is one). */
export interface Readable<T> extends Subscribable<T> {
  readonly value: T;
}

/** Someone's emoji reaction, floated over their tile for a few seconds. */
export interface Reaction {
  identity: string;
  emoji: string;
}

/**
 * What `<convene-room>` and `RoomController` use of a session. `RoomSession` is the real one; a
 * stand-in (the stories' fixtures, a test, a host with its own transport) implements this to play
 * any state without a server.
 */
export interface ConveneSession {
  readonly options: SessionOptions;
  readonly state: Readable<SessionState>;
  readonly participants: Readable<ParticipantView[]>;
  readonly media: Readable<MediaState>;
  readonly changes: Subscribable<ParticipantChange>;
  /** Who is pinned to everyone's stage (the room's spotlight, from the room metadata the server writes under SPOTLIGHT_METADATA_KEY); '' for nobody. */
  readonly spotlight: Readable<string>;
  /** Reactions to float over tiles; furniture reports each one it sends or receives through `showReaction`. */
  readonly reactions: Subscribable<Reaction>;
  /** In an encrypted room (issue 15): whether it is encrypted, and whether the visitor's key seems not to be the others'. */
  readonly e2ee?: Readable<E2eeStatus>;
  /** The LiveKit room once joined, for furniture; a stand-in may have none. */
  readonly room: Room | undefined;
  /** The server's answer for this visit (identity, moderator, furniture), once joined. */
  readonly token: TokenResponse | undefined;
  /** The LiveKit token now, LiveKit's refresh of `token`'s, for calls to the Convene server; a stand-in may have none. */
  readonly bearer?: string;
  /** Whether the visitor may mute and remove others. */
  readonly isModerator: boolean;
  /**
   * Readies a join while the visitor is in pre-join, without joining or publishing: loads the video
   * client, asks for the token (for `name`, when given) and warms the connection to LiveKit. Called
   * again as pre-join changes (the name typed); `join()` uses what it readied only when it was asked
   * for the very same request. A stand-in may leave it out.
   */
  prepare?(prepare: PrepareOptions): void;
  /** Joins; resolves in the room, rejects with the refusal (the state says it too). */
  join(join: JoinOptions): Promise<void>;
  leave(): Promise<void>;
  setMicrophone(on: boolean): Promise<void>;
  setCamera(on: boolean): Promise<void>;
  setScreenShare(on: boolean): Promise<void>;
  switchDevice(kind: 'videoinput' | 'audioinput' | 'audiooutput', deviceId: string): Promise<void>;
  moderate(action: ModerationAction, identity: string): Promise<void>;
  /** Starts sound the browser blocked; call from a click. */
  startAudio(): Promise<void>;
  showReaction(reaction: Reaction): void;
  /**
   * In a stage room (issue 17): where the visitor is now, as LiveKit's permissions say (they change
   * live when a moderator brings them up or sends them back); absent or `undefined` in an ordinary room.
   */
  readonly stage?: Readable<StagePlace | undefined>;
  /** On the stage: publishes the device check's choices (its live tracks as they are). */
  goOnStage?(choice: StageMedia): Promise<void>;
  /** On the stage: back to the audience (the Convene server takes the permission to publish away). */
  stepDown?(): Promise<void>;
  /** A moderator in the audience (after stepping down): back on the stage. */
  stepUp?(): Promise<void>;
  /** In the audience: asks to speak, or no longer (the visitor's raised hand, written by the Convene server). */
  askToSpeak?(up: boolean): Promise<void>;
}

/** What a brought-up visitor chose in the device check. */
export interface StageMedia {
  camera: boolean;
  microphone: boolean;
  tracks?: { camera?: LocalVideoTrack; microphone?: LocalAudioTrack };
  devices?: { videoinput?: string; audioinput?: string };
}
