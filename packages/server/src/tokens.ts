/**
 * LiveKit access tokens: minted with the least grants a person needs, and read back when a
 * moderator calls the moderation endpoint.
 */
import { createHmac, createSecretKey, timingSafeEqual, type KeyObject } from 'node:crypto';
import { TokenVerifier } from 'livekit-server-sdk';
import type { LivekitSettings } from './livekit.js';
import { ROLE_ATTRIBUTE, ROLE_PROOF_ATTRIBUTE, STAGE_ATTRIBUTE, type ParticipantRole } from './contract/index.js';

/** The longest a token may admit anyone: 10 minutes. LiveKit refreshes a connected participant's token itself. */
export const MAX_TOKEN_TTL_SECONDS = 600;

export interface TokenClaims {
  identity: string;
  name: string;
  /** The LiveKit room name (`livekitRoomName`, or a table's `tableRoomName`). */
  room: string;
  role: ParticipantRole;
  /** For a moderator: what made them one now (see `ModeratorBasis`). Default `host`. */
  moderatorBasis?: ModeratorBasis;
  canPublish: boolean;
  /** In a stage room: `speaker` writes `STAGE_ATTRIBUTE` on them (a moderator); `audience` writes nothing. */
  stage?: 'speaker' | 'audience';
  ttlSeconds: number;
  /** Makes LiveKit create the room with this limit if the token's join is what creates it. */
  maxParticipants?: number;
}

const HEADER = Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'JWT' })).toString('base64url');

/** The secret as a key object, made once per secret rather than once per token. */
const keys = new Map<string, KeyObject>();
export function signingKey(secret: string): KeyObject {
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
  const expires = issuedAt + Math.min(claims.ttlSeconds, MAX_TOKEN_TTL_SECONDS);
  // In a new token an empty attribute is no attribute (through RoomService, '' is how one is deleted).
  const attributes = Object.fromEntries(
    Object.entries(
      roleAttributes(livekit, claims.room, claims.identity, claims.role, {
        basis: claims.moderatorBasis ?? 'host',
        expires,
      }),
    ).filter(([, value]) => value !== ''),
  );
  if (claims.stage === 'speaker') attributes[STAGE_ATTRIBUTE] = 'speaker';
  const payload = {
    iss: livekit.apiKey,
    sub: claims.identity,
    nbf: issuedAt,
    exp: expires,
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
 * What made someone a moderator when the server last decided: `host` — the host site said so
 * (its `authenticate(req)` or a member pass), so its current word, when a request carries it,
 * outranks the proof; `code` — they typed the room's moderator code, which they must type (their
 * page re-sends it) again to renew.
 */
export type ModeratorBasis = 'host' | 'code';

/**
 * The server's signature over "this identity moderates this LiveKit room, on this basis, until
 * this second". It rides in a participant attribute, which participants cannot write (their
 * tokens lack `canUpdateOwnMetadata`) and could not forge anyway: a copy of someone else's proof
 * names their identity, not the copier's. It expires with the token it was minted in: LiveKit
 * copies attributes into the tokens it refreshes, so the proof, not the token, says how long the
 * decision holds; the page renews it (`POST .../role`) with a fresh decision before then.
 */
export function moderatorProof(
  apiSecret: string,
  livekitRoom: string,
  identity: string,
  basis: ModeratorBasis,
  expires: number,
): string {
  const signature = createHmac('sha256', signingKey(apiSecret))
    .update(`convene-moderator-v2\0${livekitRoom}\0${identity}\0${basis}\0${expires}`)
    .digest('base64url');
  return `${basis}.${expires}.${signature}`;
}

/** The role attribute, and for a moderator the proof, as the server writes them (in a token or through RoomService). */
export function roleAttributes(
  livekit: LivekitSettings,
  livekitRoom: string,
  identity: string,
  role: ParticipantRole,
  proof: { basis: ModeratorBasis; expires: number },
): Record<string, string> {
  return {
    [ROLE_ATTRIBUTE]: role,
    [ROLE_PROOF_ATTRIBUTE]:
      role === 'moderator' ? moderatorProof(livekit.apiSecret, livekitRoom, identity, proof.basis, proof.expires) : '',
  };
}

/** A proof's basis and expiry when it is the server's and still holds at `now` (seconds), else `undefined`. */
export function readModeratorProof(
  apiSecret: string,
  livekitRoom: string,
  identity: string,
  proof: string,
  now = Math.floor(Date.now() / 1000),
): { basis: ModeratorBasis; expires: number } | undefined {
  const match = /^(host|code)\.(\d{1,12})\.[A-Za-z0-9_-]{43}$/.exec(proof);
  if (!match) return undefined;
  const basis = match[1] as ModeratorBasis;
  const expires = Number(match[2]);
  const expected = Buffer.from(moderatorProof(apiSecret, livekitRoom, identity, basis, expires));
  const given = Buffer.from(proof);
  if (given.length !== expected.length || !timingSafeEqual(given, expected) || expires <= now) return undefined;
  return { basis, expires };
}

export type BearerCheck =
  | {
      ok: true;
      identity: string;
      /** The token's `name` claim: the name the server minted (participants cannot rename themselves). */
      name: string;
      /** `moderator` only with a valid, unexpired proof; `member` or `guest` as the token's role attribute says. */
      role: ParticipantRole;
      moderator: boolean;
      /** With `moderator`: what the proof says made them one, and when it stops counting (seconds). */
      proof?: { basis: ModeratorBasis; expires: number };
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
  const proof =
    attributes[ROLE_ATTRIBUTE] === 'moderator'
      ? readModeratorProof(livekit.apiSecret, livekitRoom, identity, String(attributes[ROLE_PROOF_ATTRIBUTE] ?? ''))
      : undefined;
  const moderator = proof !== undefined;
  // A moderator whose proof lapsed (or was never the server's) counts as a guest until renewed.
  const role: ParticipantRole = moderator ? 'moderator' : attributes[ROLE_ATTRIBUTE] === 'member' ? 'member' : 'guest';
  const name = typeof claims.name === 'string' ? claims.name : '';
  return { ok: true, identity, name, role, moderator, ...(proof ? { proof } : {}) };
}
