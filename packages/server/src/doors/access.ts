/**
 * The doors a token request passes, in this order: a ban (nothing gets past it), an invite, an
 * admitted knock, the moderator's lock; then the room's own access rules (members only, access
 * code) for whoever came through no door. Checked before anything is minted; used up (a
 * single-use invite, the admission) only as the token is minted.
 */
import { ConveneError } from '../errors.js';
import type { AuthenticatedPerson, RoomConfig, TokenRequest } from '../schema.js';
import { refuseKeptOut, type BanSubject } from './bans.js';
import type { DoorDeps } from './deps.js';
import { newGid, readGuestId } from './guest-id.js';
import { checkInvite, useInvite, type ShownInvite } from './invites.js';
import { isKnocker, knockNotFound, readKnock, stateOf, takeAdmission, type KnockRecord } from './knocks.js';
import { currentLock } from './locks.js';

/** Whom a ban could name for this visitor: a person by identity, a guest by each gid they showed. */
export function bannedSubjects(person: AuthenticatedPerson | null, gids: string[]): BanSubject[] {
  return person ? [{ identity: person.identity }] : gids.map((gid) => ({ gid }));
}

/** What a token request came through. */
export interface Doors {
  /** The request came through an invite or an admitted knock: past the code, the members rule and the lock. */
  passed: boolean;
  invite?: ShownInvite;
  knock?: KnockRecord;
  /** The guest's browser (a guest only): the one it showed, the knock's, or a new one. */
  gid?: string;
}

/**
 * Checks the ban, the invite and the knock a token request shows: 403 `kept_out`, 403
 * `invite_invalid`, 404 `knock_not_found`, 403 `knock_not_admitted`.
 */
export async function openDoors(
  deps: DoorDeps,
  apiSecret: string,
  where: { room: RoomConfig; livekitRoom: string },
  person: AuthenticatedPerson | null,
  body: Pick<TokenRequest, 'invite' | 'knock' | 'guest_id'>,
): Promise<Doors> {
  const { room, livekitRoom } = where;
  const shownGid = person ? undefined : readGuestId(apiSecret, body.guest_id);
  const knock = body.knock ? await readKnock(deps, body.knock.id) : undefined;
  const knockGid = knock && knock.livekitRoom === livekitRoom && !person ? knock.gid : undefined;
  const gids = [shownGid, knockGid].filter((gid): gid is string => gid !== undefined);
  await refuseKeptOut(deps, livekitRoom, room.name, bannedSubjects(person, gids));

  const doors: Doors = { passed: false };
  if (!person) doors.gid = shownGid ?? knockGid ?? newGid();
  if (body.invite !== undefined) {
    doors.invite = await checkInvite(deps, livekitRoom, body.invite);
    doors.passed = true;
  }
  if (body.knock) {
    if (!knock || knock.livekitRoom !== livekitRoom || !isKnocker(knock, body.knock.secret)) throw knockNotFound();
    if ((await stateOf(deps, knock)) !== 'admitted') {
      throw new ConveneError(403, 'knock_not_admitted', 'Nobody has let you in yet. Wait for an answer, or ask again.');
    }
    doors.knock = knock;
    doors.passed = true;
  }
  return doors;
}

/**
 * 403 `knock_required` while a moderator has locked the room, for anyone who is not a moderator
 * (nor a member, when the room's `lockAdmitsMembers` lets members in) and came through no door.
 */
export async function refuseLocked(
  deps: DoorDeps,
  where: { room: RoomConfig; livekitRoom: string },
  who: { moderator: boolean; member: boolean },
  doors: Doors,
): Promise<void> {
  if (who.moderator || doors.passed || (who.member && where.room.lockAdmitsMembers)) return;
  if (await currentLock(deps, where.livekitRoom)) {
    throw new ConveneError(
      403,
      'knock_required',
      `A moderator has locked ${where.room.name}. Ask to come in, and someone inside will let you in.`,
    );
  }
}

/** Uses up what the request came through, as its token is minted: the admission, a single-use invite. */
export async function useDoors(deps: DoorDeps, livekitRoom: string, doors: Doors): Promise<void> {
  if (doors.knock && !(await takeAdmission(deps, doors.knock.id))) throw knockNotFound();
  if (doors.invite) await useInvite(deps, livekitRoom, doors.invite);
}
