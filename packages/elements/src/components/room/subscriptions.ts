/**
 * What the stage asks LiveKit to send of each remote camera on view, as pure functions of the
 * layout: the layer that fits the tile and a frame rate that fits the person's role. Decoding is
 * most of a call's CPU, so the page asks for no more than a person sees:
 *
 * - **Featured** (speaking, pinned, the only ones on view, or tiles big enough to watch closely):
 *   everything adaptive stream asks for by itself, the layer that fills the tile at every frame.
 * - **Listeners in a grid** of more than `FULL_RATE_TILES`: a layer for three quarters of the
 *   tile's size (the SFU then sends the simulcast layer just under the tile rather than the one
 *   above it: 320x180 for a ~400x225 tile instead of 640x360), at `LISTENER_FPS`. LiveKit's SFU
 *   meets a frame rate with the lowest temporal layer at or above it; asking for 8 gets the middle
 *   one, half the camera's rate (10 fps of a 20 fps LiveKit-encoded camera, 15 of a 30 fps one).
 *
 * Tiles off the page are not on view: their elements are detached, and adaptive stream has the
 * SFU send nothing for them (media-controller.ts).
 */

/** A tile on view with a remote camera. */
export interface TileOnView {
  identity: string;
  isSpeaking: boolean;
  /** The spotlight's pinned tile. */
  featured: boolean;
  /** The tile's size on screen (CSS px). */
  width: number;
  height: number;
}

/** What to ask of one remote camera. */
export interface CameraDemand {
  identity: string;
  /** `full`: all adaptive stream asks for; `reduced`: at most `width`×`height` px, at `fps`. */
  kind: 'full' | 'reduced';
  /** For `reduced`: the largest picture worth receiving (CSS px). */
  width: number;
  height: number;
  /** For `reduced`: frames per second to ask for. */
  fps: number;
}

/** Up to this many tiles on view, each is big enough to watch closely: every camera at full rate. */
export const FULL_RATE_TILES = 4;
/** What a listener in a grid is asked at (see above: the SFU's middle temporal layer). */
export const LISTENER_FPS = 8;
/** A listener's picture: this share of the tile's width and height. */
export const LISTENER_SCALE = 0.75;

/** The demand for each remote camera on view, in a stage of `tilesOnView` tiles (the visitor's own among them). */
export function cameraDemands(tiles: TileOnView[], tilesOnView: number): CameraDemand[] {
  const grid = tilesOnView > FULL_RATE_TILES;
  return tiles.map(({ identity, featured, isSpeaking, width, height }) =>
    !grid || featured || isSpeaking || width <= 0 || height <= 0
      ? { identity, kind: 'full', width: 0, height: 0, fps: 0 }
      : {
          identity,
          kind: 'reduced',
          // In steps of 8 px: a stage resized by a pixel asks the SFU nothing new.
          width: Math.max(8, Math.round((width * LISTENER_SCALE) / 8) * 8),
          height: Math.max(8, Math.round((height * LISTENER_SCALE) / 8) * 8),
          fps: LISTENER_FPS,
        },
  );
}

/** The part of a remote camera's publication the demands set (livekit-client's `RemoteTrackPublication`). */
export interface CameraPublication {
  setVideoQuality(quality: number): void;
  setVideoDimensions(dimensions: { width: number; height: number }): void;
  setVideoFPS(fps: number): void;
}

/** livekit-client's `VideoQuality.HIGH`: with adaptive stream on, the tile's own size decides below it. */
const HIGH = 2;

/**
 * Applies `demand` to a camera's publication, only when it changed since `previous` (every call
 * to LiveKit is a message to the SFU). `fps` 0 asks for every frame.
 */
export function applyDemand(publication: CameraPublication, demand: CameraDemand, previous?: CameraDemand): void {
  if (previous && sameDemand(previous, demand)) return;
  if (demand.kind === 'full') {
    publication.setVideoQuality(HIGH);
    publication.setVideoFPS(0);
  } else {
    publication.setVideoDimensions({ width: demand.width, height: demand.height });
    publication.setVideoFPS(demand.fps);
  }
}

export function sameDemand(a: CameraDemand, b: CameraDemand): boolean {
  return a.kind === b.kind && a.width === b.width && a.height === b.height && a.fps === b.fps;
}
