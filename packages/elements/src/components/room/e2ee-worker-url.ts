/**
 * Where LiveKit's E2EE worker is (issue 15). The script-tag embed's build replaces this module
 * (`e2eeWorker` in rollup.config.mjs): there the worker is a file of its own among convene.js's
 * chunks, which the Convene server serves. An app that bundles the npm package gets
 * livekit-client's own worker (`livekit-client/e2ee-worker`) through its bundler.
 */
export const e2eeWorkerUrl = (): string => new URL('livekit-client/e2ee-worker', import.meta.url).href;
