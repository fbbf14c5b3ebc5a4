import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { MediaTrack } from './session.js';

/**
 * The media elements a room's render shows (tiles, the screen share, pre-join's preview, hidden
 * audio): one per track, attached on first show and kept while renders show it; after an update,
 * tracks no longer shown are detached, so adaptive stream pauses them and LiveKit stops sending
 * what the visitor does not see. One per element: pre-join's preview moves onto the stage as it is.
 */
export class MediaController implements ReactiveController {
  #media = new Map<MediaTrack, HTMLMediaElement>();
  #shown = new Set<MediaTrack>();

  constructor(private readonly host: ReactiveControllerHost & { readonly renderRoot: ParentNode }) {
    host.addController(this);
  }

  /** The media element for `track` (a video muted, inline, mirrored when `local`), for a render to place. */
  element(track: MediaTrack, local = false): HTMLMediaElement {
    this.#shown.add(track);
    let element = this.#media.get(track);
    if (!element) {
      element = track.attach();
      if (element instanceof HTMLVideoElement) {
        element.muted = true;
        element.playsInline = true;
        if (local) element.classList.add('mirror');
      }
      this.#media.set(track, element);
    }
    return element;
  }

  hostUpdated(): void {
    // A media element taken out of the page pauses; one put back (a page of tiles, pre-join's
    // preview moving onto the stage) must play again.
    for (const media of this.host.renderRoot.querySelectorAll('video')) {
      if (media.paused && media.srcObject) void media.play().catch(() => {});
    }
    // Tracks off the page (another page of tiles, people who left): detached.
    for (const [track, element] of this.#media) {
      if (this.#shown.has(track)) continue;
      track.detach(element);
      this.#media.delete(track);
    }
    this.#shown.clear();
  }
}
