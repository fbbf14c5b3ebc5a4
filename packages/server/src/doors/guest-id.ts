/**
 * A browser's guest id: what lets "remove and keep out" recognise a guest who comes back. The
 * server picks a random id, signs it with the LiveKit API secret (like the moderator proof), and
 * the token response hands `<gid>.<signature>` to the browser, which sends it back with its next
 * token requests. A guest identity carries the gid: `guest-<gid>-<random>`. A guest who clears
 * their storage gets a new id (the README says so): lock + knock is the answer to that.
 */
import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import { signingKey } from '../tokens.js';

/** A gid: 32 lowercase hex digits. */
const GID = /^[0-9a-f]{32}$/;
const SIGNED = /^([0-9a-f]{32})\.([A-Za-z0-9_-]{43})$/;
const GUEST_IDENTITY = /^guest-([0-9a-f]{32})-[0-9a-f]{8}$/;

function signature(apiSecret: string, gid: string): string {
  return createHmac('sha256', signingKey(apiSecret)).update(`convene-guest-v1\0${gid}`).digest('base64url');
}

/** A new gid. */
export function newGid(): string {
  // randomUUID draws on Node's pooled entropy (a random v4 UUID: 122 random bits); randomBytes
  // asks the system for every call, which showed in the token endpoint's profile under load.
  return randomUUID().replaceAll('-', '');
}

/** The `guest_id` the token response carries for `gid`. */
export function signGuestId(apiSecret: string, gid: string): string {
  if (!GID.test(gid)) throw new Error('not a gid');
  return `${gid}.${signature(apiSecret, gid)}`;
}

/** The gid a `guest_id` names when the server signed it, else `undefined` (then the guest gets a new one). */
export function readGuestId(apiSecret: string, guestId: string | undefined): string | undefined {
  const match = guestId === undefined ? null : SIGNED.exec(guestId);
  if (!match) return undefined;
  const gid = match[1] as string;
  const given = Buffer.from(match[2] as string);
  const expected = Buffer.from(signature(apiSecret, gid));
  return given.length === expected.length && timingSafeEqual(given, expected) ? gid : undefined;
}

/** A LiveKit identity for a guest of this browser: unique per token, recognisable by its gid. */
export function guestIdentity(gid: string): string {
  return `guest-${gid}-${randomUUID().slice(0, 8)}`;
}

/** The gid in a guest identity (`guest-<gid>-<random>`), else `undefined`. */
export function gidOfIdentity(identity: string): string | undefined {
  return GUEST_IDENTITY.exec(identity)?.[1];
}
