import { expect } from '@open-wc/testing';
import type { RemoteParticipant } from 'livekit-client';
import {
  ECHO_MS,
  FlowWatch,
  READ_TIMEOUT_MS,
  STALL_MS,
  UNREAD,
  arriving,
  livenessOf,
  read,
  shownQuality,
} from './liveness.js';
import { ConveneReconnectPolicy, GIVE_UP_MS } from './reconnect-policy.js';

/** What a tile says of someone, from what arrived of them: plain counts and clocks, no LiveKit. */
describe('liveness: what arrives, and what a tile says of it', () => {
  const said = (watch: FlowWatch, now: number, sfu: 'excellent' | 'good' | 'poor' | 'lost' = 'excellent') => {
    const flow = watch.state('bea', now);
    const liveness = livenessOf(flow, false);
    return { liveness, quality: shownQuality(sfu, flow, liveness) };
  };

  it('says "stalled" and "lost" once frames stop for STALL_MS, whatever LiveKit’s score, and live at the next frame', () => {
    const watch = new FlowWatch();
    watch.sample('bea', 'camera', 10, 0);
    watch.sample('bea', 'camera', 25, 500);
    expect(said(watch, 500)).to.deep.equal({ liveness: 'live', quality: 'excellent' });
    // Frozen: the count stays where it was.
    watch.sample('bea', 'camera', 25, 1000);
    watch.sample('bea', 'camera', 25, 1500);
    expect(said(watch, 1500).liveness).to.equal('live');
    watch.sample('bea', 'camera', 25, 500 + STALL_MS);
    expect(said(watch, 500 + STALL_MS)).to.deep.equal({ liveness: 'stalled', quality: 'lost' });
    // Frames again: live at once.
    watch.sample('bea', 'camera', 26, 8000);
    expect(said(watch, 8000, 'excellent')).to.deep.equal({ liveness: 'live', quality: 'excellent' });
  });

  it('takes LiveKit’s "lost" and "poor" after a stall as its echo while frames move, for ECHO_MS', () => {
    const watch = new FlowWatch();
    watch.sample('bea', 'camera', 1, 0);
    watch.sample('bea', 'camera', 2, 100);
    watch.sample('bea', 'camera', 2, 5000);
    expect(said(watch, 5000, 'excellent').quality).to.equal('lost');
    watch.sample('bea', 'camera', 3, 9000);
    expect(said(watch, 9000, 'lost')).to.deep.equal({ liveness: 'live', quality: 'good' });
    expect(said(watch, 9000, 'poor').quality).to.equal('good');
    // Long after, a poor score is LiveKit’s word again.
    for (let t = 9500, count = 4; t <= 9000 + ECHO_MS + 500; t += 500) watch.sample('bea', 'camera', count++, t);
    expect(said(watch, 9000 + ECHO_MS + 1, 'poor').quality).to.equal('poor');
  });

  it('never calls someone stalled before anything arrived, nor with nothing to watch', () => {
    const watch = new FlowWatch();
    watch.sample('bea', 'camera', 0, 0);
    watch.sample('bea', 'camera', 0, 5000);
    expect(said(watch, 5000).liveness).to.equal('live');
    watch.sample('bea', 'camera', 3, 5500);
    watch.sample('bea', undefined, undefined, 6000);
    expect(said(watch, 20_000).liveness).to.equal('live');
    // Watched again at the count it had when last watched: no sign of media yet, so no stall either.
    watch.sample('bea', 'camera', 3, 21_000);
    watch.sample('bea', 'camera', 3, 30_000);
    expect(said(watch, 30_000).liveness).to.equal('live');
  });

  it('says "stalled" when a new picture’s first frames all came between two readings and then nothing (a network lost at once)', () => {
    const watch = new FlowWatch();
    // Bea's camera is first read with its first five frames already decoded; then no more arrive.
    watch.sample('bea', 'camera', 5, 1000);
    expect(said(watch, 1000).liveness).to.equal('live');
    for (let t = 1500; t < 1000 + STALL_MS; t += 500) watch.sample('bea', 'camera', 5, t);
    expect(said(watch, 1000 + STALL_MS - 1).liveness).to.equal('live');
    watch.sample('bea', 'camera', 5, 1000 + STALL_MS);
    expect(said(watch, 1000 + STALL_MS)).to.deep.equal({ liveness: 'stalled', quality: 'lost' });
    // A new receiver after a reconnection (its count starts lower) holding frames: they arrived.
    watch.sample('bea', 'camera', 2, 4000);
    expect(said(watch, 4000).liveness).to.equal('live');
    // Her camera off: her microphone is watched from where its count is, and stops too.
    watch.sample('bea', 'microphone', 900, 5000);
    watch.sample('bea', 'microphone', 1200, 5500);
    watch.sample('bea', 'microphone', 1200, 5500 + STALL_MS);
    expect(said(watch, 5500 + STALL_MS).liveness).to.equal('stalled');
  });

  it('keeps a stall through readings that fail or never settle, and they never stop the watch', async () => {
    const watch = new FlowWatch();
    watch.sample('bea', 'camera', 10, 0);
    watch.sample('bea', 'camera', 20, 500);
    // The camera's statistics cannot be read (count undefined): what is known stays, the clock runs on.
    for (let t = 1000; t <= 500 + STALL_MS; t += 500) watch.sample('bea', 'camera', undefined, t);
    expect(said(watch, 500 + STALL_MS).liveness).to.equal('stalled');
    watch.sample('bea', 'camera', 21, 3000);
    expect(said(watch, 3000).liveness).to.equal('live');

    // A getStats() that never settles (or fails) is read as UNREAD within the bound, not awaited for ever.
    expect(await read(new Promise(() => {}), 50)).to.equal(UNREAD);
    expect(await read(Promise.reject(new Error('closed')), 50)).to.equal(UNREAD);
    expect(await read(Promise.resolve(undefined), 50)).to.equal(undefined);
    const hung = { isSubscribed: true, isMuted: false, isEnabled: true };
    const bea = {
      getTrackPublication: (source: string) =>
        source === 'camera'
          ? { ...hung, videoTrack: { attachedElements: [], getReceiverStats: () => new Promise(() => {}) } }
          : undefined,
    } as unknown as RemoteParticipant;
    const started = Date.now();
    expect(await arriving(bea)).to.deep.equal({ source: 'camera', count: undefined });
    expect(Date.now() - started).to.be.below(READ_TIMEOUT_MS + 2000);
  });

  it("counts a camera shown on a tile from the tile's video element, without asking for statistics", async () => {
    const on = { isSubscribed: true, isMuted: false, isEnabled: true };
    const tile = document.createElement('video');
    const withTrack = (attachedElements: HTMLElement[]) =>
      ({
        getTrackPublication: (source: string) =>
          source === 'camera'
            ? {
                ...on,
                videoTrack: {
                  attachedElements,
                  getReceiverStats: () => Promise.reject(new Error('statistics asked for')),
                },
              }
            : undefined,
      }) as unknown as RemoteParticipant;
    // Attached but not on the page: the statistics are asked for (and fail here: the source alone).
    expect(await arriving(withTrack([tile]))).to.deep.equal({ source: 'camera', count: undefined });
    document.body.append(tile);
    try {
      expect(await arriving(withTrack([tile]))).to.deep.equal({
        source: 'picture',
        count: tile.getVideoPlaybackQuality().totalVideoFrames,
      });
    } finally {
      tile.remove();
    }
  });

  it('while the visitor reconnects: "reconnecting" and "unknown" for whoever does not visibly arrive', () => {
    const watch = new FlowWatch();
    watch.sample('bea', 'camera', 1, 0);
    watch.sample('bea', 'camera', 2, 400);
    const moving = watch.state('bea', 500);
    expect(livenessOf(moving, true)).to.equal('live');
    const frozen = watch.state('bea', 400 + STALL_MS);
    expect(livenessOf(frozen, true)).to.equal('reconnecting');
    expect(shownQuality('excellent', frozen, 'reconnecting')).to.equal('unknown');
    expect(livenessOf(watch.state('nobody-watched', 0), true)).to.equal('reconnecting');
    watch.keep([]);
    expect(watch.state('bea', 500)).to.deep.equal({ arriving: false, stalled: false });
  });
});

describe('ConveneReconnectPolicy', () => {
  it('tries at once, then never waits more than 1.25 s, and gives up after GIVE_UP_MS', () => {
    for (const random of [() => 0, () => 0.5, () => 0.999]) {
      const policy = new ConveneReconnectPolicy(random);
      const delays = Array.from({ length: 40 }, (_, retryCount) =>
        policy.nextRetryDelayInMs({ retryCount, elapsedMs: retryCount * 1000 }),
      );
      expect(delays[0]).to.be.at.most(300);
      for (const delay of delays) expect(delay).to.be.a('number').and.be.within(0, 1250);
      expect(policy.nextRetryDelayInMs({ retryCount: 41, elapsedMs: GIVE_UP_MS })).to.equal(null);
    }
  });
});
