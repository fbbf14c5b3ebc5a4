/**
 * LiveKit access tokens: minted with the least grants a person needs, and read back when a
 * moderator calls the moderation endpoint.
 */
import { createHmac, createSecretKey, timingSafeEqual, type KeyObject } from 'node:crypto';
import { TokenVerifier } from 'livekit-server-sdk';
import type { LivekitSettings } from './livekit.js';
import { ROLE_ATTRIBUTE, ROLE_PROOF_ATTRIBUTE, type ParticipantRole } from './contract/index.js';

/** The longest a token may admit anyone: 10 minutes. LiveKit refreshes a connected participant's token itself. */
export const MAX_TOKEN_TTL_SECONDS = 600;

export interface TokenClaims {
  identity: string;
  name: string;
  /** The LiveKit room name (`livekitRoomName`, or a table's `tableRoomName`). */
  room: string;
  role: ParticipantRole;
  canPublish: boolean;
  ttlSeconds: number;
  /** Makes LiveKit create the room with this limit if the token's join is what creates it. */
  maxParticipants?: number;
}

const HEADER = Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'JWT' })).toString('base64url');

/** The secret as a key object, made once per secret rather than once per token. */
const keys = new Map<string, KeyObject>();
function signingKey(secret: string): KeyObject {
  let key = keys.get(secret);
  if (!key) {
    key = createSecretKey(Buffer.from(secret, 'utf8'));
    keys.set(secret, key);
  }
  return key;
}

/**
 * Signs an HS256 JWT with the claims LiveKit reads (the same claims `AccessToken.toJwt()` writes).
 * Node's HMAC rather than jose's WebCrypto: the same bytes, synchronously, several times faster.
 */
export function mintToken(livekit: LivekitSettings, claims: TokenClaims, now = Date.now()): string {
  const issuedAt = Math.floor(now / 1000);
  const attributes: Record<string, string> = { [ROLE_ATTRIBUTE]: claims.role };
  if (claims.role === 'moderator') {
    attributes[ROLE_PROOF_ATTRIBUTE] = moderatorProof(livekit.apiSecret, claims.room, claims.identity);
  }
  const payload = {
    iss: livekit.apiKey,
    sub: claims.identity,
    nbf: issuedAt,
    exp: issuedAt + Math.min(claims.ttlSeconds, MAX_TOKEN_TTL_SECONDS),
    name: claims.name,
    video: {
      room: claims.room,
      roomJoin: true,
      canSubscribe: true,
      canPublish: claims.canPublish,
      // Chat and reactions travel as data. No `canUpdateOwnMetadata`: a person's name and every
      // attribute (role, hand, table seat) is the server's word, written through RoomService only.
      canPublishData: true,
    },
    attributes,
    ...(claims.maxParticipants ? { roomConfig: { maxParticipants: claims.maxParticipants } } : {}),
  };
  const input = `${HEADER}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}`;
  return `${input}.${createHmac('sha256', signingKey(livekit.apiSecret)).update(input).digest('base64url')}`;
}

/**
 * The server's signature over "this identity moderates this LiveKit room". It rides in a
 * participant attribute, which participants cannot write (their tokens lack
 * `canUpdateOwnMetadata`) and could not forge anyway: a copy of someone else's proof names
 * their identity, not the copier's.
 */
export function moderatorProof(apiSecret: string, livekitRoom: string, identity: string): string {
  return createHmac('sha256', signingKey(apiSecret))
    .update(`convene-moderator-v1\0${livekitRoom}\0${identity}`)
    .digest('base64url');
}

export type BearerCheck =
  | {
      ok: true;
      identity: string;
      /** The token's `name` claim: the name the server minted (participants cannot rename themselves). */
      name: string;
      /** `moderator` only with a valid proof; `member` or `guest` as the token's role attribute says. */
      role: ParticipantRole;
      moderator: boolean;
    }
  | { ok: false; reason: 'missing' | 'invalid' | 'wrong_room' };

/**
 * Reads a LiveKit token presented as `Authorization: Bearer …` (ours, or one LiveKit refreshed
 * from it): valid signature, not expired, for this room; moderator only with a valid proof.
 */
export async function checkBearer(
  livekit: LivekitSettings,
  authorization: string | undefined,
  livekitRoom: string,
): Promise<BearerCheck> {
  const match = /^Bearer ([A-Za-z0-9_.-]{1,8192})$/.exec(authorization ?? '');
  if (!match) return { ok: false, reason: 'missing' };
  let claims;
  try {
    claims = await new TokenVerifier(livekit.apiKey, livekit.apiSecret).verify(match[1] as string, 0);
  } catch {
    return { ok: false, reason: 'invalid' };
  }
  const identity = typeof claims.sub === 'string' ? claims.sub : '';
  if (!identity || claims.video?.room !== livekitRoom || !claims.video.roomJoin) {
    return { ok: false, reason: 'wrong_room' };
  }
  const attributes = claims.attributes ?? {};
  const proof = Buffer.from(String(attributes[ROLE_PROOF_ATTRIBUTE] ?? ''));
  const expected = Buffer.from(moderatorProof(livekit.apiSecret, livekitRoom, identity));
  const moderator =
    attributes[ROLE_ATTRIBUTE] === 'moderator' && proof.length === expected.length && timingSafeEqual(proof, expected);
  const role: ParticipantRole = moderator ? 'moderator' : attributes[ROLE_ATTRIBUTE] === 'member' ? 'member' : 'guest';
  const name = typeof claims.name === 'string' ? claims.name : '';
  return { ok: true, identity, name, role, moderator };
}
