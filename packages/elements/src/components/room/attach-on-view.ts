/**
 * A remote camera as a tile shows it (issue 19): the tile's `<video>` is placed on the page first,
 * and the track attached to it once it is there. LiveKit's adaptive stream judges an element's
 * visibility when the track is attached to it; `track.attach()` makes the element off the page, so
 * the SFU is first told "not on view" (it pauses the video), then "on view" once the page lays the
 * tile out, and the first frame waits for the publisher's next keyframe. Attached where it already
 * shows, the SFU's first word is "on view", and the video that has flowed since the connection was
 * made is decoded at once.
 *
 * While the join is still being made, a camera arrives as a bare MediaStreamTrack: LiveKit holds
 * its `Track` back until `connect()` resolves, which is up to 50 ms after the media connection is up
 * (it polls). The tile plays the bare track meanwhile; once LiveKit's `Track` for it comes, it is
 * attached to the same element (the same MediaStream: the picture does not blink) and adaptive
 * stream takes over. One wrapper per MediaStreamTrack, as the views key their elements by it.
 */
import type { MediaTrack } from './session.js';

type RemoteVideo = { attach(element: HTMLMediaElement): HTMLMediaElement; detach(element: HTMLMediaElement): unknown };

interface Shown extends MediaTrack {
  /** LiveKit's track for the camera has come: it plays on the tiles from now on. */
  hand(track: RemoteVideo): void;
}

const onView = new WeakMap<MediaStreamTrack, Shown>();

/** The camera `media` as a view attaches it; `track` is LiveKit's, once there is one. */
export function attachOnView(media: MediaStreamTrack, track?: RemoteVideo): MediaTrack {
  let shown = onView.get(media);
  if (!shown) {
    let livekit: RemoteVideo | undefined;
    /** The elements of the tiles that show it, with those a render has made and not yet placed. */
    const elements = new Set<HTMLMediaElement>();
    shown = {
      attach() {
        const element = document.createElement('video');
        elements.add(element);
        // A render asks for the element and places it in the same update (Lit commits synchronously): after it, it is on the page.
        queueMicrotask(() => {
          if (!elements.has(element)) return;
          if (livekit) livekit.attach(element);
          else
            Object.assign(element, {
              srcObject: new MediaStream([media]),
              autoplay: true,
              muted: true,
              playsInline: true,
            });
        });
        return element;
      },
      detach(element) {
        // (one a render made and never placed has nothing playing)
        if (!elements.delete(element) || !element.srcObject) return;
        if (livekit) livekit.detach(element);
        else element.srcObject = null;
      },
      hand(track) {
        if (livekit) return;
        livekit = track;
        // The tiles already playing the bare track (their microtask has run: they are on the page).
        for (const element of elements) if (element.srcObject) track.attach(element);
      },
    };
    onView.set(media, shown);
  }
  if (track) shown.hand(track);
  return shown;
}
