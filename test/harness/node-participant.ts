/**
 * Lightweight real LiveKit participants for tests and benches: `@livekit/rtc-node` (LiveKit's Rust
 * SDK through its native binding) in this process, so a test can hold a hundred and more people in
 * a room without a browser each. Each joins with a real Convene token and, as a person watching a
 * stage does, subscribes to the audio published in the room.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { RemoteTrack, Room as RoomType } from '@livekit/rtc-node';
import type { TokenResponse } from '../../packages/server/src/index.js';

// rtc-node logs every connection at debug level unless NODE_ENV is "production" when it loads (its
// logger is not exported): loaded so, so that a test's output stays readable. Nothing else reads
// NODE_ENV while it loads; it is put back at once.
const nodeEnv = process.env.NODE_ENV;
process.env.NODE_ENV = 'production';
// With log capture off (see stopLogCapture), the native side logs through Rust's env_logger, which
// reads RUST_LOG when the first room starts: silent unless RUST_LOG asks (e.g. RUST_LOG=error).
process.env.RUST_LOG ??= 'off';
const rtc = await import('@livekit/rtc-node').finally(() => {
  if (nodeEnv === undefined) delete process.env.NODE_ENV;
  else process.env.NODE_ENV = nodeEnv;
});
const {
  AudioFrame,
  AudioSource,
  LocalAudioTrack,
  LocalVideoTrack,
  Room,
  RoomEvent,
  TrackKind,
  TrackPublishOptions,
  TrackSource,
  VideoBufferType,
  VideoFrame,
  VideoSource,
} = rtc;

/**
 * rtc-node 1.1 has its native side forward every log record (libwebrtc's verbose ones too: 5,000–
 * 9,000 a second with twenty connections, mostly candidate-pair states) and hands each one to every
 * `Room` in the process (a lock and a protobuf decode each), though none reads them: the cost grows
 * with the square of the people in a process, and past about 20 in one its main thread is full and
 * joins time out. So, before any room exists, rtc-node's client is made (an AudioSource is the
 * lightest thing that asks for it) and its native side initialised again without log capture and
 * with the same callback rtc-node gives it (records then go to Rust's env_logger, silent unless
 * RUST_LOG asks). Done before any connection, no room's event can be lost in the change.
 */
function stopLogCapture(): void {
  void new AudioSource(48_000, 1).close();
  const client = (globalThis as { _ffiClientInstance?: { emit(name: string, event: unknown): boolean } })
    ._ffiClientInstance;
  if (!client) throw new Error('rtc-node changed: its FFI client is not where node-participant.ts looks');
  const fromRtcNode = createRequire(import.meta.resolve('@livekit/rtc-node'));
  const ffi = fromRtcNode('@livekit/rtc-ffi-bindings') as {
    livekitInitialize(callback: (data: Uint8Array) => void, captureLogs: boolean, sdkVersion: string): void;
    FfiEvent: { fromBinary(data: Uint8Array): unknown };
  };
  const { version } = JSON.parse(
    readFileSync(new URL('../package.json', import.meta.resolve('@livekit/rtc-node')), 'utf8'),
  ) as { version: string };
  ffi.livekitInitialize((data) => client.emit('ffi_event', ffi.FfiEvent.fromBinary(data)), false, version);
}
stopLogCapture();

export interface NodeParticipant {
  identity: string;
  room: RoomType;
  /** Audio tracks this participant has been sent (subscribed to), by publisher identity. */
  audioFrom: Set<string>;
  /** Publishes a microphone-sourced audio track (a tone); rejects when LiveKit's grant says no. */
  publishMicrophone(): Promise<string>;
  leave(): Promise<void>;
}

/**
 * Joins the room a token response names, subscribing to audio only (as an audience member listens).
 * Each attempt is bounded by `timeoutMs`; a failed one is tried again with the same token, up to
 * `attempts` in all (a loaded machine now and then loses a connection while it is made).
 */
export async function joinNode(
  token: TokenResponse,
  { timeoutMs = 20_000, attempts = 1 } = {},
): Promise<NodeParticipant> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await joinOnce(token, timeoutMs);
    } catch (error) {
      if (attempt >= attempts) throw error;
    }
  }
}

async function joinOnce(token: TokenResponse, timeoutMs: number): Promise<NodeParticipant> {
  const room = new Room();
  const audioFrom = new Set<string>();
  // Audio only, as a person listening to the stage: what is published in the room when they come in, and later.
  room.on(RoomEvent.TrackPublished, (publication) => {
    if (publication.kind === TrackKind.KIND_AUDIO) publication.setSubscribed(true);
  });
  room.on(RoomEvent.TrackSubscribed, (track: RemoteTrack, _publication, participant) => {
    if (track.kind === TrackKind.KIND_AUDIO) audioFrom.add(participant.identity);
  });
  room.on(RoomEvent.TrackUnsubscribed, (track: RemoteTrack, _publication, participant) => {
    if (track.kind === TrackKind.KIND_AUDIO) audioFrom.delete(participant.identity);
  });
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      room.connect(token.server_url, token.participant_token, { autoSubscribe: false, dynacast: false }),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`${token.identity} did not connect in ${timeoutMs} ms`)), timeoutMs);
      }),
    ]);
  } catch (error) {
    await room.disconnect().catch(() => {});
    throw error;
  } finally {
    clearTimeout(timer);
  }
  const subscribeAudio = () => {
    for (const participant of room.remoteParticipants.values()) {
      for (const publication of participant.trackPublications.values()) {
        if (publication.kind === TrackKind.KIND_AUDIO && !publication.subscribed) publication.setSubscribed(true);
      }
    }
  };
  subscribeAudio();
  // Asked again while not yet sent: in a crowd, now and then one request of the kind a listener
  // makes on arrival goes unanswered (an rtc-node client, not Convene), and a person would retry.
  const retry = setInterval(subscribeAudio, 3000);
  retry.unref();
  room.on(RoomEvent.Disconnected, () => clearInterval(retry));
  let source: InstanceType<typeof AudioSource> | undefined;
  return {
    identity: token.identity,
    room,
    audioFrom,
    async publishMicrophone() {
      source ??= new AudioSource(48_000, 1);
      const track = LocalAudioTrack.createAudioTrack('microphone', source);
      const options = new TrackPublishOptions({ source: TrackSource.SOURCE_MICROPHONE });
      const local = room.localParticipant;
      if (!local) throw new Error('not connected');
      const publication = await local.publishTrack(track, options);
      // A few frames of a tone, so that there is something to receive.
      const frame = AudioFrame.create(48_000, 1, 480);
      for (let i = 0; i < frame.data.length; i++) frame.data[i] = Math.round(8000 * Math.sin(i / 10));
      for (let i = 0; i < 5; i++) await source.captureFrame(frame);
      return publication.sid ?? '';
    },
    async leave() {
      clearInterval(retry);
      await room.disconnect().catch(() => {});
      await source?.close().catch(() => {});
    },
  };
}

/** Ends every participant (in parallel, each bounded) and, last, the native runtime. */
export async function leaveAll(people: Iterable<NodeParticipant>, { disposeRuntime = false } = {}): Promise<void> {
  await Promise.all(
    [...people].map((p) => Promise.race([p.leave(), new Promise((resolve) => setTimeout(resolve, 5000).unref())])),
  );
  if (disposeRuntime) {
    await Promise.race([rtc.dispose().catch(() => {}), new Promise((resolve) => setTimeout(resolve, 5000).unref())]);
  }
}

/**
 * Publishes a small tone (a microphone track) and, with `video`, a 64×64 camera, five frames a
 * second each: enough media for LiveKit to forward. Returns what stops them.
 */
export async function publishSmallTracks(room: RoomType, video: boolean): Promise<() => Promise<void>> {
  const local = room.localParticipant;
  if (!local) throw new Error('not connected');
  const audio = new AudioSource(48_000, 1);
  await local.publishTrack(
    LocalAudioTrack.createAudioTrack('microphone', audio),
    new TrackPublishOptions({ source: TrackSource.SOURCE_MICROPHONE }),
  );
  const camera = video ? new VideoSource(64, 64) : null;
  if (camera) {
    await local.publishTrack(
      LocalVideoTrack.createVideoTrack('camera', camera),
      new TrackPublishOptions({ source: TrackSource.SOURCE_CAMERA }),
    );
  }
  const tone = AudioFrame.create(48_000, 1, 480);
  for (let i = 0; i < tone.data.length; i++) tone.data[i] = Math.round(4000 * Math.sin(i / 10));
  const frame = new VideoFrame(new Uint8Array(64 * 64 * 4).fill(128), 64, 64, VideoBufferType.RGBA);
  const timer = setInterval(() => {
    try {
      camera?.captureFrame(frame);
      void audio.captureFrame(tone).catch(() => {});
    } catch {
      // the room is closing
    }
  }, 200);
  return async () => {
    clearInterval(timer);
    await audio.close();
    await camera?.close();
  };
}
