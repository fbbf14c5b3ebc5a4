import { expect } from '@open-wc/testing';
import { ECHO_MS, FlowWatch, STALL_MS, livenessOf, shownQuality } from './liveness.js';
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
    // A new track counts from scratch (its count starts lower).
    watch.sample('bea', 'microphone', 100, 21_000);
    watch.sample('bea', 'microphone', 100, 30_000);
    expect(said(watch, 30_000).liveness).to.equal('live');
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
