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
  E2EEOptions,
  LocalAudioTrack,
  LocalVideoTrack,
  Participant,
  Room,
  RoomOptions,
  Track,
  TrackPublication,
} from 'livekit-client';
import { HAND_ATTRIBUTE, STAGE_ATTRIBUTE, spotlightOf } from '@convene/server/contract';
import {
  ConveneApiError,
  moderate,
  renewRole,
  setHand,
  setOnStage,
  type ModerationAction,
  type TokenResponse,
} from '../../core/api.js';
import { loadLivekit } from '../../core/livekit.js';
import { Emitter, Store } from '../../core/observable.js';
import type { ErrorKey } from '../../i18n/strings.js';
import { AWAY_GRACE_MS, FlowWatch, SAMPLE_MS, arriving, livenessOf, shownQuality } from './liveness.js';
import { attachOnView } from './attach-on-view.js';
import { E2eeRefusal, E2eeSession, loadE2eeKeys } from './e2ee-session.js';
import { JoinAhead } from './join-ahead.js';
import { mediaProblem } from './media-preview.js';
import { ConveneReconnectPolicy } from './reconnect-policy.js';
import type {
  ConnectionQualityName,
  ConveneSession,
  E2eeStatus,
  JoinOptions,
  LeftReason,
  MediaState,
  ParticipantChange,
  ParticipantView,
  PrepareOptions,
  Reaction,
  Readable,
  SessionOptions,
  SessionState,
  StageMedia,
  StagePlace,
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
  /** An encrypted room's encryption (issue 15): the key provider's worker, whose media does not decrypt. */
  #crypto = new E2eeSession();
  /** In a stage room: on the stage or in the audience, as LiveKit's permission to publish says now. */
  readonly stage = new Store<StagePlace | undefined>(undefined);
  #room: Room | undefined;
  #token: TokenResponse | undefined;
  /** The LiveKit token now: the server's, or LiveKit's refresh of it (tokens live minutes, meetings longer). */
  #bearer = '';
  #leaving = false;
  #closed = false;
  #roleTimer: ReturnType<typeof setTimeout> | undefined;
  /** What arrives from each remote participant, read every SAMPLE_MS: their tiles say the truth (liveness.ts). */
  #flows = new FlowWatch();
  #sampler: ReturnType<typeof setInterval> | undefined;
  /** While the join is made: the remote cameras' bare tracks, by track sid (attach-on-view.ts). */
  #early: Map<string | undefined, MediaStreamTrack> | undefined;
  #sampling = false;
  /** People in the call when the connection to LiveKit dropped, not back yet: their tiles stay, saying so. */
  #away = new Map<string, ParticipantView>();
  #awayTimer: ReturnType<typeof setTimeout> | undefined;

  /** Pre-join's head start: the early token, the video client, the warmed connection (join-ahead.ts). */
  #ahead = new JoinAhead(
    () => this.options,
    ({ Room }) => new Room(roomOptions()),
  );

  constructor(readonly options: SessionOptions) {}

  /** The LiveKit room, once joined; for furniture and advanced use. */
  get room(): Room | undefined {
    return this.#room;
  }

  /** In an encrypted room: whether the visitor's media and chat are encrypted, and whether their key seems not to be the others'. */
  get e2ee(): Readable<E2eeStatus> {
    return this.#crypto.status;
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

  /** In pre-join (issue 19): loads the video client, asks for the token when `name` is given, warms the connection; never joins. */
  prepare(prepare: PrepareOptions): void {
    if (this.#room || this.state.value.phase === 'connecting') return;
    this.#ahead.prepare(prepare);
  }

  async join(join: JoinOptions): Promise<void> {
    if (this.#room) return;
    this.#leaving = false;
    this.#closed = false;
    this.state.set({ phase: 'connecting' });
    // The token, livekit-client and (without pre-join tracks) the camera and microphone, all at once.
    const livekit = loadLivekit();
    livekit.catch(() => {});
    if (join.e2eeKey) loadE2eeKeys().catch(() => {});
    let token: TokenResponse;
    try {
      // The token pre-join asked for, when it was for this very request (join-ahead.ts); else asked now.
      token = await this.#ahead.token(join);
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
    let encryption: E2EEOptions | undefined;
    try {
      // An encrypted room: the key (never sent anywhere) into LiveKit's key provider and worker.
      encryption = await this.#crypto.prepare(token, join.e2eeKey, this.options, (error) =>
        this.#encryptionFailed(error),
      );
    } catch (error) {
      const refusal = error instanceof E2eeRefusal ? error : new E2eeRefusal('e2ee_unsupported', String(error));
      this.#fail(refusal.code, refusal.message);
      throw refusal;
    }
    // The room pre-join made (join-ahead.ts), unless this one is encrypted.
    const made = await this.#ahead.room(!!encryption);
    if (this.#closed) {
      // left (leave() or the element removed) while the token or the room was on its way
      made?.engine.close().catch(() => {});
      this.#crypto.dispose();
      this.state.set({ phase: 'left', reason: 'left' });
      return;
    }
    const { Room, RoomEvent, DisconnectReason: reasons } = lk;
    // A stage room publishes nothing on joining: the audience may not (LiveKit's grant), and a speaker
    // goes on the stage from the device check (stage-room.ts). A preview's tracks are let go.
    if (token.stage) for (const track of Object.values(join.tracks ?? {})) track?.stop();
    const tracks: Promise<{ camera?: LocalVideoTrack; microphone?: LocalAudioTrack }> = token.stage
      ? Promise.resolve({})
      : this.#startTracks(lk, join);
    // Else one made now. `encryption`, not the older `e2ee`: it encrypts data packets (chat, text
    // streams) as well as media.
    const room = made ?? new Room({ ...roomOptions(), encryption });
    // Turning the camera or microphone on later uses the device chosen in pre-join.
    const { videoinput, audioinput } = join.devices ?? {};
    // (LiveKit's Room made both objects of its own, from its defaults)
    if (videoinput) room.options.videoCaptureDefaults!.deviceId = videoinput;
    if (audioinput) room.options.audioCaptureDefaults!.deviceId = audioinput;
    this.#room = room;
    this.#token = token;
    this.#bearer = token.participant_token;
    const engine = room.engine as unknown as { on(event: string, listener: (...args: never[]) => void): void };
    // EngineEvent.TokenRefreshed: LiveKit re-signs the token (same grants and attributes) before it expires.
    engine.on('tokenRefreshed', (fresh: string) => (this.#bearer = fresh));
    const refresh = () => this.#refresh();
    // The room shows once the media connection is up (EngineEvent.Connected), not when connect()
    // resolves after it (livekit-client polls every 50 ms), and plays the cameras as they arrive
    // (EngineEvent.MediaTrackAdded; LiveKit's streams are named "participant sid|track sid"). Not in
    // an encrypted room: its media decrypts only once LiveKit has the track.
    engine.on('connected', () => this.#enter(room));
    this.#early = encryption ? undefined : new Map();
    engine.on('mediaTrackAdded', (media: MediaStreamTrack, stream: MediaStream) => {
      if (!this.#early) return;
      this.#early.set(stream.id.split('|')[1] || media.id, media);
      refresh();
    });
    const reconnecting = () => {
      clearTimeout(this.#awayTimer);
      this.state.set({ phase: 'reconnecting', identity: room.localParticipant.identity });
      refresh();
    };
    for (const event of [
      RoomEvent.TrackSubscribed,
      RoomEvent.TrackUnsubscribed,
      RoomEvent.TrackMuted,
      RoomEvent.TrackUnmuted,
      RoomEvent.TrackPublished,
      RoomEvent.TrackUnpublished,
      RoomEvent.LocalTrackPublished,
      RoomEvent.LocalTrackUnpublished,
      RoomEvent.ActiveSpeakersChanged,
      RoomEvent.ConnectionQualityChanged,
      RoomEvent.ParticipantNameChanged,
      // Stage rooms: someone brought up or sent back (the server writes STAGE_ATTRIBUTE), the visitor's own grant.
      RoomEvent.ParticipantAttributesChanged,
    ]) {
      room.on(event, refresh);
    }
    room
      .on(RoomEvent.ParticipantConnected, (p) => {
        // Someone kept on the stage through a reconnection is back: no arrival to announce.
        if (!this.#away.delete(p.identity)) {
          this.changes.emit({ type: 'joined', identity: p.identity, name: p.name || p.identity });
        }
        refresh();
        this.#readSpotlight();
      })
      .on(RoomEvent.ParticipantDisconnected, (p) => {
        const last = this.participants.value.find((v) => v.identity === p.identity);
        // A full reconnection unwinds everyone, then says Reconnecting: they did not leave, they stay on the stage.
        queueMicrotask(() => {
          if (this.#room === room && last && (room.state === 'reconnecting' || room.state === 'signalReconnecting')) {
            this.#away.set(p.identity, last);
            return refresh();
          }
          this.changes.emit({ type: 'left', identity: p.identity, name: p.name || p.identity });
          // After the participants: a view hears the pin end once they are gone (no second announcement).
          refresh();
          this.#readSpotlight();
        });
      })
      .on(RoomEvent.RoomMetadataChanged, () => this.#readSpotlight())
      .on(RoomEvent.ParticipantPermissionsChanged, () => this.#readStage())
      .on(RoomEvent.AudioPlaybackStatusChanged, () => this.#setMedia({ canPlaybackAudio: room.canPlaybackAudio }))
      .on(RoomEvent.MediaDevicesChanged, () => void this.#refreshDevices())
      .on(RoomEvent.ActiveDeviceChanged, (kind, deviceId) =>
        this.#setMedia({ active: { ...this.media.value.active, [kind]: deviceId } }),
      )
      .on(RoomEvent.Reconnecting, reconnecting)
      .on(RoomEvent.SignalReconnecting, reconnecting)
      .on(RoomEvent.Reconnected, () => {
        this.state.set({ phase: 'connected', identity: room.localParticipant.identity });
        refresh();
        clearTimeout(this.#awayTimer);
        if (this.#away.size) this.#awayTimer = setTimeout(() => this.#giveUpAway(), AWAY_GRACE_MS);
      })
      .on(RoomEvent.Disconnected, (reason) => this.#disconnected(leftReason(reason, reasons)));
    try {
      if (encryption) {
        this.#crypto.watch(room, RoomEvent, refresh);
        // Before connecting, so that nothing is ever published in the clear.
        await room.setE2EEEnabled(true);
      }
      await room.connect(token.server_url, token.participant_token);
    } catch (error) {
      this.#room = undefined;
      this.#crypto.dispose();
      const given: unknown[] = Object.values(join.tracks ?? {});
      void tracks.then((t) => Object.values(t).forEach((track) => given.includes(track) || track?.stop()));
      if (this.#leaving) {
        if (this.state.value.phase === 'connecting') this.state.set({ phase: 'left', reason: 'left' });
        return;
      }
      this.#fail('livekit_unreachable', `Could not connect to the video service (${(error as Error).message}).`);
      throw error;
    }
    this.#enter(room);
    // (LiveKit's tracks from here on)
    this.#early = undefined;
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

  /** In the room (once, when the media connection is up): its view, its people and their arrivals. */
  #enter(room: Room) {
    if (this.#room !== room || this.state.value.phase !== 'connecting') return;
    this.state.set({ phase: 'connected', identity: room.localParticipant.identity });
    this.#sampler = setInterval(() => void this.#sample(), SAMPLE_MS);
    for (const p of room.remoteParticipants.values()) {
      this.changes.emit({ type: 'joined', identity: p.identity, name: p.name || p.identity, initial: true });
    }
    this.#setMedia({ canPlaybackAudio: room.canPlaybackAudio });
    this.#readStage();
    this.#refresh();
    this.#readSpotlight();
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
    this.#ahead.dispose();
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

  /** On a stage room's stage: publishes the device check's tracks (or starts the chosen devices). */
  async goOnStage(choice: StageMedia): Promise<void> {
    const room = this.#room;
    if (!room || this.stage.value !== 'speaker') {
      for (const track of Object.values(choice.tracks ?? {})) track?.stop();
      return;
    }
    const lk = await loadLivekit();
    const ready = await this.#startTracks(lk, { name: '', ...choice });
    await Promise.all(
      Object.values(ready).map((track) =>
        track ? room.localParticipant.publishTrack(track).catch(() => track.stop()) : undefined,
      ),
    );
    this.#refresh();
  }

  /** On a stage room's stage: back to the audience, through the Convene server (which takes the grant away). */
  async stepDown(): Promise<void> {
    const token = this.#token;
    if (!token || !this.#room) return;
    await setOnStage({ ...this.options, token: this.#bearer || token.participant_token, onStage: false });
    await this.#unpublishAll();
  }

  /** A moderator in a stage room's audience: back on the stage (the grant comes back live, as a bring-up's). */
  async stepUp(): Promise<void> {
    const token = this.#token;
    if (!token || !this.#room || !this.isModerator) return;
    await setOnStage({ ...this.options, token: this.#bearer || token.participant_token, onStage: true });
  }

  /** In a stage room's audience: raises or lowers the visitor's hand, which asks to speak (the Convene server writes it). */
  async askToSpeak(up: boolean): Promise<void> {
    const token = this.#token;
    if (!token || !this.#room) return;
    await setHand({ ...this.options, token: this.#bearer || token.participant_token, up });
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

  /** In a stage room: where the visitor is, from LiveKit's permission to publish; leaving the stage stops their media. */
  #readStage() {
    const room = this.#room;
    if (!room || !this.#token?.stage) return;
    const next: StagePlace = room.localParticipant.permissions?.canPublish ? 'speaker' : 'audience';
    if (next === this.stage.value) return;
    this.stage.set(next);
    if (next === 'audience') void this.#unpublishAll();
    this.#refresh();
  }

  /** Stops and unpublishes the visitor's camera, microphone and screen share. */
  async #unpublishAll() {
    const local = this.#room?.localParticipant;
    if (!local) return;
    const tracks = [...local.trackPublications.values()].flatMap((p) => (p.track ? [p.track] : []));
    await Promise.all(tracks.map((track) => local.unpublishTrack(track, true).catch(() => track.stop())));
    this.#refresh();
  }

  /** The encryption worker did not start (a page's CSP, a failed load): out of the room, saying so. */
  #encryptionFailed(error: Error) {
    const room = this.#room;
    this.#leaving = true;
    void (room ? room.disconnect() : Promise.resolve()).then(() => this.#fail('e2ee_unsupported', error.message));
  }

  #disconnected(reason: LeftReason) {
    this.#crypto.dispose();
    clearTimeout(this.#roleTimer);
    clearInterval(this.#sampler);
    clearTimeout(this.#awayTimer);
    this.#away.clear();
    this.#room = undefined;
    this.participants.set([]);
    if (this.spotlight.value) this.spotlight.set('');
    if (this.stage.value) this.stage.set(undefined);
    this.state.set({ phase: 'left', reason: this.#leaving ? 'left' : reason });
  }

  #refresh() {
    const room = this.#room;
    if (!room) return;
    const all: Participant[] = [room.localParticipant, ...room.remoteParticipants.values()];
    const stage = !!this.#token?.stage;
    const views = all.map((p) => view(p, p === room.localParticipant, stage, this.#early));
    this.participants.set(this.#crypto.mark(this.#truthful(views)));
  }

  /** Each remote tile as it should read now (liveness.ts), and the people kept on the stage through a reconnection. */
  #truthful(views: ParticipantView[]): ParticipantView[] {
    const now = Date.now();
    const shown = views.map((v) => (v.isLocal ? v : { ...v, ...this.#truth(v.identity, v.connectionQuality, now) }));
    const reconnecting = this.state.value.phase === 'reconnecting';
    for (const [identity, last] of this.#away) {
      if (shown.some((v) => v.identity === identity)) continue;
      shown.push({
        identity,
        name: last.name,
        isLocal: false,
        isSpeaking: false,
        lastSpokeAt: last.lastSpokeAt,
        joinedAt: last.joinedAt,
        microphoneOn: last.microphoneOn,
        cameraOn: false,
        connectionQuality: 'unknown',
        liveness: reconnecting ? 'reconnecting' : 'stalled',
      });
    }
    return shown;
  }

  #truth(
    identity: string,
    sfu: ConnectionQualityName,
    now: number,
  ): Pick<ParticipantView, 'liveness' | 'connectionQuality'> {
    const flow = this.#flows.state(identity, now);
    const liveness = livenessOf(flow, this.state.value.phase === 'reconnecting');
    return { liveness, connectionQuality: shownQuality(sfu, flow, liveness) };
  }

  /** Reads what arrives from everyone; redraws only when what a tile says changes. */
  async #sample() {
    const room = this.#room;
    if (!room || this.#sampling) return;
    this.#sampling = true;
    try {
      const people = [...room.remoteParticipants.values()];
      const read = await Promise.all(people.map((p) => arriving(p).catch(() => undefined)));
      if (this.#room !== room) return;
      const now = Date.now();
      people.forEach((p, i) => this.#flows.sample(p.identity, read[i]?.source, read[i]?.count, now));
      this.#flows.keep(people.map((p) => p.identity));
      const changed = people.some((p) => {
        const shown = this.participants.value.find((v) => v.identity === p.identity);
        const truth = this.#truth(p.identity, p.connectionQuality as ConnectionQualityName, now);
        return shown && (truth.liveness !== shown.liveness || truth.connectionQuality !== shown.connectionQuality);
      });
      if (changed) this.#refresh();
    } finally {
      this.#sampling = false;
    }
  }

  /** Those kept on the stage who did not come back after the visitor's reconnection have left. */
  #giveUpAway() {
    const gone = [...this.#away.values()];
    this.#away.clear();
    for (const p of gone) this.changes.emit({ type: 'left', identity: p.identity, name: p.name });
    this.#refresh();
    this.#readSpotlight();
  }
}

/** How every visit's LiveKit room is made (an encrypted room's adds its `encryption`). */
function roomOptions(): RoomOptions {
  return {
    adaptiveStream: true,
    dynacast: true,
    // Back within seconds of the SFU answering again (see reconnect-policy.ts).
    reconnectPolicy: new ConveneReconnectPolicy(),
  };
}

function liveTrack(publication: TrackPublication | undefined): Track | undefined {
  const track = publication?.track;
  return track && !publication?.isMuted ? track : undefined;
}

function view(
  participant: Participant,
  isLocal: boolean,
  stage = false,
  early?: Map<string | undefined, MediaStreamTrack>,
): ParticipantView {
  // Track.Source values are strings: 'camera', 'microphone', 'screen_share', 'screen_share_audio'.
  const source = (name: string) => participant.getTrackPublication(name as Track.Source);
  const camera = source('camera');
  const microphone = source('microphone');
  const video = liveTrack(camera);
  // The camera: LiveKit's track, or while the join is made a remote one's bare track (attach-on-view.ts).
  const media = video?.mediaStreamTrack ?? (camera?.isMuted ? undefined : early?.get(camera?.trackSid));
  const screen = liveTrack(source('screen_share'));
  const audio = isLocal ? undefined : microphone?.track;
  const screenAudio = isLocal ? undefined : source('screen_share_audio')?.track;
  const hand = participant.attributes?.[HAND_ATTRIBUTE] ?? '';
  return {
    identity: participant.identity,
    name: participant.name || participant.identity,
    isLocal,
    isSpeaking: participant.isSpeaking,
    lastSpokeAt: participant.lastSpokeAt?.getTime() ?? 0,
    joinedAt: participant.joinedAt?.getTime() ?? 0,
    microphoneOn: Boolean(microphone && !microphone.isMuted),
    cameraOn: Boolean(media),
    connectionQuality: participant.connectionQuality as ConnectionQualityName,
    // A remote camera is attached once its tile is on the page: adaptive stream never pauses it first (attach-on-view.ts).
    ...(media ? { video: isLocal ? video! : attachOnView(media, video) } : {}),
    ...(audio ? { audio } : {}),
    ...(screen ? { screen } : {}),
    ...(screenAudio ? { screenAudio } : {}),
    ...(/^\d{1,15}$/.test(hand) ? { handRaisedAt: Number(hand) } : {}),
    ...(stage ? { stage: participant.attributes?.[STAGE_ATTRIBUTE] === 'speaker' ? 'speaker' : 'audience' } : {}),
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
