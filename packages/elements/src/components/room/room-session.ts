/**
 * `RoomSession`: a visitor's session in one Convene room on LiveKit; plain TypeScript, no view. It
 * asks the Convene server for a token, connects to LiveKit, and publishes what a view needs as
 * observables (see `ConveneSession` in session.ts): the session's state, the participants, the
 * local media, people arriving and leaving, the room's spotlight and the reactions to float.
 *
 * `livekit-client` is imported dynamically, so a page loads it only when someone joins (or when
 * pre-join needs the camera).
 */
import type {
  DisconnectReason,
  LocalAudioTrack,
  LocalVideoTrack,
  Participant,
  Room,
  Track,
  TrackPublication,
} from 'livekit-client';
import { spotlightOf } from '@convene/server/contract';
import {
  ConveneApiError,
  fetchToken,
  moderate,
  renewRole,
  type ModerationAction,
  type TokenResponse,
} from '../../core/api.js';
import { loadLivekit } from '../../core/livekit.js';
import { Emitter, Store } from '../../core/observable.js';
import type { ErrorKey } from '../../i18n/strings.js';
import { mediaProblem } from './media-preview.js';
import type {
  ConnectionQualityName,
  ConveneSession,
  JoinOptions,
  LeftReason,
  MediaState,
  ParticipantChange,
  ParticipantView,
  Reaction,
  SessionOptions,
  SessionState,
} from './session.js';

export class RoomSession implements ConveneSession {
  readonly state = new Store<SessionState>({ phase: 'idle' });
  readonly participants = new Store<ParticipantView[]>([]);
  readonly media = new Store<MediaState>({
    canPlaybackAudio: true,
    devices: { videoinput: [], audioinput: [], audiooutput: [] },
    active: {},
  });
  readonly changes = new Emitter<ParticipantChange>();
  /** Who the room's metadata pins to the stage, while they are in the room; '' for nobody. */
  readonly spotlight = new Store<string>('');
  readonly reactions = new Emitter<Reaction>();
  #room: Room | undefined;
  #token: TokenResponse | undefined;
  /** The LiveKit token now: the server's, or LiveKit's refresh of it (tokens live minutes, meetings longer). */
  #bearer = '';
  #leaving = false;
  #closed = false;
  #roleTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(readonly options: SessionOptions) {}

  /** The LiveKit room, once joined; for furniture and advanced use. */
  get room(): Room | undefined {
    return this.#room;
  }

  /** The server's answer for this visit (identity, moderator, furniture), once joined. */
  get token(): TokenResponse | undefined {
    return this.#token;
  }

  /**
   * The visitor's LiveKit token now (the server's, or LiveKit's refresh of it; empty before joining),
   * the bearer that asks the Convene server to act for this visit: moderation, breakout tables.
   */
  get bearer(): string {
    return this.#bearer;
  }

  async join(join: JoinOptions): Promise<void> {
    if (this.#room) return;
    this.#leaving = false;
    this.#closed = false;
    this.state.set({ phase: 'connecting' });
    // The token, livekit-client and (without pre-join tracks) the camera and microphone, all at once.
    const livekit = loadLivekit();
    livekit.catch(() => {});
    let token: TokenResponse;
    try {
      token = await fetchToken({
        ...this.options,
        name: join.name,
        ...(join.accessCode ? { accessCode: join.accessCode } : {}),
        knock: join.knock,
        invite: join.invite,
        guestId: join.guestId,
      });
    } catch (error) {
      const apiError =
        error instanceof ConveneApiError
          ? error
          : new ConveneApiError('network', 'Could not reach the Convene server.');
      this.state.set({
        phase: 'error',
        code: apiError.code,
        message: apiError.message,
        ...(apiError.retryAfterSeconds ? { retryAfterSeconds: apiError.retryAfterSeconds } : {}),
      });
      throw apiError;
    }
    let lk: Awaited<ReturnType<typeof loadLivekit>>;
    try {
      lk = await livekit;
    } catch (error) {
      this.#fail('livekit_unreachable', `Could not load the video client (${(error as Error).message}).`);
      throw error;
    }
    if (this.#closed) {
      // left (leave() or the element removed) while the token was on its way
      this.state.set({ phase: 'left', reason: 'left' });
      return;
    }
    const { Room, RoomEvent, DisconnectReason: reasons } = lk;
    const tracks = this.#startTracks(lk, join);
    const room = new Room({
      adaptiveStream: true,
      dynacast: true,
      // Turning the camera or microphone on later uses the device chosen in pre-join.
      ...(join.devices?.videoinput ? { videoCaptureDefaults: { deviceId: join.devices.videoinput } } : {}),
      ...(join.devices?.audioinput ? { audioCaptureDefaults: { deviceId: join.devices.audioinput } } : {}),
    });
    this.#room = room;
    this.#token = token;
    this.#bearer = token.participant_token;
    // EngineEvent.TokenRefreshed: LiveKit re-signs the token (same grants and attributes) before it expires.
    (room.engine as unknown as { on(event: string, listener: (token: string) => void): void }).on(
      'tokenRefreshed',
      (fresh) => (this.#bearer = fresh),
    );
    const refresh = () => this.#refresh();
    const reconnecting = () => this.state.set({ phase: 'reconnecting', identity: room.localParticipant.identity });
    room
      .on(RoomEvent.ParticipantConnected, (p) => {
        this.changes.emit({ type: 'joined', identity: p.identity, name: p.name || p.identity });
        refresh();
        this.#readSpotlight();
      })
      .on(RoomEvent.ParticipantDisconnected, (p) => {
        this.changes.emit({ type: 'left', identity: p.identity, name: p.name || p.identity });
        // After the participants: a view hears the pin end once they are gone (no second announcement).
        refresh();
        this.#readSpotlight();
      })
      .on(RoomEvent.RoomMetadataChanged, () => this.#readSpotlight())
      .on(RoomEvent.TrackSubscribed, refresh)
      .on(RoomEvent.TrackUnsubscribed, refresh)
      .on(RoomEvent.TrackMuted, refresh)
      .on(RoomEvent.TrackUnmuted, refresh)
      .on(RoomEvent.TrackPublished, refresh)
      .on(RoomEvent.TrackUnpublished, refresh)
      .on(RoomEvent.LocalTrackPublished, refresh)
      .on(RoomEvent.LocalTrackUnpublished, refresh)
      .on(RoomEvent.ActiveSpeakersChanged, refresh)
      .on(RoomEvent.ConnectionQualityChanged, refresh)
      .on(RoomEvent.ParticipantNameChanged, refresh)
      .on(RoomEvent.AudioPlaybackStatusChanged, () => this.#setMedia({ canPlaybackAudio: room.canPlaybackAudio }))
      .on(RoomEvent.MediaDevicesChanged, () => void this.#refreshDevices())
      .on(RoomEvent.ActiveDeviceChanged, (kind, deviceId) =>
        this.#setMedia({ active: { ...this.media.value.active, [kind]: deviceId } }),
      )
      .on(RoomEvent.Reconnecting, reconnecting)
      .on(RoomEvent.SignalReconnecting, reconnecting)
      .on(RoomEvent.Reconnected, () => this.state.set({ phase: 'connected', identity: room.localParticipant.identity }))
      .on(RoomEvent.Disconnected, (reason) => this.#disconnected(leftReason(reason, reasons)));
    try {
      await room.connect(token.server_url, token.participant_token);
    } catch (error) {
      this.#room = undefined;
      const given: unknown[] = Object.values(join.tracks ?? {});
      void tracks.then((t) => Object.values(t).forEach((track) => given.includes(track) || track?.stop()));
      if (this.#leaving) {
        if (this.state.value.phase === 'connecting') this.state.set({ phase: 'left', reason: 'left' });
        return;
      }
      this.#fail('livekit_unreachable', `Could not connect to the video service (${(error as Error).message}).`);
      throw error;
    }
    this.state.set({ phase: 'connected', identity: room.localParticipant.identity });
    for (const p of room.remoteParticipants.values()) {
      this.changes.emit({ type: 'joined', identity: p.identity, name: p.name || p.identity, initial: true });
    }
    this.#setMedia({ canPlaybackAudio: room.canPlaybackAudio });
    this.#refresh();
    this.#readSpotlight();
    const ready = await tracks;
    await Promise.all(
      Object.values(ready).map((track) =>
        track ? room.localParticipant.publishTrack(track).catch(() => track.stop()) : undefined,
      ),
    );
    this.#refresh();
    void this.#refreshDevices();
    this.#scheduleRoleRenewal(token.expires_at);
  }

  /**
   * A moderator's proof lapses with a token's lifetime: halfway there, the server decides the role
   * afresh (the host site's current word through the pass or its sign-in). A demoted moderator's
   * page then stops offering what it can no longer do; a failed renewal tries again a minute later.
   */
  #scheduleRoleRenewal(expiresAt: string | undefined) {
    clearTimeout(this.#roleTimer);
    if (!this.#token?.moderator || this.#closed) return;
    const left = Date.parse(expiresAt ?? '') - Date.now();
    const delay = Number.isFinite(left) ? Math.max(15_000, left / 2) : 60_000;
    this.#roleTimer = setTimeout(() => void this.#renewRole(), delay);
  }

  async #renewRole() {
    const token = this.#token;
    if (!token || !this.#room || this.#closed) return;
    try {
      const answer = await renewRole({ ...this.options, token: this.#bearer || token.participant_token });
      this.#token = { ...token, moderator: answer.moderator };
      this.#refresh();
      this.#scheduleRoleRenewal(answer.expires_at);
    } catch {
      this.#roleTimer = setTimeout(() => void this.#renewRole(), 60_000);
    }
  }

  async leave(): Promise<void> {
    this.#closed = true;
    clearTimeout(this.#roleTimer);
    const room = this.#room;
    if (!room) return;
    this.#leaving = true;
    await room.disconnect(true);
  }

  async setMicrophone(on: boolean): Promise<void> {
    await this.#enable('microphone', on);
  }

  async setCamera(on: boolean): Promise<void> {
    await this.#enable('camera', on);
  }

  async setScreenShare(on: boolean): Promise<void> {
    const room = this.#room;
    if (!room) return;
    try {
      this.#setMedia({ screenShareFailed: false });
      await room.localParticipant.setScreenShareEnabled(on, { audio: true, selfBrowserSurface: 'exclude' });
    } catch (error) {
      // Cancelling the browser's picker is a choice, not a failure.
      if ((error as Error).name !== 'NotAllowedError') this.#setMedia({ screenShareFailed: true });
    }
    this.#refresh();
  }

  /** Switches the camera, microphone or speaker in use. */
  async switchDevice(kind: 'videoinput' | 'audioinput' | 'audiooutput', deviceId: string): Promise<void> {
    await this.#room?.switchActiveDevice(kind, deviceId);
    this.#setMedia({ active: { ...this.media.value.active, [kind]: deviceId } });
  }

  /** Whether the server made this visitor a moderator of the room. */
  get isModerator(): boolean {
    return Boolean(this.#room && this.#token?.moderator);
  }

  /** As a moderator: mutes someone's microphone, or removes them from the room (through the Convene server). */
  async moderate(action: ModerationAction, identity: string): Promise<void> {
    const token = this.#token;
    if (!token || !this.#room) throw new Error('Join the room before moderating it.');
    await moderate({ ...this.options, token: this.#bearer || token.participant_token, action, identity });
  }

  /** Starts sound the browser blocked; call from a click. */
  async startAudio(): Promise<void> {
    await this.#room?.startAudio();
    if (this.#room) this.#setMedia({ canPlaybackAudio: this.#room.canPlaybackAudio });
  }

  /** Floats `reaction` over its sender's tile (furniture reports the ones it sends and receives). */
  showReaction(reaction: Reaction): void {
    this.reactions.emit(reaction);
  }

  #fail(code: ErrorKey, message: string) {
    this.state.set({ phase: 'error', code, message });
  }

  /** Pre-join's tracks, or new ones started while the token and connection are under way. */
  async #startTracks(
    lk: Awaited<ReturnType<typeof loadLivekit>>,
    join: JoinOptions,
  ): Promise<{ camera?: LocalVideoTrack; microphone?: LocalAudioTrack }> {
    const given = join.tracks ?? {};
    const start = async <T>(kind: 'camera' | 'microphone', create: () => Promise<T>): Promise<T | undefined> => {
      try {
        return await create();
      } catch (error) {
        this.#setMedia({ [`${kind}Problem`]: mediaProblem(error) });
        return undefined;
      }
    };
    const videoDevice = join.devices?.videoinput;
    const audioDevice = join.devices?.audioinput;
    const [camera, microphone] = await Promise.all([
      given.camera ??
        (join.camera !== false
          ? start('camera', () => lk.createLocalVideoTrack(videoDevice ? { deviceId: videoDevice } : {}))
          : undefined),
      given.microphone ??
        (join.microphone !== false
          ? start('microphone', () => lk.createLocalAudioTrack(audioDevice ? { deviceId: audioDevice } : {}))
          : undefined),
    ]);
    return { ...(camera ? { camera } : {}), ...(microphone ? { microphone } : {}) };
  }

  async #enable(kind: 'camera' | 'microphone', on: boolean) {
    const local = this.#room?.localParticipant;
    if (!local) return;
    try {
      if (kind === 'camera') await local.setCameraEnabled(on);
      else await local.setMicrophoneEnabled(on);
      this.#setMedia({ [`${kind}Problem`]: undefined });
    } catch (error) {
      this.#setMedia({ [`${kind}Problem`]: mediaProblem(error) });
    }
    this.#refresh();
  }

  async #refreshDevices() {
    if (!navigator.mediaDevices?.enumerateDevices) return;
    const all = await navigator.mediaDevices.enumerateDevices().catch(() => []);
    const of = (kind: MediaDeviceKind) => all.filter((d) => d.kind === kind && d.deviceId);
    const room = this.#room;
    this.#setMedia({
      devices: { videoinput: of('videoinput'), audioinput: of('audioinput'), audiooutput: of('audiooutput') },
      active: {
        videoinput: room?.getActiveDevice('videoinput') ?? '',
        audioinput: room?.getActiveDevice('audioinput') ?? '',
        audiooutput: room?.getActiveDevice('audiooutput') ?? '',
      },
    });
  }

  #setMedia(patch: Partial<MediaState>) {
    this.media.set({ ...this.media.value, ...patch });
  }

  /** The spotlight from the room's metadata (JSON the Convene server writes); anything else pins nobody. */
  #readSpotlight() {
    const room = this.#room;
    if (!room) return;
    const identity = spotlightOf(room.metadata);
    const present =
      identity !== '' && (identity === room.localParticipant.identity || room.remoteParticipants.has(identity));
    const next = present ? identity : '';
    if (next !== this.spotlight.value) this.spotlight.set(next);
  }

  #disconnected(reason: LeftReason) {
    clearTimeout(this.#roleTimer);
    this.#room = undefined;
    this.participants.set([]);
    if (this.spotlight.value) this.spotlight.set('');
    this.state.set({ phase: 'left', reason: this.#leaving ? 'left' : reason });
  }

  #refresh() {
    const room = this.#room;
    if (!room) return;
    const all: Participant[] = [room.localParticipant, ...room.remoteParticipants.values()];
    this.participants.set(all.map((p) => view(p, p === room.localParticipant)));
  }
}

function liveTrack(publication: TrackPublication | undefined): Track | undefined {
  const track = publication?.track;
  return track && !publication?.isMuted ? track : undefined;
}

function view(participant: Participant, isLocal: boolean): ParticipantView {
  // Track.Source values are strings: 'camera', 'microphone', 'screen_share', 'screen_share_audio'.
  const source = (name: string) => participant.getTrackPublication(name as Track.Source);
  const camera = source('camera');
  const microphone = source('microphone');
  const video = liveTrack(camera);
  const screen = liveTrack(source('screen_share'));
  const audio = isLocal ? undefined : microphone?.track;
  const screenAudio = isLocal ? undefined : source('screen_share_audio')?.track;
  return {
    identity: participant.identity,
    name: participant.name || participant.identity,
    isLocal,
    isSpeaking: participant.isSpeaking,
    lastSpokeAt: participant.lastSpokeAt?.getTime() ?? 0,
    joinedAt: participant.joinedAt?.getTime() ?? 0,
    microphoneOn: Boolean(microphone && !microphone.isMuted),
    cameraOn: Boolean(video),
    connectionQuality: participant.connectionQuality as ConnectionQualityName,
    ...(video ? { video } : {}),
    ...(audio ? { audio } : {}),
    ...(screen ? { screen } : {}),
    ...(screenAudio ? { screenAudio } : {}),
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
    default:
      return 'connection-lost';
  }
}
