/**
 * Invite links: a secret that lets a guest past a room's code, its members-only rule and a knock
 * (never past a ban), for a set time, once or many times, until its maker or a moderator revokes
 * it. The store keeps the invite under the secret's hash, with the invite's own lifetime, and a
 * per-room index (id → hash) for listing and revoking.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Invite, InviteSummary, InviteUses } from '../contract/index.js';
import { ConveneError } from '../errors.js';
import { keys, parseStored, type DoorDeps } from './deps.js';

/** The longest an invite may live: a week. */
export const MAX_INVITE_SECONDS = 7 * 24 * 60 * 60;

interface StoredInvite {
  id: string;
  room: string;
  uses: InviteUses;
  expiresAt: number;
  by: string;
  byIdentity: string;
}

function hashOf(secret: string): string {
  return createHash('sha256').update(secret).digest('base64url');
}

function summary(invite: StoredInvite): InviteSummary {
  return {
    id: invite.id,
    room: invite.room,
    uses: invite.uses,
    expires_at: new Date(invite.expiresAt).toISOString(),
    by: invite.by,
  };
}

export async function createInvite(
  deps: DoorDeps,
  livekitRoom: string,
  room: string,
  maker: { identity: string; name: string },
  options: { expiresInSeconds: number; uses: InviteUses },
): Promise<Invite> {
  const secret = randomBytes(24).toString('base64url');
  const hash = hashOf(secret);
  const invite: StoredInvite = {
    id: randomBytes(9).toString('base64url'),
    room,
    uses: options.uses,
    expiresAt: Date.now() + options.expiresInSeconds * 1000,
    by: maker.name,
    byIdentity: maker.identity,
  };
  await deps.store.set(keys.invite(hash), JSON.stringify({ ...invite, livekitRoom }), options.expiresInSeconds);
  await deps.store.hset(keys.invites(livekitRoom), invite.id, hash, MAX_INVITE_SECONDS);
  return { ...summary(invite), secret };
}

/** The room's live invites (expired or used-up ones are dropped from the index as they are seen). */
async function stored(deps: DoorDeps, livekitRoom: string): Promise<{ invite: StoredInvite; hash: string }[]> {
  const index = await deps.store.hgetall(keys.invites(livekitRoom));
  const found: { invite: StoredInvite; hash: string }[] = [];
  for (const [id, hash] of Object.entries(index)) {
    const invite = parseStored<StoredInvite>(await deps.store.get(keys.invite(hash)));
    if (invite && invite.expiresAt > Date.now()) found.push({ invite, hash });
    else await deps.store.hdel(keys.invites(livekitRoom), id);
  }
  return found.sort((a, b) => a.invite.expiresAt - b.invite.expiresAt || a.invite.id.localeCompare(b.invite.id));
}

/** The room's invites as `viewer` may list them: a moderator all, anyone else their own. */
export async function listInvites(
  deps: DoorDeps,
  livekitRoom: string,
  viewer: { identity: string; moderator: boolean },
): Promise<InviteSummary[]> {
  return (await stored(deps, livekitRoom))
    .filter(({ invite }) => viewer.moderator || invite.byIdentity === viewer.identity)
    .map(({ invite }) => summary(invite));
}

/** Revokes invite `id`: 404 when there is none, 403 when `by` neither made it nor moderates. */
export async function revokeInvite(
  deps: DoorDeps,
  livekitRoom: string,
  id: string,
  by: { identity: string; moderator: boolean },
): Promise<void> {
  const hash = await deps.store.hget(keys.invites(livekitRoom), id);
  const invite = hash === null ? undefined : parseStored<StoredInvite>(await deps.store.get(keys.invite(hash)));
  if (!invite || hash === null)
    throw new ConveneError(404, 'not_found', 'There is no such invite (it may have expired).');
  if (!by.moderator && invite.byIdentity !== by.identity) {
    throw new ConveneError(403, 'forbidden', 'Only whoever made an invite, or a moderator, may withdraw it.');
  }
  await deps.store.delete(keys.invite(hash));
  await deps.store.hdel(keys.invites(livekitRoom), id);
}

/** An invite the token request showed, checked but not yet used (see `useInvite`). */
export interface ShownInvite {
  id: string;
  uses: InviteUses;
  hash: string;
}

function invalid(): ConveneError {
  return new ConveneError(
    403,
    'invite_invalid',
    'This invite link has expired, was used up or was withdrawn. Ask whoever sent it for a new one.',
  );
}

/** The invite `secret` names for this room; 403 `invite_invalid` when it is unknown, expired, revoked or used up. */
export async function checkInvite(deps: DoorDeps, livekitRoom: string, secret: string): Promise<ShownInvite> {
  const hash = hashOf(secret);
  const invite = parseStored<StoredInvite & { livekitRoom: string }>(await deps.store.get(keys.invite(hash)));
  if (!invite || invite.livekitRoom !== livekitRoom || invite.expiresAt <= Date.now()) throw invalid();
  return { id: invite.id, uses: invite.uses, hash };
}

/**
 * Uses the invite as a token is minted: a single-use invite is taken (once, whichever copy sees
 * it first; 403 `invite_invalid` for the one that comes second).
 */
export async function useInvite(deps: DoorDeps, livekitRoom: string, shown: ShownInvite): Promise<void> {
  if (shown.uses !== 'single') return;
  if ((await deps.store.take(keys.invite(shown.hash))) === null) throw invalid();
  await deps.store.hdel(keys.invites(livekitRoom), shown.id);
}
