/**
 * Poll furniture under `/api/spaces/:space/rooms/:room/polls`: questions and decisions, kept in
 * the store (so a reload, a late join and every server copy see the same polls) and told to the
 * room through LiveKit after every change (`POLL_TOPIC`, sent by the server, so no peer can send
 * it in its name).
 *
 * - `POST .../polls`: ask (a moderator; anyone in the room when its poll says `anyone: true`).
 * - `GET .../polls`: the room's polls as this caller may see them.
 * - `POST .../polls/:id/votes`: one vote per identity, from someone in the room (their token).
 * - `POST .../polls/:id/close`: its asker or a moderator; closing freezes the results.
 *
 * One vote per person: a person is who the doors recognise across tokens (a guest by their
 * browser's server-signed id, as "remove and keep out" does; anyone else by identity), so leaving
 * and coming back with a new guest identity does not buy a second vote. A secret ballot's record
 * holds who has voted (to refuse a second vote, sorted: not in the order they voted) and the
 * tallies, never who chose what; its reasons are kept without names, sorted. A named ballot keeps
 * each person's choice under the server's name for them.
 *
 * A secret ballot's live results move in steps of `SECRET_BATCH` votes: the tallies, reasons and
 * count of voters the room sees change only once that many more have voted (and in full when the
 * poll closes), and the room is told nothing in between, so nobody can match a change to the
 * person who has just clicked.
 */
import { randomBytes } from 'node:crypto';
import type { Request, Router } from 'express';
import { DataPacket_Kind } from 'livekit-server-sdk';
import { z } from 'zod';
import {
  CONSENT_ANSWERS,
  livekitRoomName,
  POLL_BALLOTS,
  POLL_LIMITS,
  POLL_RESULTS,
  POLL_TOPIC,
  POLL_TYPES,
  sanitiseName,
  SECRET_BATCH,
  type NamedVote,
  type Poll,
  type PollBallot,
  type PollList,
  type PollResults,
  type PollType,
  type PollView,
} from '../contract/index.js';
import { banKey, subjectOf } from '../doors/bans.js';
import { ConveneError } from '../errors.js';
import { readJson, sendJson } from '../http.js';
import type { RoomConfig, SpaceConfig } from '../schema.js';
import {
  bearerRequired,
  findRoom,
  findSpace,
  parseWith,
  rateLimited,
  roomCaller,
  type RoomCaller,
  type RouteContext,
} from './context.js';

/** Questions asked per person and room: a meeting's worth, not a flood. */
export const POLL_CREATE_LIMIT = { limit: 10, windowSeconds: 60 };
/** Votes (and closes) per person and room. */
export const POLL_VOTE_LIMIT = { limit: 30, windowSeconds: 60 };
/** How long a poll is kept after its last change (its closing, or its last vote), in seconds. */
export const POLL_TTL_SECONDS = 24 * 60 * 60;
/** Polls a room keeps at once; older ones go when they expire. */
export const MAX_POLLS_PER_ROOM = 50;

/** Text as a person typed it: cleaned as names are (one line, no invisible characters), 1–`max` characters. */
const text = (max: number, what: string) =>
  z
    .string()
    .max(max * 4, `${what} may have at most ${max} characters`)
    .transform((value, ctx) => {
      const clean = sanitiseName(value);
      if (clean.length === 0) ctx.addIssue({ code: 'custom', message: `${what} is empty` });
      else if (clean.length > max)
        ctx.addIssue({ code: 'custom', message: `${what} may have at most ${max} characters` });
      return clean;
    });

const pollRequestSchema = z
  .object({
    type: z.enum(POLL_TYPES),
    question: text(POLL_LIMITS.question, 'a question'),
    choices: z
      .array(text(POLL_LIMITS.choice, 'a choice'))
      .max(POLL_LIMITS.choices, `at most ${POLL_LIMITS.choices} choices`)
      .optional(),
    multiple: z.boolean().optional(),
    ballot: z.enum(POLL_BALLOTS),
    results: z.enum(POLL_RESULTS),
  })
  .strict()
  .superRefine((poll, ctx) => {
    if (poll.type === 'choice') {
      const choices = poll.choices ?? [];
      if (choices.length < 2) ctx.addIssue({ code: 'custom', path: ['choices'], message: 'list 2–10 choices' });
      const seen = new Set<string>();
      choices.forEach((choice, index) => {
        if (seen.has(choice.toLowerCase())) {
          ctx.addIssue({ code: 'custom', path: ['choices', index], message: `"${choice}" is listed twice` });
        }
        seen.add(choice.toLowerCase());
      });
    } else {
      if (poll.choices !== undefined) {
        ctx.addIssue({ code: 'custom', path: ['choices'], message: `a ${poll.type} poll has its own choices` });
      }
      if (poll.multiple)
        ctx.addIssue({ code: 'custom', path: ['multiple'], message: 'only a choice poll takes several' });
    }
  });

const voteRequestSchema = z
  .object({
    choices: z
      .array(
        z
          .number()
          .int()
          .min(0)
          .max(POLL_LIMITS.choices - 1),
      )
      .min(1, 'choose at least one')
      .max(POLL_LIMITS.choices),
    reason: z
      .string()
      .max(POLL_LIMITS.reason * 4, `a reason may have at most ${POLL_LIMITS.reason} characters`)
      .transform((value, ctx) => {
        const clean = sanitiseName(value);
        if (clean.length > POLL_LIMITS.reason) {
          ctx.addIssue({ code: 'custom', message: `a reason may have at most ${POLL_LIMITS.reason} characters` });
        }
        return clean;
      })
      .optional(),
  })
  .strict();

const closeRequestSchema = z.object({}).strict();

/** A poll as the store keeps it. */
interface PollRecord {
  id: string;
  type: PollType;
  question: string;
  options: string[];
  multiple: boolean;
  ballot: PollBallot;
  results: PollResults;
  asker: { identity: string; name: string };
  /** The asker as a voter is known (`voterKey`): they may close it from a later token too. */
  askerKey: string;
  askedAt: number;
  closedAt?: number;
  /** Who has voted (`voterKey`s), sorted (a secret ballot keeps no order that could match its tallies' changes). */
  voters: string[];
  tallies: number[];
  /** Named ballots: voter key → the vote (with the identity it came from). */
  votes?: Record<string, NamedVote>;
  /** Secret ballots: reasons by answer, sorted, without names. */
  reasons?: { choice: number; text: string }[];
  /** Secret ballots with live results: what the room sees while open (the last full step of `SECRET_BATCH` votes). */
  shown?: { voters: number; tallies: number[]; reasons: { choice: number; text: string }[] };
}

const keys = {
  /** The room's polls: id → when asked (ms). */
  index: (livekitRoom: string) => `polls:${livekitRoom}`,
  poll: (livekitRoom: string, id: string) => `poll:${livekitRoom}:${id}`,
  /** Held while one copy changes a poll, so votes on every copy count one after another. */
  lock: (livekitRoom: string, id: string) => `poll-lock:${livekitRoom}:${id}`,
};

const POLL_ID = /^[A-Za-z0-9_-]{12}$/;
const ROOM = '/api/spaces/:space/rooms/:room';

function optionsOf(type: PollType, choices: string[] | undefined): string[] {
  if (type === 'consent') return [...CONSENT_ANSWERS];
  if (type === 'fist') return ['0', '1', '2', '3', '4', '5'];
  return choices ?? [];
}

/** What everyone may see of a poll: tallies once the results show; names only on a named ballot. */
export function publicPoll(record: PollRecord): Poll {
  const open = record.closedAt === undefined;
  const showing = record.results === 'live' || !open;
  // Live and secret, while open: the last full step of votes, never the vote just cast.
  const stepped =
    showing && open && record.ballot === 'secret'
      ? (record.shown ?? { voters: 0, tallies: record.tallies.map(() => 0), reasons: [] })
      : undefined;
  const poll: Poll = {
    id: record.id,
    type: record.type,
    question: record.question,
    options: record.options,
    multiple: record.multiple,
    ballot: record.ballot,
    results: record.results,
    asker: record.asker,
    asked_at: new Date(record.askedAt).toISOString(),
    voters: stepped ? stepped.voters : record.voters.length,
  };
  if (record.closedAt !== undefined) poll.closed_at = new Date(record.closedAt).toISOString();
  if (!showing) return poll;
  poll.tallies = [...(stepped ?? record).tallies];
  const reasons = stepped ? stepped.reasons : record.reasons;
  if (record.ballot === 'named') {
    poll.votes = Object.values(record.votes ?? {})
      .map((vote): NamedVote => ({ ...vote }))
      .sort((a, b) => a.name.localeCompare(b.name) || a.identity.localeCompare(b.identity));
  } else if (reasons?.length) {
    poll.reasons = reasons.map((r) => ({ ...r }));
  }
  return poll;
}

/** Who votes, as one person across tokens: a guest by their browser's gid, anyone else by identity. */
function voterKey(caller: Pick<RoomCaller, 'identity' | 'role'>): string {
  return banKey(subjectOf(caller.identity, caller.role));
}

function viewFor(record: PollRecord, caller: RoomCaller): PollView {
  const key = voterKey(caller);
  const view: PollView = { ...publicPoll(record), you_voted: record.voters.includes(key) };
  const mine = record.votes?.[key];
  if (mine) view.your_choices = [...mine.choices];
  return view;
}

function readRecord(text: string | null): PollRecord | null {
  if (!text) return null;
  try {
    return JSON.parse(text) as PollRecord;
  } catch {
    return null;
  }
}

const pollNotFound = () =>
  new ConveneError(404, 'not_found', 'There is no such poll in this room (it may have expired).');

export function pollRoutes(router: Router, ctx: RouteContext): void {
  const createLimiter = ctx.store.limiter('poll-create', POLL_CREATE_LIMIT);
  const voteLimiter = ctx.store.limiter('poll-votes', POLL_VOTE_LIMIT);

  const place = (req: Request) => {
    const space: SpaceConfig = findSpace(ctx, req.params.space);
    const room: RoomConfig = findRoom(space, req.params.room);
    const furniture = room.furniture.find((entry) => entry.kind === 'poll');
    if (!furniture) throw new ConveneError(403, 'forbidden', `${room.name} has no poll furniture.`);
    return {
      space,
      room,
      livekitRoom: livekitRoomName(space.slug, room.slug),
      anyone: furniture.settings.anyone === true,
    };
  };

  /** Who asks; 401 when nobody vouches for them. */
  async function callerOf(req: Request, space: SpaceConfig, room: RoomConfig): Promise<RoomCaller> {
    const caller = await roomCaller(ctx, req, space, room);
    if (!caller) throw bearerRequired(room.name);
    return caller;
  }

  async function limit(limiter: typeof voteLimiter, livekitRoom: string, identity: string, what: string) {
    const wait = await limiter.hit(`${livekitRoom}\0${identity}`);
    if (wait > 0) throw rateLimited(wait, `Too many ${what}. Try again in ${wait} seconds.`);
  }

  /** Someone in the room now, as LiveKit sees it: a vote comes from a person at the meeting. */
  async function present(livekitRoom: string, room: RoomConfig, caller: RoomCaller): Promise<void> {
    if (!caller.inRoom) throw bearerRequired(room.name);
    await ctx
      .askLivekit('getParticipant', () => ctx.rooms.getParticipant(livekitRoom, caller.identity))
      .catch((error: unknown) => {
        if ((error as { status?: number }).status !== 404) throw error;
        throw new ConveneError(403, 'forbidden', `Join ${room.name} before voting.`);
      });
  }

  /** Tells the room a poll's new public state; a room nobody is in (LiveKit's 404) has nobody to tell. */
  async function tell(livekitRoom: string, record: PollRecord): Promise<void> {
    const data = new TextEncoder().encode(JSON.stringify({ poll: publicPoll(record) }));
    try {
      await ctx.rooms.sendData(livekitRoom, data, DataPacket_Kind.RELIABLE, { topic: POLL_TOPIC });
    } catch (error) {
      // The change is stored: pages that missed the message read it at their next GET.
      if ((error as { status?: number }).status !== 404) ctx.log('could not tell a room about its poll', error);
    }
  }

  /** Runs `change` on the poll while holding its lock; writes what it returns. */
  async function changePoll(
    livekitRoom: string,
    id: string,
    change: (record: PollRecord) => PollRecord | Promise<PollRecord>,
  ): Promise<PollRecord> {
    const lock = keys.lock(livekitRoom, id);
    const mine = randomBytes(9).toString('base64url');
    const deadline = Date.now() + 3000;
    while (!(await ctx.store.add(lock, mine, 5))) {
      if (Date.now() > deadline) {
        throw new ConveneError(503, 'store_unavailable', 'The poll is busy. Try again in a moment.', undefined, {
          'Retry-After': '1',
        });
      }
      await new Promise((resolve) => setTimeout(resolve, 15 + Math.random() * 30));
    }
    try {
      const record = readRecord(await ctx.store.get(keys.poll(livekitRoom, id)));
      if (!record) throw pollNotFound();
      const next = await change(record);
      await ctx.store.set(keys.poll(livekitRoom, id), JSON.stringify(next), POLL_TTL_SECONDS);
      await ctx.store.hset(keys.index(livekitRoom), id, String(next.askedAt), POLL_TTL_SECONDS);
      return next;
    } finally {
      if ((await ctx.store.get(lock)) === mine) await ctx.store.delete(lock);
    }
  }

  /** The room's polls, newest first; those that expired leave the index. */
  async function listPolls(livekitRoom: string): Promise<PollRecord[]> {
    const index = await ctx.store.hgetall(keys.index(livekitRoom));
    const ids = Object.entries(index)
      .sort((a, b) => Number(b[1]) - Number(a[1]))
      .map(([id]) => id);
    const records = await Promise.all(ids.map((id) => ctx.store.get(keys.poll(livekitRoom, id))));
    const found: PollRecord[] = [];
    await Promise.all(
      records.map(async (text, i) => {
        const record = readRecord(text);
        if (record) found.push(record);
        else await ctx.store.hdel(keys.index(livekitRoom), ids[i] as string);
      }),
    );
    return found.sort((a, b) => b.askedAt - a.askedAt);
  }

  const pollId = (req: Request) => {
    const id = String(req.params.id);
    if (!POLL_ID.test(id)) throw pollNotFound();
    return id;
  };

  router.get(`${ROOM}/polls`, async (req, res) => {
    const { space, room, livekitRoom, anyone } = place(req);
    const caller = await callerOf(req, space, room);
    const records = await listPolls(livekitRoom);
    const answer: PollList = {
      polls: records.map((record) => viewFor(record, caller)),
      may_ask: caller.moderator || (anyone && caller.inRoom),
    };
    sendJson(res, 200, answer);
  });

  router.post(`${ROOM}/polls`, async (req, res) => {
    const input = await readJson(req);
    const { space, room, livekitRoom, anyone } = place(req);
    const caller = await callerOf(req, space, room);
    const body = parseWith(pollRequestSchema, input);
    if (!(caller.moderator || (anyone && caller.inRoom))) {
      throw new ConveneError(403, 'forbidden', `Only a moderator may ask a question in ${room.name}.`);
    }
    await limit(createLimiter, livekitRoom, caller.identity, 'questions');
    const kept = await listPolls(livekitRoom);
    if (kept.length >= MAX_POLLS_PER_ROOM) {
      throw new ConveneError(
        409,
        'forbidden',
        `${room.name} keeps ${MAX_POLLS_PER_ROOM} polls at most; each goes a day after its last change.`,
      );
    }
    const options = optionsOf(body.type, body.choices);
    const record: PollRecord = {
      id: randomBytes(9).toString('base64url'),
      type: body.type,
      question: body.question,
      options,
      multiple: body.type === 'choice' && body.multiple === true,
      ballot: body.ballot,
      results: body.results,
      asker: { identity: caller.identity, name: caller.name },
      askerKey: voterKey(caller),
      askedAt: Date.now(),
      voters: [],
      tallies: options.map(() => 0),
      ...(body.ballot === 'named' ? { votes: {} } : { reasons: [] }),
    };
    await ctx.store.set(keys.poll(livekitRoom, record.id), JSON.stringify(record), POLL_TTL_SECONDS);
    await ctx.store.hset(keys.index(livekitRoom), record.id, String(record.askedAt), POLL_TTL_SECONDS);
    await tell(livekitRoom, record);
    sendJson(res, 201, viewFor(record, caller));
  });

  router.post(`${ROOM}/polls/:id/votes`, async (req, res) => {
    const input = await readJson(req);
    const { space, room, livekitRoom } = place(req);
    const caller = await callerOf(req, space, room);
    const vote = parseWith(voteRequestSchema, input);
    const id = pollId(req);
    await limit(voteLimiter, livekitRoom, caller.identity, 'votes');
    await present(livekitRoom, room, caller);
    let before = '';
    const record = await changePoll(livekitRoom, id, (poll) => {
      if (poll.closedAt !== undefined) throw new ConveneError(409, 'forbidden', 'This poll is closed.');
      const voter = voterKey(caller);
      if (poll.voters.includes(voter)) {
        throw new ConveneError(409, 'forbidden', 'You have already voted in this poll: a vote counts once.');
      }
      const choices = [...new Set(vote.choices)].sort((a, b) => a - b);
      const issues = choices
        .filter((choice) => choice >= poll.options.length)
        .map((choice) => ({ path: 'choices', message: `there is no option ${choice} (0–${poll.options.length - 1})` }));
      if (choices.length > 1 && !poll.multiple) issues.push({ path: 'choices', message: 'this poll takes one choice' });
      if (vote.reason && poll.type !== 'consent')
        issues.push({ path: 'reason', message: 'only a consent round takes a reason' });
      if (issues.length) {
        throw new ConveneError(
          400,
          'invalid_request',
          `The request is not valid: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`,
          issues,
        );
      }
      const next: PollRecord = {
        ...poll,
        voters: [...poll.voters, voter].sort(),
        tallies: poll.tallies.map((count, index) => count + (choices.includes(index) ? 1 : 0)),
      };
      const reason = vote.reason || undefined;
      if (poll.ballot === 'named') {
        next.votes = {
          ...poll.votes,
          [voter]: { identity: caller.identity, name: caller.name, choices, ...(reason ? { reason } : {}) },
        };
      } else if (reason) {
        next.reasons = [...(poll.reasons ?? []), { choice: choices[0] as number, text: reason }].sort(
          (a, b) => a.choice - b.choice || a.text.localeCompare(b.text),
        );
      }
      if (poll.ballot === 'secret' && next.voters.length - (poll.shown?.voters ?? 0) >= SECRET_BATCH) {
        next.shown = { voters: next.voters.length, tallies: [...next.tallies], reasons: [...(next.reasons ?? [])] };
      }
      before = JSON.stringify(publicPoll(poll));
      return next;
    });
    // Told only when what the room may see has changed (a secret ballot's step, or any other vote).
    if (JSON.stringify(publicPoll(record)) !== before) await tell(livekitRoom, record);
    sendJson(res, 200, viewFor(record, caller));
  });

  router.post(`${ROOM}/polls/:id/close`, async (req, res) => {
    const input = req.headers['content-length'] === '0' || !req.headers['content-type'] ? {} : await readJson(req);
    const { space, room, livekitRoom } = place(req);
    const caller = await callerOf(req, space, room);
    parseWith(closeRequestSchema, input ?? {});
    const id = pollId(req);
    await limit(voteLimiter, livekitRoom, caller.identity, 'changes');
    const record = await changePoll(livekitRoom, id, (poll) => {
      if (!caller.moderator && poll.askerKey !== voterKey(caller)) {
        throw new ConveneError(403, 'forbidden', 'Only whoever asked this question, or a moderator, may close it.');
      }
      if (poll.closedAt !== undefined) throw new ConveneError(409, 'forbidden', 'This poll is closed already.');
      return { ...poll, closedAt: Date.now() };
    });
    await tell(livekitRoom, record);
    sendJson(res, 200, viewFor(record, caller));
  });
}
