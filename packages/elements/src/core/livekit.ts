/**
 * The one place that loads `livekit-client`: dynamically, once per page, on first need. It resolves
 * with the parts Convene's room uses (`./livekit-parts.ts`: Room, RoomEvent, DisconnectReason,
 * Track, createLocalVideoTrack, createLocalAudioTrack), not the whole module; a page that needs
 * more of livekit-client imports it itself (the npm package leaves it to the app's bundler).
 */
type LivekitModule = typeof import('./livekit-parts.js');

let livekitModule: Promise<LivekitModule> | undefined;

/** Loads livekit-client once per page, on first need (pre-join's camera, or joining). */
export function loadLivekit(): Promise<LivekitModule> {
  livekitModule ??= import('./livekit-parts.js').catch((error: unknown) => {
    livekitModule = undefined;
    throw error;
  });
  return livekitModule;
}
