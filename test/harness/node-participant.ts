/**
 * Lightweight real LiveKit participants for tests and benches: `@livekit/rtc-node` (LiveKit's Rust
 * SDK through its native binding) in this process, so a test can hold a hundred and more people in
 * a room without a browser each. Each joins with a real Convene token and, as a person watching a
 * stage does, subscribes to the audio published in the room.
 */
import type { RemoteTrack, Room as RoomType } from '@livekit/rtc-node';
import type { TokenResponse } from '../../packages/server/src/index.js';

// rtc-node logs every connection at debug level unless NODE_ENV is "production" when it loads (its
// logger is not exported): loaded so, so that a test's output stays readable. Nothing else reads
// NODE_ENV while it loads; it is put back at once.
const nodeEnv = process.env.NODE_ENV;
process.env.NODE_ENV = 'production';
const rtc = await import('@livekit/rtc-node').finally(() => {
  if (nodeEnv === undefined) delete process.env.NODE_ENV;
  else process.env.NODE_ENV = nodeEnv;
});
const { AudioFrame, AudioSource, LocalAudioTrack, Room, RoomEvent, TrackKind, TrackPublishOptions, TrackSource } = rtc;

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
  for (const participant of room.remoteParticipants.values()) {
    for (const publication of participant.trackPublications.values()) {
      if (publication.kind === TrackKind.KIND_AUDIO) publication.setSubscribed(true);
    }
  }
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
