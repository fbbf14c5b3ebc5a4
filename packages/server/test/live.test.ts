/**
 * What people in rooms see, with real participants joining from Chromium: presence over SSE,
 * capacity, moderation that really mutes and removes, and a plain livekit-client page.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { AccessToken, RoomServiceClient, TrackType } from 'livekit-server-sdk';
import { launchChromium, startStack, testConfig, TEST_CODES } from '../../../test/harness/index.js';
import { parseConfig, type PresenceEvent } from '../src/index.js';
import {
  EventStream,
  get,
  joinFromPage,
  leaveFromPage,
  openParticipantPage,
  post,
  startApp,
  until,
} from './helpers.js';

const stack = await startStack({
  rateLimits: { tokens: false, codeGuesses: false },
  // Slow polling, so that promptness has to come from LiveKit's webhooks.
  presence: { pollMs: 30_000, heartbeatMs: 500 },
});
const browser = await launchChromium();
// A second server copy on the same LiveKit that gets no webhooks: it learns by polling alone.
const { baseUrl: copy } = await startApp({
  config: parseConfig(await testConfig()),
  livekit: { url: stack.livekit.url, apiKey: stack.livekit.apiKey, apiSecret: stack.livekit.apiSecret },
  presence: { pollMs: 300 },
  rateLimits: { streamsPerClient: 100 },
});
const api = stack.baseUrl;
const tokenUrl = `${api}/api/spaces/river-coop/token`;
const roomOf = (event: PresenceEvent, slug: string) => event.rooms.find((r) => r.slug === slug);

test('presence reaches SSE subscribers within 2 s of a real join and leave, names only for public rooms', async () => {
  const stream = await EventStream.open(`${api}/api/spaces/river-coop/events`);
  assert.match(stream.contentType, /^text\/event-stream/);
  const first = await stream.next<PresenceEvent>(() => true);
  assert.equal(first.data.presence, 'live');
  assert.deepEqual(roomOf(first.data, 'lobby'), { slug: 'lobby', count: 0, people: [] });
  assert.equal(roomOf(first.data, 'members'), undefined, 'members-only rooms are not shown to guests');

  const page = await openParticipantPage(browser, api);
  const joined = await joinFromPage(page, tokenUrl, { room_name: 'lobby', participant_name: 'Ada' });
  const connectedAt = Date.now();
  const arrival = await stream.next<PresenceEvent>((e) => roomOf(e, 'lobby')?.count === 1, { from: first.index + 1 });
  assert.deepEqual(roomOf(arrival.data, 'lobby')?.people, [{ identity: joined.identity, name: 'Ada' }]);
  assert.ok(arrival.at - connectedAt < 2000, `join seen after ${arrival.at - connectedAt} ms`);

  const locked = await openParticipantPage(browser, api);
  await joinFromPage(locked, tokenUrl, {
    room_name: 'workshop',
    participant_name: 'Bo',
    access_code: TEST_CODES.locked,
  });
  const inWorkshop = await stream.next<PresenceEvent>((e) => roomOf(e, 'workshop')?.count === 1, {
    from: arrival.index + 1,
  });
  assert.deepEqual(
    roomOf(inWorkshop.data, 'workshop'),
    { slug: 'workshop', count: 1 },
    'a locked room shows a count only',
  );

  const directory = await get(`${api}/api/spaces/river-coop`);
  assert.equal(directory.body.rooms[0].count, 1);
  assert.equal(directory.body.rooms[0].people[0].name, 'Ada');

  await leaveFromPage(page);
  const leftAt = Date.now();
  const departure = await stream.next<PresenceEvent>((e) => roomOf(e, 'lobby')?.count === 0, {
    from: inWorkshop.index + 1,
  });
  assert.ok(departure.at - leftAt < 2000, `leave seen after ${departure.at - leftAt} ms`);
  await leaveFromPage(locked);
  await until('heartbeats', () => stream.comments > 0, 3000);
  stream.close();
  await Promise.all([page.close(), locked.close()]);
});

test('a webhook has LiveKit asked about the room it names, not every room of the space', async () => {
  // The stack polls every 30 s, so what asks LiveKit here is the webhooks (and their 1 s follow-up).
  const listed = () =>
    readFileSync(stack.livekit.logFile, 'utf8')
      .split('\n')
      .filter((line) => line.includes('RoomService.ListParticipants'));
  const stream = await EventStream.open(`${api}/api/spaces/river-coop/events`);
  // Nobody anywhere, and the webhooks of the last departures (and their follow-ups) done.
  const first = await stream.next<PresenceEvent>((e) => e.rooms.every((r) => r.count === 0));
  await new Promise((resolve) => setTimeout(resolve, 2500));
  const before = listed().length;
  const page = await openParticipantPage(browser, api);
  await joinFromPage(page, tokenUrl, { room_name: 'lobby', participant_name: 'Asked' }, { microphone: false });
  await stream.next<PresenceEvent>((e) => roomOf(e, 'lobby')?.count === 1, { from: first.index + 1 });
  await new Promise((resolve) => setTimeout(resolve, 1500)); // the follow-up a second later
  const calls = listed().slice(before);
  assert.ok(calls.length > 0, 'the join had LiveKit asked');
  const rooms = new Set(calls.map((line) => /river-coop\/[a-z0-9-]+/.exec(line)?.[0] ?? line));
  assert.deepEqual([...rooms], ['river-coop/lobby'], `asked about ${[...rooms].join(', ')}`);
  await leaveFromPage(page);
  await stream.next<PresenceEvent>((e) => roomOf(e, 'lobby')?.count === 0);
  stream.close();
  await page.close();
});

test('a full room is refused with room_full, and LiveKit itself holds the limit', async () => {
  const page = await openParticipantPage(browser, api);
  await joinFromPage(page, tokenUrl, { room_name: 'tiny', participant_name: 'First' }, { microphone: false });
  const second = await post(tokenUrl, { room_name: 'tiny', participant_name: 'Second' });
  assert.equal(second.status, 409);
  assert.equal(second.body.error.code, 'room_full');

  // A token minted elsewhere, past Convene's check, still meets LiveKit's own limit.
  const direct = new AccessToken(stack.livekit.apiKey, stack.livekit.apiSecret, { identity: 'sneaky' });
  direct.addGrant({ room: 'river-coop/tiny', roomJoin: true });
  const intruder = await openParticipantPage(browser, api);
  const outcome = await intruder.evaluate(
    async (url: string, jwt: string) => {
      const room = new (globalThis as any).lk.Room();
      try {
        await room.connect(url, jwt, { maxRetries: 0 });
        return 'connected';
      } catch (error) {
        return String((error as Error).message);
      }
    },
    stack.livekit.url,
    await direct.toJwt(),
  );
  assert.notEqual(outcome, 'connected');
  await intruder.close();
  const log = readFileSync(stack.livekit.logFile, 'utf8');
  assert.ok(
    log.split('\n').some((line) => line.includes('"sneaky"') && line.includes('exceeded its max participants')),
    'LiveKit refused the join because the room is full',
  );

  await leaveFromPage(page);
  await until('the room to have space again', async () => (await post(tokenUrl, { room_name: 'tiny' })).status === 201);
  await page.close();
});

test('a moderator really mutes and really removes a participant who joined from Chromium', async () => {
  const guestPage = await openParticipantPage(browser, api);
  const guest = await joinFromPage(guestPage, tokenUrl, {
    room_name: 'workshop',
    participant_name: 'Loud',
    access_code: TEST_CODES.locked,
  });
  const micMuted = () =>
    guestPage.evaluate(() => {
      const room = (globalThis as any).room;
      const lk = (globalThis as any).lk;
      return room.localParticipant.getTrackPublication(lk.Track.Source.Microphone)?.isMuted ?? null;
    });
  assert.equal(await micMuted(), false);

  const mod = await post(tokenUrl, {
    room_name: 'workshop',
    participant_name: 'Mo',
    moderator_code: TEST_CODES.moderator,
  });
  const moderate = (body: unknown, bearer: string) =>
    post(`${api}/api/spaces/river-coop/rooms/workshop/moderation`, body, { authorization: `Bearer ${bearer}` });

  // Another guest in the same room may not.
  const other = await post(tokenUrl, { room_name: 'workshop', access_code: TEST_CODES.locked });
  const refused = await moderate({ action: 'mute', identity: guest.identity }, other.body.participant_token);
  assert.equal(refused.status, 403);
  assert.equal(await micMuted(), false);

  const muted = await moderate({ action: 'mute', identity: guest.identity }, mod.body.participant_token);
  assert.equal(muted.status, 200, JSON.stringify(muted.body));
  assert.equal(muted.body.muted.length, 1);
  await until('the guest’s microphone to be muted in their own browser', async () => (await micMuted()) === true);

  const removed = await moderate({ action: 'remove', identity: guest.identity }, mod.body.participant_token);
  assert.equal(removed.status, 200);
  const reason = await until('the guest to be disconnected', () =>
    guestPage.evaluate(() => (globalThis as any).disconnectReason),
  );
  const lkReason = await guestPage.evaluate(() => (globalThis as any).lk.DisconnectReason.PARTICIPANT_REMOVED);
  assert.equal(reason, lkReason);
  await guestPage.close();
});

test('a bad moderation request is 400 from a guest and a moderator alike, and changes nothing', async () => {
  const page = await openParticipantPage(browser, api);
  const target = await joinFromPage(page, tokenUrl, {
    room_name: 'workshop',
    participant_name: 'Still here',
    access_code: TEST_CODES.locked,
  });
  const guest = await post(tokenUrl, { room_name: 'workshop', access_code: TEST_CODES.locked });
  const mod = await post(tokenUrl, { room_name: 'workshop', moderator_code: TEST_CODES.moderator });
  const moderate = (body: unknown, bearer: string) =>
    post(`${api}/api/spaces/river-coop/rooms/workshop/moderation`, body, { authorization: `Bearer ${bearer}` });

  const bad: { body: Record<string, unknown>; path: string }[] = [
    { body: { action: 'ban', identity: target.identity }, path: 'action' },
    { body: { action: 'remove' }, path: 'identity' },
    { body: { action: 'remove', identity: target.identity, reason: 'spam' }, path: '(root)' },
    { body: { action: 'mute', identity: '' }, path: 'identity' },
  ];
  for (const [who, bearer] of [
    ['a guest', guest.body.participant_token],
    ['a moderator', mod.body.participant_token],
  ]) {
    for (const { body, path } of bad) {
      const reply = await moderate(body, bearer);
      assert.equal(reply.status, 400, `${who}, ${JSON.stringify(body)}: ${JSON.stringify(reply.body)}`);
      assert.equal(reply.body.error.code, 'invalid_request');
      assert.deepEqual(
        reply.body.error.issues.map((issue: { path: string }) => issue.path),
        [path],
      );
    }
  }

  const rooms = new RoomServiceClient(stack.livekit.httpUrl, stack.livekit.apiKey, stack.livekit.apiSecret);
  const microphone = async () =>
    (await rooms.getParticipant('river-coop/workshop', target.identity)).tracks.find(
      (track) => track.type === TrackType.AUDIO,
    );
  assert.equal((await microphone())?.muted, false, 'still unmuted, still in the room, at LiveKit');
  assert.equal(await page.evaluate(() => (globalThis as any).disconnectReason), null, 'still connected');

  // The same person could have been muted: what kept the microphone on was the request.
  const muted = await moderate({ action: 'mute', identity: target.identity }, mod.body.participant_token);
  assert.equal(muted.status, 200);
  assert.equal((await microphone())?.muted, true);
  await leaveFromPage(page);
  await page.close();
});

test('a plain livekit-client page joins a public room through TokenSource.endpoint', async () => {
  const page = await browser.newPage();
  await page.goto(`${api}/test-pages/plain-livekit.html?space=river-coop&room=lobby&name=Plain`);
  await page.waitForFunction(() => (globalThis as any).document.getElementById('status')?.textContent !== 'starting', {
    timeout: 20_000,
  });
  await page.waitForFunction(
    () => /connected|failed/.test((globalThis as any).document.getElementById('status')?.textContent ?? ''),
    {
      timeout: 20_000,
    },
  );
  assert.equal(await page.$eval('#status', (el) => el.textContent), 'connected');
  await until('the plain participant in the directory', async () => {
    const directory = await get(`${api}/api/spaces/river-coop`);
    return directory.body.rooms[0].people.some((p: { name: string }) => p.name === 'Plain');
  });
  await page.close();
});

test('a server copy without webhooks agrees by polling, with one poller for all its subscribers', async () => {
  const listCalls = () =>
    readFileSync(stack.livekit.logFile, 'utf8')
      .split('\n')
      .filter((line) => line.includes('RoomService.ListParticipants')).length;
  const streams = await Promise.all(
    Array.from({ length: 20 }, () => EventStream.open(`${copy}/api/spaces/river-coop/events`)),
  );
  await Promise.all(streams.map((s) => s.next<PresenceEvent>(() => true)));
  const before = listCalls();
  const started = Date.now();

  const page = await openParticipantPage(browser, api);
  await joinFromPage(page, tokenUrl, { room_name: 'lobby', participant_name: 'Polled' }, { microphone: false });
  await Promise.all(
    streams.map((s) => s.next<PresenceEvent>((e) => roomOf(e, 'lobby')?.people?.[0]?.name === 'Polled')),
  );
  await leaveFromPage(page);
  await Promise.all(streams.map((s) => s.next<PresenceEvent>((e) => roomOf(e, 'lobby')?.count === 0)));

  const elapsed = Date.now() - started;
  const calls = listCalls() - before;
  const rooms = 5;
  // One poller: a round of one call per room every 300 ms (plus the stack's own webhook-driven
  // rounds). One poller per subscriber would make twenty times as many.
  const allowed = (Math.ceil(elapsed / 300) + 2) * rooms + 8 * rooms;
  assert.ok(calls <= allowed, `${calls} ListParticipants calls in ${elapsed} ms (allowed ${allowed})`);
  for (const s of streams) s.close();
  await page.close();
});
