/** Where the server finds LiveKit, and the keys it signs tokens with. Never sent to a browser. */
export interface LivekitSettings {
  /** URL the server uses for LiveKit's API, e.g. `wss://coop.livekit.cloud` or `ws://127.0.0.1:7880`. */
  url: string;
  /** URL browsers connect to; defaults to `url`. */
  publicUrl?: string;
  apiKey: string;
  apiSecret: string;
}

/** Reads LIVEKIT_URL, LIVEKIT_API_KEY, LIVEKIT_API_SECRET (and LIVEKIT_PUBLIC_URL); throws naming what is missing. */
export function livekitFromEnv(env: NodeJS.ProcessEnv = process.env): LivekitSettings {
  const missing = ['LIVEKIT_URL', 'LIVEKIT_API_KEY', 'LIVEKIT_API_SECRET'].filter((name) => !env[name]);
  if (missing.length > 0) {
    throw new Error(
      `${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} not set. Convene needs the URL and API key pair of a ` +
        'LiveKit server (LiveKit Cloud, self-hosted, or `npm run livekit` for a local one, whose pair is devkey / secret).',
    );
  }
  const url = env.LIVEKIT_URL as string;
  for (const [name, value] of [
    ['LIVEKIT_URL', url],
    ['LIVEKIT_PUBLIC_URL', env.LIVEKIT_PUBLIC_URL],
  ] as const) {
    if (value && !/^(wss?|https?):\/\/[^\s]+$/.test(value)) {
      throw new Error(`${name} must be a ws://, wss://, http:// or https:// URL, got "${value}".`);
    }
  }
  return {
    url,
    apiKey: env.LIVEKIT_API_KEY as string,
    apiSecret: env.LIVEKIT_API_SECRET as string,
    ...(env.LIVEKIT_PUBLIC_URL ? { publicUrl: env.LIVEKIT_PUBLIC_URL } : {}),
  };
}

/** LiveKit's HTTP API lives at the same host as its WebSocket. */
export function livekitHttpUrl(url: string): string {
  return url.replace(/^ws(s?):\/\//, 'http$1://');
}
