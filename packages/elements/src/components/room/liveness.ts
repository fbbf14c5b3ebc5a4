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

/**
 * What is being counted: frames of the camera shown on the visitor's page (`picture`, read from
 * the tile's video element), frames of it decoded (`camera`, from the receiver's statistics, when
 * no element shows it), or bytes of the microphone. Kept apart: their counts are not comparable.
 */
export type FlowSource = 'picture' | 'camera' | 'microphone';

/** How long one reading of a receiver's statistics may take before it counts as unread (ms). */
export const READ_TIMEOUT_MS = 1000;

interface Flow {
  source: FlowSource;
  count: number;
  /** When the count last went up, or was first seen above nothing (0: no sign of media yet). */
  movedAt: number;
  /** When media moved again after the last stall (0: no stall seen). */
  recoveredAt: number;
  /** The last count read of each source, so a source watched again is not taken to have moved. */
  last: Partial<Record<FlowSource, number>>;
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
   * Records `count` (frames decoded, packets received so far) of `identity`'s `source`;
   * `source` alone when its count could not be read this time (what is known stays, and a stall's
   * clock runs on); neither when there is nothing of theirs to watch now (camera and microphone off,
   * not subscribed, off the page).
   */
  sample(identity: string, source: FlowSource | undefined, count: number | undefined, now: number): void {
    const flow = this.#flows.get(identity);
    if (source !== undefined && count === undefined) return;
    if (source === undefined || count === undefined) {
      // Nothing to watch now; what they had before a stall stays known so its echo is still recognised.
      if (flow) this.#flows.set(identity, { ...flow, movedAt: 0 });
      return;
    }
    const last = { ...flow?.last, [source]: count };
    if (!flow || flow.source !== source || count < flow.count) {
      // A new track (or a new receiver after a reconnection): counting starts again. What it already
      // holds arrived (all of a picture's first frames may come between two readings, and then no
      // more if their network goes), unless it is the count this source had when last watched.
      const before = flow?.last[source];
      const arrived = count > 0 && (before === undefined || count !== before);
      this.#flows.set(identity, {
        source,
        count,
        movedAt: arrived ? now : 0,
        recoveredAt: flow?.recoveredAt ?? 0,
        last,
      });
      return;
    }
    if (count > flow.count) {
      const wasStalled = flow.movedAt > 0 && now - flow.movedAt >= STALL_MS;
      this.#flows.set(identity, {
        source,
        count,
        movedAt: now,
        recoveredAt: wasStalled ? now : flow.recoveredAt,
        last,
      });
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
 * What has arrived so far from `participant`: frames of their camera while it is on, subscribed and
 * on view (LiveKit's adaptive stream pauses a camera nobody sees), else bytes of their microphone
 * while it is on; `undefined` with nothing to watch. A camera on a tile is counted from its video
 * element (`getVideoPlaybackQuality()`, read at once): a `getStats()` per person every `SAMPLE_MS`
 * was 0.6–1.3 s of script per 20 s in a 16-person call (0.1 s this way). A count that cannot be
 * read within `READ_TIMEOUT_MS` (a `getStats()` that fails or never settles) comes back as the
 * source alone, so one stuck reading neither stops the session's sampling nor clears a stall.
 */
export async function arriving(
  participant: RemoteParticipant,
): Promise<{ source: FlowSource; count: number | undefined } | undefined> {
  const publication = (source: string) =>
    participant.getTrackPublication(source as Track.Source) as RemoteTrackPublication | undefined;
  const camera = publication('camera');
  const video = camera?.videoTrack as RemoteVideoTrack | undefined;
  if (camera?.isSubscribed && !camera.isMuted && camera.isEnabled && video) {
    // Not while the page is hidden: a browser may stop presenting frames to a page nobody sees.
    const shown = document.hidden
      ? undefined
      : video.attachedElements.find(
          (e): e is HTMLVideoElement => e instanceof HTMLVideoElement && e.isConnected && !!e.getVideoPlaybackQuality,
        );
    if (shown) return { source: 'picture', count: shown.getVideoPlaybackQuality().totalVideoFrames };
    return counted('camera', await read(video.getReceiverStats()), (stats) => stats.framesDecoded);
  }
  const microphone = publication('microphone');
  const audio = microphone?.audioTrack as RemoteAudioTrack | undefined;
  if (microphone?.isSubscribed && !microphone.isMuted && audio) {
    return counted('microphone', await read(audio.getReceiverStats()), (stats) => stats.bytesReceived);
  }
  return undefined;
}

/** A reading that failed, or did not settle within `READ_TIMEOUT_MS`. */
export const UNREAD = 'unread' as const;

/** What `stats` resolves with (LiveKit's `undefined`: no receiver, or nothing received yet), or `UNREAD`. */
export function read<T>(stats: Promise<T>, timeoutMs = READ_TIMEOUT_MS): Promise<T | typeof UNREAD> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<typeof UNREAD>((resolve) => (timer = setTimeout(resolve, timeoutMs, UNREAD)));
  const settled = stats.catch((): typeof UNREAD => UNREAD);
  return Promise.race<T | typeof UNREAD>([settled, late]).finally(() => clearTimeout(timer));
}

function counted<T>(
  source: FlowSource,
  stats: T | undefined | typeof UNREAD,
  count: (stats: T) => number | undefined,
): { source: FlowSource; count: number | undefined } | undefined {
  if (stats === UNREAD) return { source, count: undefined };
  const n = stats === undefined ? undefined : count(stats);
  return n === undefined ? undefined : { source, count: n };
}
