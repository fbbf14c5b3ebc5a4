/**
 * "Remove and keep out": who may not get a token for a room until its meeting ends (the same sid
 * rule as the lock) or a moderator lets them back. Members and pass-holders are kept out by
 * identity, guests by the gid of their signed guest id (see ./guest-id.ts).
 */
import { ROLE_ATTRIBUTE, type KeptOut } from '../contract/index.js';
import { ConveneError } from '../errors.js';
import { keys, MEETING_TTL_SECONDS, meetingOf, parseStored, type DoorDeps } from './deps.js';
import { gidOfIdentity } from './guest-id.js';

interface Ban {
  name: string;
  since: number;
  sid: string;
}

/** Whom a ban names: a person the host site knows, by identity; a guest, by their browser's gid. */
export type BanSubject = { identity: string } | { gid: string };

export function banKey(subject: BanSubject): string {
  return 'gid' in subject ? `guest:${subject.gid}` : `person:${subject.identity}`;
}

/**
 * Whom to keep out for a participant in the room: a guest (their role attribute is not `member`,
 * and their identity is a guest identity) by gid, anyone else by identity.
 */
export function subjectOf(identity: string, role: string | undefined): BanSubject {
  const gid = role === 'member' ? undefined : gidOfIdentity(identity);
  return gid ? { gid } : { identity };
}

/** Keeps `subject` out of the room's current meeting. Needs the room open (the person is in it). */
export async function keepOut(deps: DoorDeps, livekitRoom: string, subject: BanSubject, name: string): Promise<void> {
  const sid = await meetingOf(deps, livekitRoom);
  if (!sid) return; // the meeting is over already: nobody to keep out of it
  const ban: Ban = { name, since: Date.now(), sid };
  await deps.store.hset(keys.bans(livekitRoom), banKey(subject), JSON.stringify(ban), MEETING_TTL_SECONDS);
}

/** 403 `kept_out` when any of `subjects` is kept out of this meeting; a ban of an earlier meeting is deleted. */
export async function refuseKeptOut(
  deps: DoorDeps,
  livekitRoom: string,
  roomName: string,
  subjects: BanSubject[],
): Promise<void> {
  if (subjects.length === 0) return;
  const all = await deps.store.hgetall(keys.bans(livekitRoom));
  const hits = subjects.map(banKey).filter((key) => key in all);
  if (hits.length === 0) return;
  const sid = await meetingOf(deps, livekitRoom);
  let kept = false;
  for (const key of hits) {
    const ban = parseStored<Ban>(all[key] ?? null);
    if (ban && sid && ban.sid === sid) kept = true;
    else await deps.store.hdel(keys.bans(livekitRoom), key);
  }
  if (kept) {
    throw new ConveneError(
      403,
      'kept_out',
      `A moderator has removed you from ${roomName} for the rest of this meeting.`,
    );
  }
}

/** Who is kept out of the room's current meeting, earliest first. */
export async function listBans(deps: DoorDeps, livekitRoom: string): Promise<KeptOut[]> {
  const all = await deps.store.hgetall(keys.bans(livekitRoom));
  const entries = Object.entries(all);
  if (entries.length === 0) return [];
  const sid = await meetingOf(deps, livekitRoom);
  const out: KeptOut[] = [];
  for (const [key, text] of entries) {
    const ban = parseStored<Ban>(text);
    if (ban && sid && ban.sid === sid) out.push({ key, name: ban.name, since: new Date(ban.since).toISOString() });
    else await deps.store.hdel(keys.bans(livekitRoom), key);
  }
  return out.sort((a, b) => a.since.localeCompare(b.since) || a.key.localeCompare(b.key));
}

/** Lets someone back in; `false` when they were not kept out. */
export function letBack(deps: DoorDeps, livekitRoom: string, key: string): Promise<boolean> {
  return deps.store.hdel(keys.bans(livekitRoom), key);
}

/**
 * Someone LiveKit says has just joined who is kept out of this meeting (`roomSid`): removed again.
 * LiveKit cannot revoke a token, so a kept-out person's earlier token still opens the room until
 * it expires (at most the token lifetime); the webhook for their join brings them here.
 */
export async function removeIfKeptOut(
  deps: DoorDeps,
  livekitRoom: string,
  roomSid: string,
  participant: { identity: string; attributes: Record<string, string> },
): Promise<boolean> {
  const key = banKey(subjectOf(participant.identity, participant.attributes[ROLE_ATTRIBUTE]));
  const ban = parseStored<Ban>(await deps.store.hget(keys.bans(livekitRoom), key));
  if (!ban || ban.sid !== roomSid) return false;
  await deps.rooms.removeParticipant(livekitRoom, participant.identity);
  return true;
}
