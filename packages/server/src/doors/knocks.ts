/**
 * Knock to enter: a visitor asks, a moderator admits or denies, and nobody answering ends it
 * after a while. A knock lives in the store while its knocker's stream keeps it alive (its record
 * has a short lifetime the stream renews), so a visitor who leaves the page stops knocking. Its
 * answer is written once (`store.add`), so two moderators on two server copies cannot both
 * answer; an admission is taken once by the token request it lets in.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { ROLE_ATTRIBUTE, ROLE_PROOF_ATTRIBUTE, type KnockList, type KnockState } from '../contract/index.js';
import { ConveneError } from '../errors.js';
import { readModeratorProof } from '../tokens.js';
import { keys, knockChannel, parseStored, publishChange, type DoorDeps } from './deps.js';

/** How long an admitted knocker has to fetch their token. */
export const ADMISSION_SECONDS = 120;

export interface KnockTimes {
  /** Seconds without an answer before a knock ends as `unanswered`. */
  timeoutSeconds: number;
  /** Seconds a knock's record lives unless its knocker's stream renews it. */
  ttlSeconds: number;
}

export interface KnockRecord {
  id: string;
  space: string;
  room: string;
  livekitRoom: string;
  secretHash: string;
  name: string;
  /** ms, the server's clock. */
  since: number;
  deadline: number;
  /** Who the host site said the knocker is, when it knows them. */
  person?: { identity: string; member: boolean };
  /** The knocker's browser, when it sent a good guest id. */
  gid?: string;
}

export type Answer = Exclude<KnockState, 'waiting'>;

function hashOf(secret: string): string {
  return createHash('sha256').update(secret).digest('base64url');
}

export async function createKnock(
  deps: DoorDeps,
  times: KnockTimes,
  where: { space: string; room: string; livekitRoom: string },
  who: { name: string; person?: { identity: string; member: boolean }; gid?: string },
): Promise<{ record: KnockRecord; secret: string }> {
  const secret = randomBytes(24).toString('base64url');
  const now = Date.now();
  const record: KnockRecord = {
    id: randomBytes(12).toString('base64url'),
    ...where,
    secretHash: hashOf(secret),
    name: who.name,
    since: now,
    deadline: now + times.timeoutSeconds * 1000,
    ...(who.person ? { person: who.person } : {}),
    ...(who.gid ? { gid: who.gid } : {}),
  };
  await deps.store.set(keys.knock(record.id), JSON.stringify(record), times.ttlSeconds);
  await deps.store.hset(keys.knocks(where.livekitRoom), record.id, String(now), indexSeconds(times));
  await publishChange(deps.store, where.space, { room: where.room, what: 'knocks' });
  return { record, secret };
}

function indexSeconds(times: KnockTimes): number {
  return Math.max(times.timeoutSeconds, times.ttlSeconds) + ADMISSION_SECONDS + 60;
}

/** 404 `knock_not_found`: the knock ended, lapsed, or never was (or the secret is not its own). */
export function knockNotFound(): ConveneError {
  return new ConveneError(
    404,
    'knock_not_found',
    'That request to come in has ended. Ask again if you still want to come in.',
  );
}

/** A knock id as the API shows it: what a URL may name. */
export const KNOCK_ID = /^[A-Za-z0-9_-]{16}$/;

export async function readKnock(deps: DoorDeps, id: string): Promise<KnockRecord | undefined> {
  if (!KNOCK_ID.test(id)) return undefined;
  return parseStored<KnockRecord>(await deps.store.get(keys.knock(id)));
}

/** Whether `secret` is this knock's. */
export function isKnocker(record: KnockRecord, secret: string | undefined): boolean {
  if (!secret) return false;
  const given = Buffer.from(hashOf(secret));
  const expected = Buffer.from(record.secretHash);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** The knock's state now: its answer, else `unanswered` past its deadline, else `waiting`. */
export async function stateOf(deps: DoorDeps, record: KnockRecord, now = Date.now()): Promise<KnockState> {
  const answer = (await deps.store.get(keys.answer(record.id))) as Answer | null;
  if (answer) return answer;
  return now >= record.deadline ? 'unanswered' : 'waiting';
}

/**
 * Answers the knock, if nobody has: `true` when this answer is the one that counts. An admission
 * is kept for the token request (`takeAdmission`); every stream hears of the answer.
 */
export async function answerKnock(
  deps: DoorDeps,
  times: KnockTimes,
  record: KnockRecord,
  answer: Answer,
): Promise<boolean> {
  if (answer !== 'unanswered' && Date.now() >= record.deadline) {
    // Too late: it is unanswered, whoever answers now.
    answer = 'unanswered';
  }
  const first = await deps.store.add(keys.answer(record.id), answer, indexSeconds(times));
  if (first && answer === 'admitted') {
    await deps.store.set(keys.admission(record.id), record.id, ADMISSION_SECONDS);
    await deps.store.touch(keys.knock(record.id), ADMISSION_SECONDS);
  }
  await deps.store.hdel(keys.knocks(record.livekitRoom), record.id);
  if (first) {
    await deps.store.publish(knockChannel(record.id), answer);
    await publishChange(deps.store, record.space, { room: record.room, what: 'knocks' });
  }
  return first && answer !== 'unanswered';
}

/** Uses the admission up; `false` when it was used already, or has lapsed. */
export async function takeAdmission(deps: DoorDeps, id: string): Promise<boolean> {
  return (await deps.store.take(keys.admission(id))) !== null;
}

/** Renews a waiting knock's record; `false` when it is gone. */
export function keepKnocking(deps: DoorDeps, times: KnockTimes, id: string): Promise<boolean> {
  return deps.store.touch(keys.knock(id), times.ttlSeconds);
}

/** The room's waiting knocks, in the order they came; ended or lapsed ones leave the index as they are seen. */
export async function listKnocks(deps: DoorDeps, livekitRoom: string, room: string): Promise<KnockList> {
  const index = await deps.store.hgetall(keys.knocks(livekitRoom));
  const now = Date.now();
  const waiting: KnockRecord[] = [];
  for (const id of Object.keys(index)) {
    const record = await readKnock(deps, id);
    if (record && (await stateOf(deps, record, now)) === 'waiting') waiting.push(record);
    else await deps.store.hdel(keys.knocks(livekitRoom), id);
  }
  waiting.sort((a, b) => a.since - b.since || a.id.localeCompare(b.id));
  return {
    room,
    knocks: waiting.map((k) => ({ id: k.id, name: k.name, since: new Date(k.since).toISOString() })),
  };
}

/**
 * The names of the moderators in the LiveKit room now (the role attribute with a proof that is
 * the server's and still holds): who a knocker is waiting for.
 */
export async function hostsOf(deps: DoorDeps, apiSecret: string, livekitRoom: string): Promise<string[]> {
  const participants = await deps
    .askLivekit('listParticipants', () => deps.rooms.listParticipants(livekitRoom))
    .catch((error: unknown) => {
      if ((error as { status?: number }).status === 404) return [];
      throw error;
    });
  return participants
    .filter(
      (p) =>
        p.attributes[ROLE_ATTRIBUTE] === 'moderator' &&
        readModeratorProof(apiSecret, livekitRoom, p.identity, p.attributes[ROLE_PROOF_ATTRIBUTE] ?? '') !== undefined,
    )
    .map((p) => p.name || p.identity)
    .sort((a, b) => a.localeCompare(b));
}
