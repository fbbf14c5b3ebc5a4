/** The one place that loads `livekit-client`: dynamically, once per page, on first need. */
type LivekitModule = typeof import('livekit-client');

let livekitModule: Promise<LivekitModule> | undefined;

/** Loads livekit-client once per page, on first need (pre-join's camera, or joining). */
export function loadLivekit(): Promise<LivekitModule> {
  livekitModule ??= import('livekit-client').catch((error: unknown) => {
    livekitModule = undefined;
    throw error;
  });
  return livekitModule;
}
