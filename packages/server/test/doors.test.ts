/**
 * Door control (issue 13) as visitors and moderators meet it, against a real livekit-server with
 * real participants from Chromium: knock to enter (admit, deny, nobody answering, leaving,
 * cancelling), the moderator's lock for the rest of a meeting, invite links, remove and keep out;
 * and two server copies over one real redis-server agreeing on all of it.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, describe, test } from 'node:test';
import { RoomServiceClient } from 'livekit-server-sdk';
import type { Page } from 'puppeteer-core';
import { launchChromium, startStack, testConfig, TEST_CODES } from '../../../test/harness/index.js';
import {
  parseConfig,
  RedisStore,
  ROLE_ATTRIBUTE,
  type ConveneConfigInput,
  type Directory,
  type Invite,
  type KnockList,
  type KnockResponse,
  type KnockStatus,
  type PresenceEvent,
  type TokenResponse,
} from '../src/index.js';
import { EventStream, get, joinFromPage, openParticipantPage, post, startApp, until, verifyToken } from './helpers.js';
import { launchRedis, startRedis } from './redis-harness.js';

/** The host site's session, in tests: a header the test sets. */
const person = (p: { identity: string; name: string; member?: boolean; moderator?: boolean }) => ({
  'x-test-person': JSON.stringify(p),
});
const authenticate = (req: { get(name: string): string | undefined }) => {
  const header = req.get('x-test-person');
  return header ? JSON.parse(header) : null;
};
const ada = { identity: 'mod-ada', name: 'Ada Moderator', member: true, moderator: true };
const cy = { identity: 'member-cy', name: 'Cy Member', member: true };
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

async function config(): Promise<ConveneConfigInput> {
  const base = await testConfig();
  const space = base.spaces[0]!;
  const workshop = space.rooms.find((r) => r.slug === 'workshop')!;
  space.rooms.push(
    { ...workshop, slug: 'study', name: 'Study', knock: true },
    { slug: 'garden', name: 'Garden', access: 'public' },
    { slug: 'cellar', name: 'Cellar', access: 'public', lockAdmitsMembers: false },
    { slug: 'hall', name: 'Hall', access: 'public' },
    { slug: 'club', name: 'Club', access: 'members', knock: true },
  );
  return base;
}

const stack = await startStack({
  config: await config(),
  authenticate,
  rateLimits: { tokens: false, codeGuesses: false, moderation: false, streamsPerClient: 1000 },
  presence: { heartbeatMs: 1000 },
});
const browser = await launchChromium();
const livekit = { url: stack.livekit.url, apiKey: stack.livekit.apiKey, apiSecret: stack.livekit.apiSecret };
const rooms = new RoomServiceClient(stack.livekit.httpUrl, livekit.apiKey, livekit.apiSecret);
// A copy with short knock times: nobody answering after 2 s, a knock outliving its stream by 3 s.
const { baseUrl: quick } = await startApp({
  config: parseConfig(await config()),
  livekit,
  authenticate,
  knockTimeoutSeconds: 2,
  knockTtlSeconds: 3,
});

const api = stack.baseUrl;
const at = (base: string, room: string, what: string) => `${base}/api/spaces/river-coop/rooms/${room}/${what}`;
const url = (room: string, what: string) => at(api, room, what);
const token = (body: Record<string, unknown>, headers: Record<string, string> = {}, base = api) =>
  post<TokenResponse & { error: { code: string; message: string } }>(
    `${base}/api/spaces/river-coop/token`,
    body,
    headers,
  );
const knock = (room: string, body: Record<string, unknown>, headers: Record<string, string> = {}, base = api) =>
  post<KnockResponse & { error: { code: string } }>(at(base, room, 'knocks'), body, headers);
const knockStream = (room: string, k: KnockResponse, base = api) =>
  EventStream.open(at(base, room, `knocks/${k.knock_id}/events`), bearer(k.knock_secret));
const directoryRoom = async (slug: string, base = api) =>
  (await get<Directory>(`${base}/api/spaces/river-coop`)).body.rooms.find((r) => r.slug === slug);

/** A participant in the room from Chromium, with the host site's word for them (or as a guest). */
async function join(request: Record<string, unknown>, headers: Record<string, string> = {}) {
  const page = await openParticipantPage(browser, api);
  if (Object.keys(headers).length) await page.setExtraHTTPHeaders(headers);
  const joined = await joinFromPage(page, `${api}/api/spaces/river-coop/token`, request, { microphone: false });
  after(() => page.close().catch(() => {}));
  return { page, token: joined };
}

/** A participant in the room from Chromium with a token that another server copy minted. */
async function joinWith(minted: TokenResponse): Promise<Page> {
  const page = await openParticipantPage(browser, api);
  after(() => page.close().catch(() => {}));
  await page.evaluate(
    async (serverUrl: string, participantToken: string) => {
      const lk = (globalThis as any).lk;
      const room = new lk.Room();
      (globalThis as any).room = room;
      (globalThis as any).disconnectReason = null;
      room.on(
        lk.RoomEvent.Disconnected,
        (reason: unknown) => ((globalThis as any).disconnectReason = reason ?? 'unknown'),
      );
      await room.connect(serverUrl, participantToken);
    },
    minted.server_url,
    minted.participant_token,
  );
  return page;
}
const disconnected = (page: Page) => page.evaluate(() => (globalThis as any).disconnectReason !== null);

describe('knock to enter', () => {
  test('a knock reaches the moderators; admitted, the knocker’s stream says so and the token carries the knock’s name', async () => {
    const mod = await join({ room_name: 'study' }, person(ada));
    const spaceStream = await EventStream.open(`${api}/api/spaces/river-coop/knocks/events`, person(ada));
    const firstLists = await spaceStream.next<KnockList>((l) => l.room === 'study', { event: 'knocks' });
    assert.deepEqual(firstLists.data.knocks, []);
    const modStream = await EventStream.open(url('study', 'knocks/events'), bearer(mod.token.participant_token));
    await modStream.next<KnockList>((l) => l.knocks.length === 0, { event: 'knocks' });

    const asked = await knock('study', { participant_name: '  Bo \u200bVisitor ' });
    assert.equal(asked.status, 201);
    assert.equal(asked.body.name, 'Bo Visitor', 'the name as typed, cleaned');
    assert.deepEqual(asked.body.hosts, ['Ada Moderator'], 'who the visitor waits for');
    assert.equal(asked.body.timeout_seconds, 120);

    const mine = await knockStream('study', asked.body);
    assert.match(mine.contentType, /^text\/event-stream/);
    const waiting = await mine.next<KnockStatus>(() => true, { event: 'knock' });
    assert.deepEqual(waiting.data, { state: 'waiting', hosts: ['Ada Moderator'] });

    const listed = await get<KnockList>(url('study', 'knocks'), bearer(mod.token.participant_token));
    assert.equal(listed.status, 200);
    assert.deepEqual(
      listed.body.knocks.map((k) => [k.id, k.name]),
      [[asked.body.knock_id, 'Bo Visitor']],
    );
    await modStream.next<KnockList>((l) => l.knocks.some((k) => k.name === 'Bo Visitor'), { event: 'knocks' });
    await spaceStream.next<KnockList>((l) => l.room === 'study' && l.knocks.length === 1, { event: 'knocks' });

    // Not a moderator: a guest in the room is refused; nobody at all is asked to prove who they are.
    const guest = await token({ room_name: 'study', access_code: TEST_CODES.locked });
    const asGuest = await get(url('study', 'knocks'), bearer(guest.body.participant_token));
    assert.equal(asGuest.status, 403);
    assert.equal(asGuest.body.error.code, 'forbidden');
    assert.equal((await get(url('study', 'knocks'))).status, 401);
    assert.equal((await post(url('study', `knocks/${asked.body.knock_id}`), { decision: 'admit' })).status, 401);
    const guestAdmits = await post(
      url('study', `knocks/${asked.body.knock_id}`),
      { decision: 'admit' },
      bearer(guest.body.participant_token),
    );
    assert.equal(guestAdmits.status, 403);

    const early = await token({
      room_name: 'study',
      knock: { id: asked.body.knock_id, secret: asked.body.knock_secret },
    });
    assert.equal(early.status, 403);
    assert.equal(early.body.error.code, 'knock_not_admitted');

    const admit = await post(
      url('study', `knocks/${asked.body.knock_id}`),
      { decision: 'admit' },
      bearer(mod.token.participant_token),
    );
    assert.equal(admit.status, 200);
    assert.deepEqual(admit.body, { id: asked.body.knock_id, state: 'admitted' });
    const admitted = await mine.next<KnockStatus>((s) => s.state === 'admitted', { event: 'knock' });
    assert.deepEqual(admitted.data.hosts, ['Ada Moderator']);
    await until('the knocker’s stream to end', () => mine.ended);
    await modStream.next<KnockList>((l) => l.knocks.length === 0, { event: 'knocks' });

    const wrongSecret = await token({ room_name: 'study', knock: { id: asked.body.knock_id, secret: 'not-it' } });
    assert.equal(wrongSecret.status, 404);
    assert.equal(wrongSecret.body.error.code, 'knock_not_found');
    const inside = await token({
      room_name: 'study',
      participant_name: 'Someone Else',
      knock: { id: asked.body.knock_id, secret: asked.body.knock_secret },
    });
    assert.equal(inside.status, 201, JSON.stringify(inside.body));
    assert.equal(inside.body.name, 'Bo Visitor', 'the name moderators admitted');
    assert.equal(inside.body.moderator, false);
    assert.match(inside.body.identity, /^guest-[0-9a-f]{32}-[0-9a-f]{8}$/);
    assert.ok(inside.body.guest_id, 'a guest is given a signed guest id');
    const claims = await verifyToken(inside.body.participant_token, livekit.apiKey, livekit.apiSecret);
    assert.equal(claims.attributes?.[ROLE_ATTRIBUTE], 'guest');
    assert.equal(claims.video?.room, 'river-coop/study');

    const again = await token({
      room_name: 'study',
      knock: { id: asked.body.knock_id, secret: asked.body.knock_secret },
    });
    assert.equal(again.status, 404, 'an admission lets in once');
    assert.equal(again.body.error.code, 'knock_not_found');
    modStream.close();
    spaceStream.close();
  });

  test('denied: the knocker is told, and the knock lets nobody in; a second answer finds it ended', async () => {
    const mod = await token({ room_name: 'study' }, person(ada));
    const asked = await knock('study', { participant_name: 'Eve' });
    const mine = await knockStream('study', asked.body);
    const deny = await post(
      url('study', `knocks/${asked.body.knock_id}`),
      { decision: 'deny' },
      bearer(mod.body.participant_token),
    );
    assert.deepEqual(deny.body, { id: asked.body.knock_id, state: 'denied' });
    await mine.next<KnockStatus>((s) => s.state === 'denied', { event: 'knock' });
    await until('the stream to end', () => mine.ended);
    const later = await post(url('study', `knocks/${asked.body.knock_id}`), { decision: 'admit' }, person(ada));
    assert.equal(later.status, 404);
    assert.equal(later.body.error.code, 'knock_not_found');
    const refused = await token({
      room_name: 'study',
      knock: { id: asked.body.knock_id, secret: asked.body.knock_secret },
    });
    assert.equal(refused.status, 403);
    assert.equal(refused.body.error.code, 'knock_not_admitted');
  });

  test('nobody answering: the knocker hears "unanswered" after the timeout, and it cannot be admitted then', async () => {
    const knockedAt = Date.now();
    const asked = await knock('study', { participant_name: 'Fay' }, {}, quick);
    assert.equal(asked.body.timeout_seconds, 2);
    assert.deepEqual(asked.body.hosts, [], 'nobody there to answer');
    const mine = await knockStream('study', asked.body, quick);
    await mine.next<KnockStatus>((s) => s.state === 'waiting', { event: 'knock' });
    const ended = await mine.next<KnockStatus>((s) => s.state === 'unanswered', { event: 'knock', timeoutMs: 5000 });
    assert.ok(ended.at - knockedAt >= 1900, `unanswered after ${ended.at - knockedAt} ms`);
    await until('the stream to end', () => mine.ended);
    const late = await post(at(quick, 'study', `knocks/${asked.body.knock_id}`), { decision: 'admit' }, person(ada));
    assert.equal(late.status, 404);
  });

  test('a knocker who leaves stops knocking: the knock is gone from the queue soon after its stream closes', async () => {
    const asked = await knock('study', { participant_name: 'Gus' }, {}, quick);
    const mine = await knockStream('study', asked.body, quick);
    await mine.next<KnockStatus>(() => true, { event: 'knock' });
    const queue = () => get<KnockList>(at(quick, 'study', 'knocks'), person(ada));
    assert.deepEqual(
      (await queue()).body.knocks.map((k) => k.name),
      ['Gus'],
    );
    // Past the knock's lifetime while the stream is open: it stays (the stream keeps it alive).
    await new Promise((resolve) => setTimeout(resolve, 1500));
    assert.equal((await queue()).body.knocks.length, 1);
    mine.close();
    const closedAt = Date.now();
    await until('the knock to leave the queue', async () => (await queue()).body.knocks.length === 0, 10_000);
    assert.ok(Date.now() - closedAt < 8000);
  });

  test('a knocker may cancel; the queue forgets it, and its stream says so', async () => {
    const asked = await knock('study', { participant_name: 'Hal' });
    const mine = await knockStream('study', asked.body);
    await mine.next<KnockStatus>(() => true, { event: 'knock' });
    const path = url('study', `knocks/${asked.body.knock_id}`);
    assert.equal((await fetch(path, { method: 'DELETE' })).status, 401);
    assert.equal((await fetch(path, { method: 'DELETE', headers: bearer('not-the-secret') })).status, 404);
    assert.equal((await fetch(path, { method: 'DELETE', headers: bearer(asked.body.knock_secret) })).status, 204);
    await mine.next<KnockStatus>((s) => s.state === 'cancelled', { event: 'knock' });
    const queue = await get<KnockList>(url('study', 'knocks'), person(ada));
    assert.ok(!queue.body.knocks.some((k) => k.id === asked.body.knock_id));
  });

  test('who may knock where: not on an open door, not where the room takes no knocks', async () => {
    const lobby = await knock('lobby', { participant_name: 'Ivy' });
    assert.equal(lobby.status, 409);
    assert.equal(lobby.body.error.code, 'knock_not_needed');
    const member = await knock('club', {}, person(cy));
    assert.equal(member.status, 409, 'a member walks into a members’ room');
    const moderator = await knock('study', {}, person(ada));
    assert.equal(moderator.status, 409);
    const workshop = await knock('workshop', { participant_name: 'Ivy' });
    assert.equal(workshop.status, 403, 'the workshop takes codes, not knocks');
    assert.equal(workshop.body.error.code, 'forbidden');
    const club = await knock('club', { participant_name: 'Ivy' });
    assert.equal(club.status, 201, 'a non-member may knock on a members’ room that takes knocks');
    const dir = await directoryRoom('study');
    assert.equal(dir?.knock, true, 'the directory says which rooms take knocks');
    assert.equal((await directoryRoom('lobby'))?.knock, undefined);
    // A members' room that takes knocks is listed for a guest too (a count, no names), so they can ask.
    const clubForGuest = await directoryRoom('club');
    assert.equal(clubForGuest?.access, 'members');
    assert.equal(clubForGuest?.knock, true);
    assert.equal(clubForGuest?.people, undefined);
    assert.equal(await directoryRoom('members'), undefined, 'a members’ room without knocks stays hidden from guests');
  });
});

describe('lock for the rest of the meeting', () => {
  test('a moderator locks a public room: the directory and presence say so, guests must knock, members pass; unlock', async () => {
    const mod = await join({ room_name: 'garden' }, person(ada));
    const presence = await EventStream.open(`${api}/api/spaces/river-coop/events`);
    await presence.next<PresenceEvent>(() => true);
    // What a moderator in the room follows: the queue, with the lock whoever sets it.
    const door = await EventStream.open(url('garden', 'knocks/events'), bearer(mod.token.participant_token));
    const open = await door.next<KnockList>(() => true, { event: 'knocks' });
    assert.equal(open.data.locked_by_moderator, false);
    const lock = (locked: unknown, headers: Record<string, string>) => post(url('garden', 'lock'), { locked }, headers);

    assert.equal((await lock(true, {})).status, 401);
    const guest = await token({ room_name: 'garden', participant_name: 'Jo' });
    const byGuest = await lock(true, bearer(guest.body.participant_token));
    assert.equal(byGuest.status, 403);

    const locked = await lock(true, bearer(mod.token.participant_token));
    assert.equal(locked.status, 200);
    assert.deepEqual(locked.body, { locked: true, by: 'Ada Moderator' });
    const event = await presence.next<PresenceEvent>(
      (e) => e.rooms.find((r) => r.slug === 'garden')?.locked_by_moderator === true,
      { timeoutMs: 3000 },
    );
    assert.ok(event);
    assert.equal((await directoryRoom('garden'))?.locked_by_moderator, true);
    const heard = await door.next<KnockList>((l) => l.locked_by_moderator === true, {
      event: 'knocks',
      from: open.index + 1,
      timeoutMs: 3000,
    });

    const refused = await token({ room_name: 'garden', participant_name: 'Jo' });
    assert.equal(refused.status, 403);
    assert.equal(refused.body.error.code, 'knock_required');
    assert.equal((await token({ room_name: 'garden' }, person(cy))).status, 201, 'members pass (lockAdmitsMembers)');
    const asked = await knock('garden', { participant_name: 'Jo' });
    assert.equal(asked.status, 201, 'a locked room takes knocks');
    const made = await post<Invite>(url('garden', 'invites'), {}, person(cy));
    const invited = await token({ room_name: 'garden', participant_name: 'Jo', invite: made.body.secret });
    assert.equal(invited.status, 201, 'an invite gets a guest past the lock');

    const bea = { ...ada, identity: 'mod-bea', name: 'Bea Moderator' };
    const unlocked = await lock(false, person(bea));
    assert.deepEqual(unlocked.body, { locked: false });
    await presence.next<PresenceEvent>(
      (e) => e.rooms.find((r) => r.slug === 'garden')?.locked_by_moderator === undefined,
      { from: event.index + 1, timeoutMs: 3000 },
    );
    // Unlocked by another moderator (by the host site's word, from the directory): Ada's stream hears it.
    await door.next<KnockList>((l) => l.locked_by_moderator === false, {
      event: 'knocks',
      from: heard.index + 1,
      timeoutMs: 3000,
    });
    door.close();
    assert.equal((await directoryRoom('garden'))?.locked_by_moderator, undefined);
    assert.equal((await token({ room_name: 'garden', participant_name: 'Jo' })).status, 201);
    presence.close();
  });

  test('a room whose lockAdmitsMembers is false makes members knock too; a moderator by the host’s word locks it from the directory', async () => {
    const locked = await post(url('cellar', 'lock'), { locked: true }, person(ada));
    assert.equal(locked.status, 200);
    const member = await token({ room_name: 'cellar' }, person(cy));
    assert.equal(member.status, 403);
    assert.equal(member.body.error.code, 'knock_required');
    assert.equal((await knock('cellar', {}, person(cy))).status, 201);
    assert.equal((await token({ room_name: 'cellar' }, person(ada))).status, 201, 'moderators walk in');
    await post(url('cellar', 'lock'), { locked: false }, person(ada));
  });

  test('the lock and “keep out” end when the meeting does: everyone leaves, LiveKit closes the room, the door is open again', async () => {
    const mod = await join({ room_name: 'hall' }, person(ada));
    const kay = await join({ room_name: 'hall', participant_name: 'Kay' });
    const kayAgain = { room_name: 'hall', participant_name: 'Kay', guest_id: kay.token.guest_id };
    const removed = await post(
      url('hall', 'moderation'),
      { action: 'remove', identity: kay.token.identity, keep_out: true },
      bearer(mod.token.participant_token),
    );
    assert.equal(removed.status, 200);
    assert.equal((await token(kayAgain)).body.error.code, 'kept_out');
    await kay.page.close();
    assert.equal((await post(url('hall', 'lock'), { locked: true }, bearer(mod.token.participant_token))).status, 200);
    assert.equal((await token({ room_name: 'hall', participant_name: 'Kit' })).body.error.code, 'knock_required');
    await mod.page.close();
    // LiveKit closes a room its last participant left after its departure timeout (20 s by default).
    await until(
      'the lock to end with the meeting',
      async () => !(await directoryRoom('hall'))?.locked_by_moderator,
      45_000,
    );
    assert.equal((await token({ room_name: 'hall', participant_name: 'Kit' })).status, 201);
    assert.equal((await token(kayAgain)).status, 201, 'the kept-out guest may come to the next meeting');
  });
});

describe('invite links', () => {
  const invite = (room: string, body: Record<string, unknown>, headers: Record<string, string>, base = api) =>
    post<Invite & { error: { code: string } }>(at(base, room, 'invites'), body, headers);

  test('a member’s single-use invite lets one guest into the members’ room, once', async () => {
    const made = await invite('members', { uses: 'single', expires_in_seconds: 600 }, person(cy));
    assert.equal(made.status, 201);
    assert.equal(made.body.uses, 'single');
    assert.equal(made.body.by, 'Cy Member');
    assert.ok(Math.abs(Date.parse(made.body.expires_at) - Date.now() - 600_000) < 5000);
    assert.equal((await token({ room_name: 'members' })).body.error.code, 'members_only');
    const wrongRoom = await token({ room_name: 'study', invite: made.body.secret });
    assert.equal(wrongRoom.body.error.code, 'invite_invalid', 'an invite is for its own room');
    const inside = await token({ room_name: 'members', participant_name: 'Lu', invite: made.body.secret });
    assert.equal(inside.status, 201);
    assert.equal(inside.body.name, 'Lu');
    const claims = await verifyToken(inside.body.participant_token, livekit.apiKey, livekit.apiSecret);
    assert.equal(claims.attributes?.[ROLE_ATTRIBUTE], 'guest');
    const used = await token({ room_name: 'members', invite: made.body.secret });
    assert.equal(used.status, 403);
    assert.equal(used.body.error.code, 'invite_invalid');
    // A guest who came in by invite may not make invites.
    const byGuest = await invite('members', {}, bearer(inside.body.participant_token));
    assert.equal(byGuest.status, 403);
    assert.equal(byGuest.body.error.code, 'forbidden');
    assert.equal((await invite('members', {}, {})).status, 401);
  });

  test('a multi-use invite passes the access code until it is revoked; members list their own, moderators all', async () => {
    const made = await invite('study', {}, person(cy));
    assert.equal(made.body.uses, 'multi');
    assert.ok(Math.abs(Date.parse(made.body.expires_at) - Date.now() - 86_400_000) < 5000, 'a day by default');
    for (const name of ['Mo', 'Ned']) {
      const inside = await token({ room_name: 'study', participant_name: name, invite: made.body.secret });
      assert.equal(inside.status, 201, 'no access code needed');
    }
    const other = await invite('study', {}, person({ identity: 'member-di', name: 'Di', member: true }));
    const own = await get(url('study', 'invites'), person(cy));
    assert.deepEqual(
      own.body.invites.map((i: Invite) => i.id),
      [made.body.id],
    );
    assert.equal(own.body.invites[0].secret, undefined, 'a list shows no secrets');
    const all = await get(url('study', 'invites'), person(ada));
    assert.deepEqual(all.body.invites.map((i: Invite) => i.id).sort(), [made.body.id, other.body.id].sort());
    const path = url('study', `invites/${made.body.id}`);
    assert.equal(
      (await fetch(path, { method: 'DELETE', headers: person({ ...cy, identity: 'member-di' }) })).status,
      403,
    );
    assert.equal((await fetch(path, { method: 'DELETE', headers: person(cy) })).status, 204);
    const revoked = await token({ room_name: 'study', invite: made.body.secret });
    assert.equal(revoked.status, 403);
    assert.equal(revoked.body.error.code, 'invite_invalid');
    assert.equal(
      (await fetch(url('study', `invites/${other.body.id}`), { method: 'DELETE', headers: person(ada) })).status,
      204,
    );
    assert.equal((await token({ room_name: 'study', invite: 'never-made' })).body.error.code, 'invite_invalid');
  });

  test('an expired invite is refused', async () => {
    const made = await invite('members', { expires_in_seconds: 300 }, person(cy), quick);
    assert.equal((await token({ room_name: 'members', invite: made.body.secret }, {}, quick)).status, 201);
    // The server's clock moves on five minutes (the server runs in this process).
    const now = Date.now;
    Date.now = () => now() + 301_000;
    try {
      const expired = await token({ room_name: 'members', invite: made.body.secret }, {}, quick);
      assert.equal(expired.status, 403);
      assert.equal(expired.body.error.code, 'invite_invalid');
    } finally {
      Date.now = now;
    }
  });
});

describe('remove and keep out', () => {
  test('a removed member and a removed guest are kept out until a moderator lets them back; an invite does not help', async () => {
    const mod = await join({ room_name: 'lobby' }, person(ada));
    const member = await join({ room_name: 'lobby' }, person(cy));
    const guestToken = await token({ room_name: 'lobby', participant_name: 'Oz' });
    const guestId = guestToken.body.guest_id as string;
    const guest = await join({ room_name: 'lobby', participant_name: 'Oz', guest_id: guestId });
    assert.match(
      guest.token.identity,
      new RegExp(`^guest-${guestId.split('.')[0]}-`),
      'the same browser, the same gid',
    );
    const remove = (identity: string, extra: Record<string, unknown> = {}) =>
      post(url('lobby', 'moderation'), { action: 'remove', identity, ...extra }, bearer(mod.token.participant_token));

    const wrong = await post(
      url('lobby', 'moderation'),
      { action: 'mute', identity: member.token.identity, keep_out: true },
      bearer(mod.token.participant_token),
    );
    assert.equal(wrong.status, 400);
    assert.equal(wrong.body.error.issues[0].path, 'keep_out');

    const removed = await remove(member.token.identity, { keep_out: true });
    assert.equal(removed.status, 200);
    assert.deepEqual(removed.body, { action: 'remove', identity: member.token.identity, kept_out: true });
    await until('the member to be disconnected', () => disconnected(member.page));
    // Their earlier token still opens LiveKit's room (it cannot be revoked): they are put out again,
    // as soon as LiveKit reports the join (sometimes before their connection is even complete).
    await member.page.evaluate(
      async (serverUrl: string, participantToken: string) => {
        (globalThis as any).disconnectReason = null;
        await (globalThis as any).room.connect(serverUrl, participantToken).catch(() => {});
      },
      member.token.server_url,
      member.token.participant_token,
    );
    const inLobby = async () =>
      (await rooms.listParticipants('river-coop/lobby')).some((p) => p.identity === member.token.identity);
    await until('the member to be put out again', async () => !(await inLobby()));
    await new Promise((resolve) => setTimeout(resolve, 1500));
    assert.equal(await inLobby(), false, 'and they stay out');
    const back = await token({ room_name: 'lobby' }, person(cy));
    assert.equal(back.status, 403);
    assert.equal(back.body.error.code, 'kept_out');
    assert.match(back.body.error.message, /Lobby/);
    const made = await post<Invite>(url('lobby', 'invites'), {}, bearer(mod.token.participant_token));
    const withInvite = await token({ room_name: 'lobby', invite: made.body.secret }, person(cy));
    assert.equal(withInvite.body.error.code, 'kept_out', 'no invite gets past a ban');

    assert.equal((await remove(guest.token.identity, { keep_out: true })).status, 200);
    await until('the guest to be disconnected', () => disconnected(guest.page));
    const guestBack = await token({ room_name: 'lobby', participant_name: 'Oz', guest_id: guestId });
    assert.equal(guestBack.status, 403);
    assert.equal(guestBack.body.error.code, 'kept_out');
    const guestKnock = await knock('lobby', { participant_name: 'Oz', guest_id: guestId });
    assert.equal(guestKnock.body.error.code, 'kept_out', 'nor may they knock');
    // What the README says a determined guest can do: a browser without its guest id is a new guest.
    assert.equal((await token({ room_name: 'lobby', participant_name: 'Oz' })).status, 201);
    // A plain remove keeps nobody out.
    const other = await join({ room_name: 'lobby', participant_name: 'Pip' });
    assert.deepEqual((await remove(other.token.identity)).body, { action: 'remove', identity: other.token.identity });

    const bans = await get(url('lobby', 'bans'), bearer(mod.token.participant_token));
    assert.equal(bans.status, 200);
    assert.deepEqual(
      bans.body.kept_out.map((k: { name: string }) => k.name),
      ['Cy Member', 'Oz'],
    );
    assert.equal((await get(url('lobby', 'bans'), person(cy))).status, 403);
    const memberKey = bans.body.kept_out[0].key as string;
    const letBack = await fetch(url('lobby', `bans/${encodeURIComponent(memberKey)}`), {
      method: 'DELETE',
      headers: bearer(mod.token.participant_token),
    });
    assert.equal(letBack.status, 204);
    assert.equal((await token({ room_name: 'lobby' }, person(cy))).status, 201, 'let back in');
    assert.equal(
      (await token({ room_name: 'lobby', participant_name: 'Oz', guest_id: guestId })).body.error.code,
      'kept_out',
      'the guest is still kept out',
    );
  });
});

describe('bad input', () => {
  test('every new endpoint answers 400 naming the issue, never 500', async () => {
    const mod = await token({ room_name: 'study' }, person(ada));
    const asMod = bearer(mod.body.participant_token);
    const asked = await knock('study', { participant_name: 'Quin' });
    const cases: [string, Promise<{ status: number; body: any }>, string | undefined][] = [
      ['knock with a number for a name', knock('study', { participant_name: 5 }), 'participant_name'],
      ['knock without a name', knock('study', {}), 'participant_name'],
      ['knock with an unknown field', knock('study', { participant_name: 'Q', room: 'x' }), undefined],
      ['knock with bad JSON', post(url('study', 'knocks'), '{"participant_name":'), undefined],
      [
        'an answer that is neither',
        post(url('study', `knocks/${asked.body.knock_id}`), { decision: 'maybe' }, asMod),
        'decision',
      ],
      ['a lock that is not a boolean', post(url('study', 'lock'), { locked: 'yes' }, asMod), 'locked'],
      [
        'an invite for too short',
        post(url('study', 'invites'), { expires_in_seconds: 10 }, asMod),
        'expires_in_seconds',
      ],
      [
        'an invite for too long',
        post(url('study', 'invites'), { expires_in_seconds: 10_000_000 }, asMod),
        'expires_in_seconds',
      ],
      ['an invite used twice', post(url('study', 'invites'), { uses: 'twice' }, asMod), 'uses'],
      ['a token with a malformed knock', token({ room_name: 'study', knock: { id: 5 } }), 'knock.id'],
      ['a token with an empty invite', token({ room_name: 'study', invite: '' }), 'invite'],
      ['a token with a number for a guest id', token({ room_name: 'lobby', guest_id: 7 }), 'guest_id'],
      [
        'a remove with keep_out not a boolean',
        post(url('study', 'moderation'), { action: 'remove', identity: 'x', keep_out: 'yes' }, asMod),
        'keep_out',
      ],
    ];
    for (const [name, reply, path] of cases) {
      const { status, body } = await reply;
      assert.equal(status, 400, `${name}: ${status} ${JSON.stringify(body)}`);
      assert.equal(body.error.code, 'invalid_request', name);
      if (path) assert.equal(body.error.issues?.[0]?.path, path, name);
    }
    const unknown = await get(url('study', 'knocks/not-a-knock/events'), bearer('x'));
    assert.equal(unknown.status, 404);
    assert.equal(unknown.body.error.code, 'knock_not_found');
    assert.equal((await post(url('study', 'knocks/zzzzzzzzzzzzzzzz'), { decision: 'admit' }, asMod)).status, 404);
    const badGuestId = await token({ room_name: 'lobby', guest_id: 'forged.id' });
    assert.equal(badGuestId.status, 201, 'a guest id the server did not sign is replaced');
    assert.notEqual(badGuestId.body.guest_id, 'forged.id');
  });
});

describe('two server copies over one Redis', () => {
  test('a knock made through one copy is admitted through the other; a ban and a lock set through one hold on the other', async () => {
    const redis = await startRedis();
    const prefix = `doors-${randomUUID()}:`;
    const copy = async () => {
      const store = new RedisStore({ url: redis.url, prefix, log: () => {} });
      after(() => store.close());
      await until('Redis to answer', () => store.ping());
      return (await startApp({ config: parseConfig(await config()), livekit, authenticate, store })).baseUrl;
    };
    const [a, b] = [await copy(), await copy()];

    const asked = await knock('study', { participant_name: 'Rae' }, {}, a);
    assert.equal(asked.status, 201);
    const mine = await knockStream('study', asked.body, a);
    await mine.next<KnockStatus>((s) => s.state === 'waiting', { event: 'knock' });
    const onB = await get<KnockList>(at(b, 'study', 'knocks'), person(ada));
    assert.deepEqual(
      onB.body.knocks.map((k) => k.name),
      ['Rae'],
    );
    const admit = await post(at(b, 'study', `knocks/${asked.body.knock_id}`), { decision: 'admit' }, person(ada));
    assert.equal(admit.status, 200);
    await mine.next<KnockStatus>((s) => s.state === 'admitted', { event: 'knock', timeoutMs: 3000 });
    const inside = await token(
      { room_name: 'study', knock: { id: asked.body.knock_id, secret: asked.body.knock_secret } },
      {},
      b,
    );
    assert.equal(inside.status, 201);
    assert.equal(inside.body.name, 'Rae');

    const guest = await token({ room_name: 'back-office', participant_name: 'Sol' }, {}, a);
    await joinWith(guest.body);
    const guestId = guest.body.guest_id as string;
    const removed = await post(
      at(b, 'back-office', 'moderation'),
      { action: 'remove', identity: guest.body.identity, keep_out: true },
      person(ada),
    );
    assert.equal(removed.status, 200);
    const again = await token({ room_name: 'back-office', guest_id: guestId }, {}, a);
    assert.equal(again.status, 403);
    assert.equal(again.body.error.code, 'kept_out');

    const presenceOnB = await EventStream.open(`${b}/api/spaces/river-coop/events`);
    await presenceOnB.next<PresenceEvent>(() => true);
    assert.equal((await post(at(a, 'garden', 'lock'), { locked: true }, person(ada))).status, 200);
    await presenceOnB.next<PresenceEvent>(
      (e) => e.rooms.find((r) => r.slug === 'garden')?.locked_by_moderator === true,
      { timeoutMs: 3000 },
    );
    const refused = await token({ room_name: 'garden', participant_name: 'Tam' }, {}, b);
    assert.equal(refused.body.error.code, 'knock_required');
    await post(at(b, 'garden', 'lock'), { locked: false }, person(ada));
    assert.equal((await token({ room_name: 'garden', participant_name: 'Tam' }, {}, a)).status, 201);
    presenceOnB.close();
  });

  test('Redis away: the doors answer 503 store_unavailable and let nobody in; Redis back: they work again, the ban kept', async () => {
    // A Redis that keeps its data on disk, as a production one does: what it held is there again after it restarts.
    const redis = await launchRedis({ persist: true });
    after(() => redis.close());
    const store = new RedisStore({ url: redis.url, prefix: `outage-${randomUUID()}:`, log: () => {} });
    after(() => store.close());
    await until('Redis to answer', () => store.ping());
    const rateLimits = { tokens: false, codeGuesses: false, moderation: false, knocks: false, invites: false } as const;
    const base = (await startApp({ config: parseConfig(await config()), livekit, authenticate, store, rateLimits }))
      .baseUrl;

    const guest = await token({ room_name: 'back-office', participant_name: 'Uma' }, {}, base);
    await joinWith(guest.body);
    const umaAgain = { room_name: 'back-office', participant_name: 'Uma', guest_id: guest.body.guest_id };
    const removed = await post(
      at(base, 'back-office', 'moderation'),
      { action: 'remove', identity: guest.body.identity, keep_out: true },
      person(ada),
    );
    assert.equal(removed.status, 200);
    const asked = await knock('study', { participant_name: 'Val' }, {}, base);
    assert.equal(asked.status, 201);
    const admit = () => post(at(base, 'study', `knocks/${asked.body.knock_id}`), { decision: 'admit' }, person(ada));
    const valIn = { room_name: 'study', knock: { id: asked.body.knock_id, secret: asked.body.knock_secret } };

    await redis.stop();
    const unavailable = (reply: { status: number; body: any }, what: string) => {
      assert.equal(reply.status, 503, `${what}: ${reply.status} ${JSON.stringify(reply.body)}`);
      assert.deepEqual(
        reply.body,
        {
          error: {
            code: 'store_unavailable',
            message: 'The Convene server cannot reach its store right now. Try again in a moment.',
          },
        },
        what,
      );
    };
    unavailable(await token(umaAgain, {}, base), 'the kept-out guest asks for a token');
    unavailable(await admit(), 'a moderator admits the knock');
    unavailable(await token(valIn, {}, base), 'the knocker asks for a token');
    unavailable(await knock('study', { participant_name: 'Wes' }, {}, base), 'a new knock');
    unavailable(await post(at(base, 'garden', 'lock'), { locked: true }, person(ada)), 'a lock');
    unavailable(await post(at(base, 'study', 'invites'), {}, person(cy)), 'an invite');
    unavailable(
      await token({ room_name: 'garden', participant_name: 'Xi' }, {}, base),
      'a guest’s token for a public room (whether a moderator locked it cannot be read)',
    );

    await redis.start();
    await until(
      'a token again, without a restart',
      async () => (await token({ room_name: 'garden', participant_name: 'Xi' }, {}, base)).status === 201,
      10_000,
    );
    assert.equal((await token(umaAgain, {}, base)).body.error.code, 'kept_out', 'the ban held');
    assert.equal(
      (await token(valIn, {}, base)).body.error.code,
      'knock_not_admitted',
      'nothing was admitted while Redis was away',
    );
    assert.equal((await admit()).status, 200);
    const inside = await token(valIn, {}, base);
    assert.equal(inside.status, 201);
    assert.equal(inside.body.name, 'Val');
  });
});
