import { expect } from '@open-wc/testing';
import { attachOnView } from './attach-on-view.js';

/** A live camera-like track: a canvas's, drawn on. */
function cameraTrack(): MediaStreamTrack {
  const canvas = Object.assign(document.createElement('canvas'), { width: 64, height: 48 });
  const context = canvas.getContext('2d')!;
  context.fillStyle = '#0a7';
  context.fillRect(0, 0, 64, 48);
  return canvas.captureStream(10).getVideoTracks()[0]!;
}

/** LiveKit's track as attachOnView uses it, recording what it is asked (prepare.test.ts has the real one). */
function livekitTrack(media: MediaStreamTrack) {
  const attached: HTMLMediaElement[] = [];
  const detached: HTMLMediaElement[] = [];
  return {
    attached,
    detached,
    attach(element: HTMLMediaElement) {
      attached.push(element);
      element.srcObject ??= new MediaStream([media]);
      return element;
    },
    detach(element: HTMLMediaElement) {
      detached.push(element);
      element.srcObject = null;
      return element;
    },
  };
}

const played = (element: HTMLMediaElement) => (element.srcObject as MediaStream | null)?.getVideoTracks() ?? [];

describe('attachOnView', () => {
  it('plays a camera that LiveKit has not handed over yet, then gives the same element to LiveKit’s track', async () => {
    const media = cameraTrack();
    const early = attachOnView(media);
    const element = early.attach();
    document.body.append(element);
    await Promise.resolve();
    expect(played(element), 'the bare track plays').to.deep.equal([media]);
    expect((element as HTMLVideoElement).autoplay && (element as HTMLVideoElement).playsInline).to.equal(true);

    const track = livekitTrack(media);
    const later = attachOnView(media, track);
    expect(later, 'one wrapper per camera: the view keeps its element').to.equal(early);
    expect(track.attached, 'LiveKit’s track on the element already on the page').to.deep.equal([element]);
    attachOnView(media, livekitTrack(media));
    expect(track.attached, 'handed over once').to.deep.equal([element]);

    later.detach(element);
    expect(track.detached).to.deep.equal([element]);
    element.remove();
    media.stop();
  });

  it('attaches LiveKit’s track once the element is placed, and leaves one never placed alone', async () => {
    const media = cameraTrack();
    const track = livekitTrack(media);
    const shown = attachOnView(media, track);
    const placed = shown.attach();
    const dropped = shown.attach();
    expect(track.attached, 'not before the render has placed it').to.deep.equal([]);
    shown.detach(dropped);
    await Promise.resolve();
    expect(track.attached).to.deep.equal([placed]);
    expect(track.detached, 'nothing to take from an element that never played').to.deep.equal([]);
    expect(played(dropped)).to.deep.equal([]);
    media.stop();
  });
});
