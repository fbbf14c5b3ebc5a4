/** Checks on what peers send: size while reading, and a rate per sender. */
import type { TextStreamReader } from 'livekit-client';

/** Reads a text stream whole, or gives `undefined` (and stops reading) once it passes `maxChars`. */
export async function readLimited(reader: TextStreamReader, maxChars: number): Promise<string | undefined> {
  if (typeof reader.info.size === 'number' && reader.info.size > maxChars * 4) return undefined;
  let text = '';
  for await (const chunk of reader) {
    text += chunk;
    if (text.length > maxChars) return undefined;
  }
  return text;
}

/** A token bucket per sender: `burst` at once, refilled at `perSecond`. */
export class RateLimit {
  #buckets = new Map<string, { tokens: number; at: number }>();
  constructor(
    private readonly burst: number,
    private readonly perSecond: number,
  ) {}

  /** Whether `sender` may send one more now (and counts it). */
  take(sender: string, now = Date.now()): boolean {
    const bucket = this.#buckets.get(sender) ?? { tokens: this.burst, at: now };
    bucket.tokens = Math.min(this.burst, bucket.tokens + ((now - bucket.at) / 1000) * this.perSecond);
    bucket.at = now;
    const ok = bucket.tokens >= 1;
    if (ok) bucket.tokens -= 1;
    this.#buckets.set(sender, bucket);
    return ok;
  }
}

/** A short display string: control characters out, trimmed, at most `max` characters. */
export function cleanText(value: unknown, max: number): string | undefined {
  if (typeof value !== 'string') return undefined;
  // eslint-disable-next-line no-control-regex
  const text = value.replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '').trim();
  return text && text.length <= max ? text : undefined;
}
