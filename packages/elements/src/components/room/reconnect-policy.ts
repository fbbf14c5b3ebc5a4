/**
 * How soon livekit-client tries again after the connection to LiveKit drops (its
 * `RoomOptions.reconnectPolicy`). LiveKit's default waits 0, 0.3, 1.2, 2.7, 4.8 s and then 7 s
 * (each ±50 %) between tries, ten tries in all: made for a cloud where thousands of clients drop
 * together. When a co-op's SFU restarts, the first try that reaches it is a resume, which the new
 * server refuses (it does not know the session); the next try is a full rejoin, and each of the
 * two waits up to 10.5 s. The call came back 8–14 s after the SFU answered.
 *
 * Convene's policy: the first try at once (within 300 ms, spread), the next two quickly, then one
 * try every second (±25 %) until `GIVE_UP_MS` have passed. Both waits are then at most 1.25 s, so
 * the call is back within about 5 s of the SFU answering (bench/reconnect.bench.ts measures it).
 * A try against a server that is down costs one refused connection, so a room's few dozen
 * browsers trying once a second cost the SFU nothing; the spread keeps them from arriving at once.
 */
import type { ReconnectContext, ReconnectPolicy } from 'livekit-client';

/** Give up (the visitor is told the connection was lost, and may join again) after this long (ms). */
export const GIVE_UP_MS = 60_000;
/** The waits before the first tries (ms); every later one is `STEADY_MS`. */
const FIRST_MS = [0, 300, 600];
const STEADY_MS = 1000;
/** The first try is spread over this much (ms), so browsers dropped together do not return together. */
const FIRST_SPREAD_MS = 300;

export class ConveneReconnectPolicy implements ReconnectPolicy {
  constructor(private readonly random: () => number = Math.random) {}

  nextRetryDelayInMs(context: ReconnectContext): number | null {
    if (context.elapsedMs >= GIVE_UP_MS) return null;
    const base = FIRST_MS[context.retryCount] ?? STEADY_MS;
    if (base === 0) return Math.round(this.random() * FIRST_SPREAD_MS);
    // ±25 %: enough spread for a room's browsers, never more than 1.25 s.
    return Math.round(base * (0.75 + this.random() * 0.5));
  }
}
