/**
 * What a tile says of someone's connection, from what actually reaches the visitor. LiveKit's
 * connection quality for a remote participant is the SFU's score of *their* link, sent every five
 * seconds, lowered fast and raised slowly on purpose; while someone's link is gone it can still say
 * "excellent" for several seconds (and nothing at all arrives while the SFU itself is gone), and
 * once they are back it says "lost", then "poor", for ten seconds or more while their picture moves.
 * So the session also watches what arrives (frames decoded of their camera, or packets of their
 * microphone when the camera is off), and `FlowWatch` turns those counts into what a person should
 * read: stalled within `STALL_MS` of the last frame, live again at the next one. Plain TypeScript:
 * `RoomSession` feeds it the counts `arriving()` reads, the tests feed it numbers.
 */
import type {
  RemoteAudioTrack,
  RemoteParticipant,
  RemoteTrackPublication,
  RemoteVideoTrack,
  Track,
} from 'livekit-client';
import type { ConnectionQualityName, Liveness } from './session.js';

/** How long someone kept on the stage through the visitor's reconnection may take to come back themselves (ms). */
export const AWAY_GRACE_MS = 15_000;

/** How often the session reads what arrives from everyone (ms). */
export const SAMPLE_MS = 500;
/** Nothing new this long after something arrived: their media stopped (ms). A frozen picture shows within ~2 s. */
export const STALL_MS = 1500;
/**
 * After a stall, how long the SFU's low score is taken as the stall's echo while their media
 * moves again (ms): its score climbs back a little every five seconds, from "lost".
 */
export const ECHO_MS = 30_000;

/** What is being counted: decoded frames of the camera, or packets of the microphone. */
export type FlowSource = 'camera' | 'microphone';

interface Flow {
  source: FlowSource;
  count: number;
  /** When the count last went up (0: not yet since watching began). */
  movedAt: number;
  /** When media moved again after the last stall (0: no stall seen). */
  recoveredAt: number;
}

/** What arrives of someone now. */
export interface FlowState {
  /** Their media arrives: it moved less than `STALL_MS` ago. */
  arriving: boolean;
  /** Media that used to arrive has stopped for `STALL_MS` or more. */
  stalled: boolean;
  /** Media moves again after a stall that ended this recently (ms ago); undefined without one. */
  sinceRecovery?: number;
}

/** Counts of what arrives from each person, read every `SAMPLE_MS`, and what they mean. */
export class FlowWatch {
  #flows = new Map<string, Flow>();

  /**
   * Records `count` (frames decoded, packets received so far) of `identity`'s `source`, or
   * `undefined` when there is nothing of theirs to watch now (camera and microphone off, not
   * subscribed, off the page).
   */
  sample(identity: string, source: FlowSource | undefined, count: number | undefined, now: number): void {
    const flow = this.#flows.get(identity);
    if (source === undefined || count === undefined) {
      // Nothing to watch now; what they had before a stall stays known so its echo is still recognised.
      if (flow) this.#flows.set(identity, { ...flow, movedAt: 0 });
      return;
    }
    if (!flow || flow.source !== source || count < flow.count) {
      // A new track (or a new receiver after a reconnection): counting starts again.
      this.#flows.set(identity, { source, count, movedAt: 0, recoveredAt: flow?.recoveredAt ?? 0 });
      return;
    }
    if (count > flow.count) {
      const wasStalled = flow.movedAt > 0 && now - flow.movedAt >= STALL_MS;
      this.#flows.set(identity, { source, count, movedAt: now, recoveredAt: wasStalled ? now : flow.recoveredAt });
    }
  }

  state(identity: string, now: number): FlowState {
    const flow = this.#flows.get(identity);
    if (!flow) return { arriving: false, stalled: false };
    const stalled = flow.movedAt > 0 && now - flow.movedAt >= STALL_MS;
    const arriving = flow.movedAt > 0 && !stalled;
    return flow.recoveredAt > 0 && arriving
      ? { arriving, stalled, sinceRecovery: now - flow.recoveredAt }
      : { arriving, stalled };
  }

  /** Forgets everyone but `identities` (people who left). */
  keep(identities: Iterable<string>): void {
    const keep = new Set(identities);
    for (const identity of this.#flows.keys()) if (!keep.has(identity)) this.#flows.delete(identity);
  }
}

/**
 * What a tile says: `reconnecting` for everyone whose media does not visibly arrive while the
 * visitor's own connection is being made again, `stalled` when theirs stopped, else `live`.
 */
export function livenessOf(flow: FlowState, sessionReconnecting: boolean): Liveness {
  if (sessionReconnecting && !flow.arriving) return 'reconnecting';
  return flow.stalled ? 'stalled' : 'live';
}

/**
 * The badge to show: LiveKit's score, except "lost" while nothing arrives, "unknown" while the
 * visitor's own connection is made again (the score is from before), and at least "good" while
 * media moves again after a stall and the score is still the stall's echo.
 */
export function shownQuality(sfu: ConnectionQualityName, flow: FlowState, liveness: Liveness): ConnectionQualityName {
  if (liveness === 'reconnecting') return 'unknown';
  if (flow.stalled) return 'lost';
  const echo = flow.sinceRecovery !== undefined && flow.sinceRecovery <= ECHO_MS;
  if (echo && (sfu === 'lost' || sfu === 'poor' || sfu === 'unknown')) return 'good';
  return sfu;
}

/**
 * What has arrived so far from `participant`: frames decoded of their camera while it is on,
 * subscribed and on view (LiveKit's adaptive stream pauses a camera nobody sees), else bytes of
 * their microphone while it is on; `undefined` with nothing to watch.
 */
export async function arriving(
  participant: RemoteParticipant,
): Promise<{ source: FlowSource; count: number } | undefined> {
  const publication = (source: string) =>
    participant.getTrackPublication(source as Track.Source) as RemoteTrackPublication | undefined;
  const camera = publication('camera');
  const video = camera?.videoTrack as RemoteVideoTrack | undefined;
  if (camera?.isSubscribed && !camera.isMuted && camera.isEnabled && video) {
    const frames = (await video.getReceiverStats().catch(() => undefined))?.framesDecoded;
    return frames === undefined ? undefined : { source: 'camera', count: frames };
  }
  const microphone = publication('microphone');
  const audio = microphone?.audioTrack as RemoteAudioTrack | undefined;
  if (microphone?.isSubscribed && !microphone.isMuted && audio) {
    const bytes = (await audio.getReceiverStats().catch(() => undefined))?.bytesReceived;
    return bytes === undefined ? undefined : { source: 'microphone', count: bytes };
  }
  return undefined;
}
