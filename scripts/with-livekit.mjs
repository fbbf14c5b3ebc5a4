#!/usr/bin/env node
// `node scripts/with-livekit.mjs <command…>`: runs a command with LIVEKIT_URL, LIVEKIT_API_KEY and
// LIVEKIT_API_SECRET set: those of the environment if LIVEKIT_URL is set, else a local
// livekit-server started for the command's lifetime. The examples use it.
import { spawn } from 'node:child_process';
import { LivekitNotFoundError, startLivekit } from './lib/livekit.mjs';

const [command, ...args] = process.argv.slice(2);
if (!command) {
  console.error('usage: node scripts/with-livekit.mjs <command> [args…]');
  process.exit(2);
}
let stop = async () => {};
const env = { ...process.env };
if (!env.LIVEKIT_URL) {
  try {
    const livekit = await startLivekit();
    Object.assign(env, {
      LIVEKIT_URL: livekit.url,
      LIVEKIT_API_KEY: livekit.apiKey,
      LIVEKIT_API_SECRET: livekit.apiSecret,
    });
    stop = livekit.stop;
    console.log(`Local livekit-server at ${livekit.url} (dev keys).`);
  } catch (error) {
    console.error(
      error instanceof LivekitNotFoundError ? error.message : `Could not start livekit-server: ${error.message}`,
    );
    process.exit(1);
  }
}
const child = spawn(command, args, { stdio: 'inherit', env });
const forward = (signal) => child.kill(signal);
process.on('SIGINT', forward);
process.on('SIGTERM', forward);
child.on('exit', async (code, signal) => {
  await stop();
  process.exit(code ?? (signal ? 1 : 0));
});
