import { expect } from '@open-wc/testing';
import {
  applyDemand,
  cameraDemands,
  FULL_RATE_TILES,
  LISTENER_FPS,
  type CameraPublication,
  type TileOnView,
} from './subscriptions.js';

const tile = (identity: string, extra: Partial<TileOnView> = {}): TileOnView => ({
  identity,
  isSpeaking: false,
  featured: false,
  width: 400,
  height: 225,
  ...extra,
});

/** A stand-in for livekit-client's RemoteTrackPublication: what the SFU would be asked. */
function publication() {
  const calls: string[] = [];
  const pub: CameraPublication = {
    setVideoQuality: (quality) => calls.push(`quality ${quality}`),
    setVideoDimensions: ({ width, height }) => calls.push(`dimensions ${width}x${height}`),
    setVideoFPS: (fps) => calls.push(`fps ${fps}`),
  };
  return { pub, calls };
}

describe('camera demands', () => {
  it('asks a grid of listeners for a smaller picture at a lower rate, the speaker and the pinned person for everything', () => {
    const tiles = [tile('p1', { isSpeaking: true }), tile('p2', { featured: true }), tile('p3'), tile('p4')];
    const demands = cameraDemands(tiles, 8);
    expect(demands.map((d) => [d.identity, d.kind])).to.deep.equal([
      ['p1', 'full'],
      ['p2', 'full'],
      ['p3', 'reduced'],
      ['p4', 'reduced'],
    ]);
    const listener = demands[2]!;
    expect(listener.fps).to.equal(LISTENER_FPS);
    expect(listener.width, 'under the tile: the layer below it fits').to.be.lessThan(400);
    expect(listener.height).to.be.lessThan(225);
    expect(listener.height, 'but not a thumbnail').to.be.greaterThan(225 / 2);
  });

  it('keeps everyone at full rate while the tiles are few and big', () => {
    const demands = cameraDemands([tile('p1'), tile('p2'), tile('p3')], FULL_RATE_TILES);
    expect(demands.every((d) => d.kind === 'full')).to.equal(true);
  });

  it('asks nothing new for a stage resized by a pixel', () => {
    const [a] = cameraDemands([tile('p1', { width: 401 })], 9);
    const [b] = cameraDemands([tile('p1', { width: 402 })], 9);
    expect(a).to.deep.equal(b);
  });

  it('sets a publication only when its demand changes, and back to everything when it is featured again', () => {
    const { pub, calls } = publication();
    const [listener] = cameraDemands([tile('p1')], 9);
    const [speaker] = cameraDemands([tile('p1', { isSpeaking: true })], 9);
    applyDemand(pub, listener!);
    expect(calls).to.deep.equal(['dimensions 304x168', `fps ${LISTENER_FPS}`]);
    applyDemand(pub, listener!, listener);
    expect(calls, 'the same demand again: no message to the SFU').to.have.length(2);
    applyDemand(pub, speaker!, listener);
    expect(calls.slice(2), 'the layer the tile fits (adaptive stream decides), every frame').to.deep.equal([
      'quality 2',
      'fps 0',
    ]);
  });
});
