// Finds the Chromium that browser tests, e2e tests and benchmarks drive.
import { existsSync } from 'node:fs';

const CANDIDATES = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
];

/** Flags for headless Chromium with a fake camera and microphone, on loopback only. */
export const CHROMIUM_ARGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--use-fake-device-for-media-stream',
  '--use-fake-ui-for-media-stream',
  '--allow-loopback-in-peer-connection',
  '--autoplay-policy=no-user-gesture-required',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
  '--disable-dev-shm-usage',
  // Several participants are several tabs: none of them may be throttled for being in the background.
  '--disable-background-timer-throttling',
  '--disable-backgrounding-occluded-windows',
  '--disable-renderer-backgrounding',
];

export class ChromiumNotFoundError extends Error {
  constructor() {
    super(
      [
        'Chromium was not found. The browser and end-to-end tests drive a real Chromium.',
        'Install it, then run the command again:',
        '  - Debian/Ubuntu: sudo apt-get install -y chromium',
        '  - macOS: install Google Chrome or Chromium',
        '  - or set CHROME_PATH to a Chromium or Chrome executable.',
      ].join('\n'),
    );
    this.name = 'ChromiumNotFoundError';
  }
}

/** @returns {string} */
export function findChromium() {
  const fromEnv = process.env.CHROME_PATH;
  if (fromEnv) {
    if (!existsSync(fromEnv)) throw new Error(`CHROME_PATH is set to ${fromEnv}, which does not exist.`);
    return fromEnv;
  }
  const found = CANDIDATES.find((candidate) => existsSync(candidate));
  if (!found) throw new ChromiumNotFoundError();
  return found;
}
