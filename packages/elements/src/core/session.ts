/**
 * A visitor's session in one Convene room: plain TypeScript, no view. It asks the Convene server
 * for a token, connects to LiveKit, and publishes what a view needs as one observable state.
 *
 * `livekit-client` is imported dynamically, so a page loads it only when someone joins.
 */
import type { DisconnectReason, Participant, RemoteTrack, Room, Track, TrackPublication } from 'livekit-client';
import { ConveneApiError, fetchToken, type ErrorCode } from './api.js';
import { Store } from './observable.js';

/** Why a visitor is no longer in the room. */
export const LEFT_REASONS = ['left', 'removed', 'room-closed', 'connection-lost', 'duplicate', 'unknown'] as const;
export type LeftReason = (typeof LEFT_REASONS)[number];

export interface ParticipantView {
  identity: string;
  name: string;
  isLocal: boolean;
  isSpeaking: boolean;
  microphoneOn: boolean;
  cameraOn: boolean;
  /** The camera track, when one is published and subscribed. */
  video?: Track;
  /** A remote participant's microphone track, to play. */
  audio?: Track;
}

export type SessionState =
  | { phase: 'idle' }
  | { phase: 'connecting' }
  | { phase: 'connected'; identity: string }
  | { phase: 'reconnecting'; identity: string }
  | { phase: 'left'; reason: LeftReason }
  | { phase: 'error'; code: ErrorCode | 'network' | 'bad_response' | 'livekit_unreachable'; message: string };

export interface SessionOptions {
  server: string;
  space: string;
  room: string;
}

export interface JoinOptions {
  name: string;
  accessCode?: string;
  camera?: boolean;
  microphone?: boolean;
}

type LivekitModule = typeof import('livekit-client');

let livekitModule: Promise<LivekitModule> | undefined;
/** Loads livekit-client once per page, on first need. */
export function loadLivekit(): Promise<LivekitModule> {
  livekitModule ??= import('livekit-client');
  return livekitModule;
}

export class RoomSession {
  readonly state = new Store<SessionState>({ phase: 'idle' });
  readonly participants = new Store<ParticipantView[]>([]);
  #room: Room | undefined;
  #leaving = false;

  constructor(readonly options: SessionOptions) {}

  /** The LiveKit room, once joined; for furniture and advanced use. */
  get room(): Room | undefined {
    return this.#room;
  }

  async join(join: JoinOptions): Promise<void> {
    if (this.#room) return;
    this.#leaving = false;
    this.state.set({ phase: 'connecting' });
    let token;
    try {
      token = await fetchToken({
        ...this.options,
        name: join.name,
        ...(join.accessCode ? { accessCode: join.accessCode } : {}),
      });
    } catch (error) {
      const apiError =
        error instanceof ConveneApiError
          ? error
          : new ConveneApiError('network', 'Could not reach the Convene server.');
      this.state.set({ phase: 'error', code: apiError.code, message: apiError.message });
      throw apiError;
    }
    const { Room, RoomEvent, DisconnectReason: reasons } = await loadLivekit();
    const room = new Room({ adaptiveStream: true, dynacast: true });
    this.#room = room;
    const refresh = () => this.#refresh();
    room
      .on(RoomEvent.ParticipantConnected, refresh)
      .on(RoomEvent.ParticipantDisconnected, refresh)
      .on(RoomEvent.TrackSubscribed, refresh)
      .on(RoomEvent.TrackUnsubscribed, refresh)
      .on(RoomEvent.TrackMuted, refresh)
      .on(RoomEvent.TrackUnmuted, refresh)
      .on(RoomEvent.LocalTrackPublished, refresh)
      .on(RoomEvent.LocalTrackUnpublished, refresh)
      .on(RoomEvent.ActiveSpeakersChanged, refresh)
      .on(RoomEvent.Reconnecting, () =>
        this.state.set({ phase: 'reconnecting', identity: room.localParticipant.identity }),
      )
      .on(RoomEvent.Reconnected, () => this.state.set({ phase: 'connected', identity: room.localParticipant.identity }))
      .on(RoomEvent.Disconnected, (reason) => this.#disconnected(leftReason(reason, reasons)));
    try {
      await room.connect(token.server_url, token.participant_token);
    } catch (error) {
      this.#room = undefined;
      this.state.set({
        phase: 'error',
        code: 'livekit_unreachable',
        message: `Could not connect to the video server (${(error as Error).message}).`,
      });
      throw error;
    }
    this.state.set({ phase: 'connected', identity: room.localParticipant.identity });
    this.#refresh();
    await Promise.allSettled([
      join.camera !== false ? room.localParticipant.setCameraEnabled(true) : undefined,
      join.microphone !== false ? room.localParticipant.setMicrophoneEnabled(true) : undefined,
    ]);
    this.#refresh();
  }

  async leave(): Promise<void> {
    const room = this.#room;
    if (!room) return;
    this.#leaving = true;
    await room.disconnect(true);
  }

  async setMicrophone(on: boolean): Promise<void> {
    await this.#room?.localParticipant.setMicrophoneEnabled(on);
    this.#refresh();
  }

  async setCamera(on: boolean): Promise<void> {
    await this.#room?.localParticipant.setCameraEnabled(on);
    this.#refresh();
  }

  #disconnected(reason: LeftReason) {
    this.#room = undefined;
    this.participants.set([]);
    this.state.set({ phase: 'left', reason: this.#leaving ? 'left' : reason });
  }

  #refresh() {
    const room = this.#room;
    if (!room) return;
    const all: Participant[] = [room.localParticipant, ...room.remoteParticipants.values()];
    this.participants.set(all.map((p) => view(p, p === room.localParticipant)));
  }
}

function cameraTrack(publication: TrackPublication | undefined): Track | undefined {
  const track = publication?.track as RemoteTrack | Track | undefined;
  return track && !publication?.isMuted ? track : undefined;
}

function view(participant: Participant, isLocal: boolean): ParticipantView {
  // Track.Source.Camera === 'camera', Microphone === 'microphone' (string enums).
  const camera = participant.getTrackPublication('camera' as Track.Source);
  const microphone = participant.getTrackPublication('microphone' as Track.Source);
  const video = cameraTrack(camera);
  const audio = isLocal ? undefined : microphone?.track;
  return {
    identity: participant.identity,
    name: participant.name || participant.identity,
    isLocal,
    isSpeaking: participant.isSpeaking,
    microphoneOn: Boolean(microphone && !microphone.isMuted),
    cameraOn: Boolean(video),
    ...(video ? { video } : {}),
    ...(audio ? { audio } : {}),
  };
}

/** LiveKit's disconnect reasons, as Convene names them to a visitor. */
function leftReason(reason: DisconnectReason | undefined, R: typeof DisconnectReason): LeftReason {
  switch (reason) {
    case R.CLIENT_INITIATED:
      return 'left';
    case R.DUPLICATE_IDENTITY:
      return 'duplicate';
    case R.PARTICIPANT_REMOVED:
      return 'removed';
    case R.ROOM_DELETED:
    case R.ROOM_CLOSED:
      return 'room-closed';
    case R.SERVER_SHUTDOWN:
    case R.JOIN_FAILURE:
    case R.SIGNAL_CLOSE:
    case R.STATE_MISMATCH:
    case R.CONNECTION_TIMEOUT:
    case R.MEDIA_FAILURE:
      return 'connection-lost';
    default:
      return 'unknown';
  }
}
