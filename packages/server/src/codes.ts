import { randomBytes, scrypt as scryptCallback, timingSafeEqual, type ScryptOptions } from 'node:crypto';

const scrypt = (password: string, salt: Buffer, keylen: number, options: ScryptOptions) =>
  new Promise<Buffer>((resolve, reject) =>
    scryptCallback(password, salt, keylen, options, (error, key) => (error ? reject(error) : resolve(key))),
  );

const N = 16384;
const R = 8;
const P = 1;
const KEY_LENGTH = 32;

/** Normalises what a person types: surrounding space ignored, Unicode composed. */
function normalise(code: string): string {
  return code.normalize('NFC').trim();
}

/** The fewest characters a code may have (after trimming). */
export const MIN_CODE_LENGTH = 6;

/**
 * Hashes an access or moderator code for the config: `scrypt$N$r$p$salt$hash`. Refuses a code
 * shorter than `MIN_CODE_LENGTH`. The hash does not tell how long its code was, so this is where
 * the rule holds: a config cannot be checked for it (hashes made before the rule keep working).
 */
export async function hashCode(code: string): Promise<string> {
  const plain = normalise(code);
  if ([...plain].length < MIN_CODE_LENGTH) {
    throw new Error(
      `Choose a code of at least ${MIN_CODE_LENGTH} characters: shorter ones can be guessed (this one has ${[...plain].length}).`,
    );
  }
  const salt = randomBytes(16);
  const key = await scrypt(plain, salt, KEY_LENGTH, { N, r: R, p: P });
  return `scrypt$${N}$${R}$${P}$${salt.toString('base64')}$${key.toString('base64')}`;
}

/** Checks a typed code against a stored hash in constant time. */
export async function verifyCode(code: string, stored: string): Promise<boolean> {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [n, r, p] = parts.slice(1, 4).map(Number);
  const salt = Buffer.from(parts[4] ?? '', 'base64');
  const expected = Buffer.from(parts[5] ?? '', 'base64');
  if (!n || !r || !p || expected.length === 0) return false;
  const key = await scrypt(normalise(code), salt, expected.length, { N: n, r, p, maxmem: 256 * n * r + 1024 * 1024 });
  return timingSafeEqual(key, expected);
}
