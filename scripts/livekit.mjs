#!/usr/bin/env node
// `npm run livekit`: a local livekit-server for development (dev mode, 127.0.0.1), installed with
// Go into a per-user cache the first time. With LIVEKIT_URL set, says so and starts nothing.
import { LivekitNotFoundError, findLivekitServer, startLivekit } from './lib/livekit.mjs';

if (process.env.LIVEKIT_URL) {
  console.log(`LIVEKIT_URL is set (${process.env.LIVEKIT_URL}): using that LiveKit; no local server started.`);
  process.exit(0);
}
if (process.argv.includes('--install-only')) {
  try {
    console.log(findLivekitServer());
    process.exit(0);
  } catch (error) {
    console.error(error.message);
    process.exit(1);
  }
}
let livekit;
try {
  livekit = await startLivekit();
} catch (error) {
  console.error(
    error instanceof LivekitNotFoundError ? error.message : `Could not start livekit-server: ${error.message}`,
  );
  process.exit(1);
}
console.log(`livekit-server is running (dev mode, 127.0.0.1 only).

  LIVEKIT_URL=${livekit.url}
  LIVEKIT_API_KEY=${livekit.apiKey}
  LIVEKIT_API_SECRET=${livekit.apiSecret}

Log: ${livekit.logFile}
Press Ctrl-C to stop.`);
const stop = async () => {
  await livekit.stop();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
