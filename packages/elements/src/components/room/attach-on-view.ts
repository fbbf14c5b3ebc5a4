/**
 * A remote camera as a tile shows it (issue 19): the tile's `<video>` is placed on the page first,
 * and the track attached to it once it is there. LiveKit's adaptive stream judges an element's
 * visibility when the track is attached to it; `track.attach()` makes the element off the page, so
 * the SFU is first told "not on view" (it pauses the video), then "on view" once the page lays the
 * tile out, and the first frame waits for the publisher's next keyframe. Attached where it already
 * shows, the SFU's first word is "on view", and the video that has flowed since the connection was
 * made is decoded at once.
 */
import type { MediaTrack } from './session.js';

const onView = new WeakMap<MediaTrack, MediaTrack>();

/** `track` as a view attaches it (the same wrapper for the same track, as the views key elements by track). */
export function attachOnView(track: MediaTrack & { attach(element: HTMLMediaElement): HTMLMediaElement }): MediaTrack {
  let media = onView.get(track);
  if (!media) {
    /** Elements made but not yet attached: a render has them, its commit not done. */
    const placing = new Set<HTMLMediaElement>();
    media = {
      attach() {
        const element = document.createElement('video');
        placing.add(element);
        // A render asks for the element and places it in the same update (Lit commits synchronously): after it, it is on the page.
        queueMicrotask(() => {
          if (placing.delete(element)) track.attach(element);
        });
        return element;
      },
      detach(element) {
        if (!placing.delete(element)) track.detach(element);
      },
    };
    onView.set(track, media);
  }
  return media;
}
