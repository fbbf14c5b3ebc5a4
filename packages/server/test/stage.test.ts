/**
 * Stage rooms (issue 17) on a real livekit-server, with participants from `@livekit/rtc-node`:
 * the grants each side of the stage gets, bring-up / send-back / step-down changing what LiveKit
 * lets someone publish (live, no new token), hands as asking to speak, presence that names only the
 * speakers, and who may do what (401, 400, 403, 404; never a 500).
 */
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { RoomServiceClient, TrackSource } from 'livekit-server-sdk';
import { startStack, testConfig, testStageSpace, TEST_CODES } from '../../../test/harness/index.js';
import { joinNode, leaveAll, type NodeParticipant } from '../../../test/harness/node-participant.js';
import {
  ConfigError,
  HAND_ATTRIBUTE,
  parseConfig,
  STAGE_ATTRIBUTE,
  type Directory,
  type PresenceEvent,
  type TokenResponse,
} from '../src/index.js';
import { EventStream, get, post, until, verifyToken, type Reply } from './helpers.js';

const config = await testConfig();
config.spaces.push(await testStageSpace());
const stack = await startStack({ config, presence: { pollMs: 30_000, heartbeatMs: 1000 } });
const api = stack.baseUrl;
const { apiKey, apiSecret } = stack.livekit;
const livekit = new RoomServiceClient(stack.livekit.url.replace(/^ws/, 'http'), apiKey, apiSecret);
const people: NodeParticipant[] = [];
after(() => leaveAll(people, { disposeRuntime: true }));

async function token(room: string, name: string, extra: Record<string, unknown> = {}): Promise<TokenResponse> {
  const reply = await post<TokenResponse>(`${api}/api/spaces/assembly/token`, {
    room_name: room,
    participant_name: name,
    ...extra,
  });
  assert.equal(reply.status, 201, JSON.stringify(reply.body));
  return reply.body;
}
const moderatorToken = (room: string, name: string) => token(room, name, { moderator_code: TEST_CODES.moderator });

async function join(room: string, name: string, moderator = false) {
  const details = moderator ? await moderatorToken(room, name) : await token(room, name);
  const person = await joinNode(details);
  people.push(person);
  return { details, person };
}

const bearer = (details: TokenResponse) => ({ authorization: `Bearer ${details.participant_token}` });
const moderate = (room: string, by: TokenResponse, body: unknown): Promise<Reply> =>
  post(`${api}/api/spaces/assembly/rooms/${room}/moderation`, body, bearer(by));
const stage = (room: string, by: TokenResponse | null, body: unknown): Promise<Reply> =>
  post(`${api}/api/spaces/assembly/rooms/${room}/stage`, body, by ? bearer(by) : {});

/**
 * Whether LiveKit refuses `person`'s microphone in `room`: its permission says no, and a publish
 * they try reaches nobody (rtc-node waits for an answer LiveKit never sends, so the try is given 3 s
 * and then LiveKit is asked what it has from them).
 */
async function publishRefused(room: string, person: NodeParticipant): Promise<boolean> {
  const info = await livekit.getParticipant(`assembly/${room}`, person.identity);
  if (info.permission?.canPublish !== false) return false;
  let timer: NodeJS.Timeout | undefined;
  const published = await Promise.race([
    person.publishMicrophone().then(
      () => true,
      () => false,
    ),
    new Promise<boolean>((resolve) => {
      timer = setTimeout(resolve, 3000, false);
    }),
  ]);
  clearTimeout(timer);
  return !published && (await liveMicrophones(room, person.identity)).length === 0;
}

/** The microphone tracks LiveKit has for `identity` in `room`, unmuted. */
async function liveMicrophones(room: string, identity: string) {
  const participant = await livekit.getParticipant(`assembly/${room}`, identity);
  return participant.tracks.filter((t) => t.source === TrackSource.MICROPHONE && !t.muted);
}

test('a stage with publish: moderators is refused at start-up, saying why', () => {
  const input = {
    spaces: [
      {
        slug: 'coop',
        name: 'Co-op',
        entrance: 'hall',
        rooms: [{ slug: 'hall', name: 'Hall', access: 'public', stage: true, publish: 'moderators' }],
      },
    ],
  };
  assert.throws(
    () => parseConfig(input),
    (error: unknown) =>
      error instanceof ConfigError &&
      error.problems.some(
        (p) => p.includes('spaces[0].rooms[0].publish') && /stage room decides who publishes/.test(p),
      ),
  );
  const plain = parseConfig({
    spaces: [{ ...input.spaces[0], rooms: [{ slug: 'hall', name: 'Hall', access: 'public' }] }],
  });
  assert.equal(plain.spaces[0]?.rooms[0]?.stage, false, 'not a stage unless the config says so');
});

test('grants: the audience subscribes and sends data but cannot publish; moderators start on the stage', async () => {
  const audience = await token('hall', 'Ada');
  assert.equal(audience.stage, 'audience');
  const claims = await verifyToken(audience.participant_token, apiKey, apiSecret);
  assert.equal(claims.video?.canPublish, false);
  assert.equal(claims.video?.canSubscribe, true);
  assert.equal(claims.video?.canPublishData, true, 'chat and reactions');
  assert.equal(claims.video?.canUpdateOwnMetadata, undefined);
  assert.equal(claims.attributes?.[STAGE_ATTRIBUTE], undefined);

  const speaker = await moderatorToken('hall', 'Mo');
  assert.equal(speaker.stage, 'speaker');
  assert.equal(speaker.moderator, true);
  const speakerClaims = await verifyToken(speaker.participant_token, apiKey, apiSecret);
  assert.equal(speakerClaims.video?.canPublish, true);
  assert.equal(speakerClaims.attributes?.[STAGE_ATTRIBUTE], 'speaker');

  const ordinary = await token('side', 'Bo');
  assert.equal(ordinary.stage, undefined, 'an ordinary room says nothing of a stage');
  assert.equal((await verifyToken(ordinary.participant_token, apiKey, apiSecret)).video?.canPublish, true);

  const locked = await token('forum', 'Cy', { access_code: TEST_CODES.locked });
  assert.equal(locked.stage, 'audience', 'a locked stage room admits to the audience');
});

test('brought up, an audience member can publish; sent back, LiveKit drops their track and refuses again', async () => {
  const { details: mo } = await join('hall', 'Mo', true);
  const { details: ada, person: adaClient } = await join('hall', 'Ada');
  assert.equal(await publishRefused('hall', adaClient), true, 'the audience cannot publish (the grant says no)');
  assert.deepEqual(await liveMicrophones('hall', ada.identity), []);

  const up = await moderate('hall', mo, { action: 'bring-up', identity: ada.identity });
  assert.equal(up.status, 200, JSON.stringify(up.body));
  assert.deepEqual(up.body, { action: 'bring-up', identity: ada.identity, on_stage: true });
  await until(
    'Ada sees herself on the stage',
    () => adaClient.room.localParticipant?.attributes[STAGE_ATTRIBUTE] === 'speaker',
  );
  const sid = await adaClient.publishMicrophone();
  assert.ok(sid, 'brought up, she publishes');
  await until('LiveKit has her microphone', async () => (await liveMicrophones('hall', ada.identity)).length === 1);

  const back = await moderate('hall', mo, { action: 'send-back', identity: ada.identity });
  assert.equal(back.status, 200, JSON.stringify(back.body));
  assert.equal(back.body.on_stage, false);
  await until(
    'her microphone no longer reaches the room',
    async () => (await liveMicrophones('hall', ada.identity)).length === 0,
  );
  const info = await livekit.getParticipant('assembly/hall', ada.identity);
  assert.equal(info.permission?.canPublish, false);
  assert.equal(info.permission?.canPublishData, true);
  assert.equal(info.permission?.canSubscribe, true);
  assert.equal(info.attributes[STAGE_ATTRIBUTE] ?? '', '');
  assert.equal(await publishRefused('hall', adaClient), true, 'sent back, she cannot publish again');
});

test('a speaker steps down with their own token; a moderator may step back up, nobody else', async () => {
  const { details: mo, person: moClient } = await join('podium', 'Mo', true);
  const { details: bo, person: boClient } = await join('podium', 'Bo');

  const refused = await stage('podium', bo, { on_stage: true });
  assert.equal(refused.status, 403);
  assert.match(refused.body.error.message, /raise your hand/);

  assert.equal((await moderate('podium', mo, { action: 'bring-up', identity: bo.identity })).status, 200);
  await until('Bo on the stage', () => boClient.room.localParticipant?.attributes[STAGE_ATTRIBUTE] === 'speaker');
  await boClient.publishMicrophone();
  await until('Bo publishing', async () => (await liveMicrophones('podium', bo.identity)).length === 1);
  const down = await stage('podium', bo, { on_stage: false });
  assert.equal(down.status, 200);
  assert.deepEqual(down.body, { identity: bo.identity, on_stage: false });
  await until('Bo stepped down', async () => (await liveMicrophones('podium', bo.identity)).length === 0);
  assert.equal(await publishRefused('podium', boClient), true);

  // The moderator steps down too, and back up: the stage is theirs.
  assert.equal((await stage('podium', mo, { on_stage: false })).status, 200);
  await until('Mo in the audience', () => (moClient.room.localParticipant?.attributes[STAGE_ATTRIBUTE] ?? '') === '');
  assert.equal(await publishRefused('podium', moClient), true);
  assert.equal((await stage('podium', mo, { on_stage: true })).status, 200);
  await until('Mo back up', () => moClient.room.localParticipant?.attributes[STAGE_ATTRIBUTE] === 'speaker');
  assert.ok(await moClient.publishMicrophone());
});

test('at a stage room’s table everyone talks: it is an ordinary room', async () => {
  const { details: bo } = await join('podium', 'Tabletalker');
  const table = await post<TokenResponse>(
    `${api}/api/spaces/assembly/rooms/podium/tables/corner/token`,
    {},
    bearer(bo),
  );
  assert.equal(table.status, 201, JSON.stringify(table.body));
  assert.equal(table.body.stage, undefined);
  assert.equal((await verifyToken(table.body.participant_token, apiKey, apiSecret)).video?.canPublish, true);
});

test('who may: moderators only, stage rooms only, bad input 400, nobody 404, no token 401', async () => {
  const { details: mo } = await join('hall', 'Mod two', true);
  const { details: cy } = await join('hall', 'Cy');
  const { details: di } = await join('hall', 'Di');
  const { details: sideMo } = await join('side', 'Side mod', true);
  const { details: sideDi } = await join('side', 'Side Di');

  const byAudience = await moderate('hall', cy, { action: 'bring-up', identity: di.identity });
  assert.equal(byAudience.status, 403);
  assert.match(byAudience.body.error.message, /Only a moderator/);
  assert.equal(
    (await moderate('hall', cy, { action: 'bring-up', identity: cy.identity })).status,
    403,
    'nor themselves',
  );
  assert.equal((await moderate('hall', cy, { action: 'send-back', identity: mo.identity })).status, 403);

  const notStage = await moderate('side', sideMo, { action: 'bring-up', identity: sideDi.identity });
  assert.equal(notStage.status, 403);
  assert.match(notStage.body.error.message, /not a stage room/);
  assert.equal((await stage('side', sideDi, { on_stage: false })).status, 403);

  for (const body of [
    { action: 'bring-up' },
    { action: 'bring-up', identity: '' },
    { action: 'bring-up', identity: di.identity, keep_out: true },
    { action: 'lift', identity: di.identity },
  ]) {
    const reply = await moderate('hall', mo, body);
    assert.equal(reply.status, 400, `${JSON.stringify(body)} → ${reply.status}`);
  }
  for (const body of [{}, { on_stage: 'no' }, { on_stage: false, identity: di.identity }, '{"on_stage":']) {
    const reply = await stage('hall', cy, body);
    assert.equal(reply.status, 400, `${JSON.stringify(body)} → ${reply.status}`);
  }

  const nobody = await moderate('hall', mo, { action: 'bring-up', identity: 'nobody-here' });
  assert.equal(nobody.status, 404);
  assert.equal(nobody.body.error.code, 'participant_not_found');

  assert.equal((await stage('hall', null, { on_stage: false })).status, 401);
  const forged = await post(
    `${api}/api/spaces/assembly/rooms/hall/stage`,
    { on_stage: false },
    {
      authorization: 'Bearer not.a.token',
    },
  );
  assert.equal(forged.status, 401);
  assert.equal(
    (await stage('side', cy, { on_stage: false })).status,
    401,
    'a token for another room is none for this one',
  );
  const unknownRoom = await post(`${api}/api/spaces/assembly/rooms/nowhere/stage`, { on_stage: false }, bearer(cy));
  assert.equal(unknownRoom.status, 404);

  // Refused requests changed nothing.
  const info = await livekit.getParticipant('assembly/hall', di.identity);
  assert.equal(info.permission?.canPublish, false);
  assert.equal(info.attributes[STAGE_ATTRIBUTE] ?? '', '');
});

test('a raised hand asks to speak in a stage room without hand-raise furniture; bringing up answers it', async () => {
  const { details: mo } = await join('podium', 'Mod hands', true);
  const { details: eve, person: eveClient } = await join('podium', 'Eve');
  const hand = await post(`${api}/api/spaces/assembly/rooms/podium/hand`, { up: true }, bearer(eve));
  assert.equal(hand.status, 200, JSON.stringify(hand.body));
  assert.equal(hand.body.up, true);
  await until('Eve’s hand up', () => /^\d+$/.test(eveClient.room.localParticipant?.attributes[HAND_ATTRIBUTE] ?? ''));

  const { details: sideEve } = await join('side', 'Side Eve');
  const noFurniture = await post(`${api}/api/spaces/assembly/rooms/side/hand`, { up: true }, bearer(sideEve));
  assert.equal(noFurniture.status, 403, 'an ordinary room still needs its hand-raise furniture');

  assert.equal((await moderate('podium', mo, { action: 'bring-up', identity: eve.identity })).status, 200);
  await until('Eve on the stage, her hand down', () => {
    const attributes = eveClient.room.localParticipant?.attributes ?? {};
    return attributes[STAGE_ATTRIBUTE] === 'speaker' && (attributes[HAND_ATTRIBUTE] ?? '') === '';
  });
});

test('presence and the directory: speakers by name, everyone counted, "speaking" at once after a bring-up', async () => {
  const stream = await EventStream.open(`${api}/api/spaces/assembly/events`);
  const hallOf = (e: PresenceEvent) => e.rooms.find((r) => r.slug === 'hall');
  const first = await stream.next<PresenceEvent>(() => true);
  const before = hallOf(first.data);
  assert.ok(before);
  const directory = await get<Directory>(`${api}/api/spaces/assembly`);
  const hall = directory.body.rooms.find((r) => r.slug === 'hall');
  assert.equal(hall?.stage, true);
  assert.equal(directory.body.rooms.find((r) => r.slug === 'side')?.stage, undefined);
  assert.equal(hall?.count, before.count);
  assert.equal(hall?.speaking, before.speaking);
  assert.equal(directory.body.rooms.find((r) => r.slug === 'side')?.speaking, undefined);

  const { details: mo } = await join('hall', 'Moderator Zed', true);
  const { details: fay } = await join('hall', 'Fay');
  const joined = await stream.next<PresenceEvent>(
    (e) => hallOf(e)?.count === (before.count ?? 0) + 2 && hallOf(e)?.speaking === (before.speaking ?? 0) + 1,
    { from: first.index + 1 },
  );
  const names = (hallOf(joined.data)?.people ?? []).map((p) => p.name);
  assert.ok(names.includes('Moderator Zed'), 'speakers are named');
  assert.ok(!names.includes('Fay'), 'the audience is counted, not named');
  assert.equal(hallOf(joined.data)?.people?.length, hallOf(joined.data)?.speaking);

  const broughtAt = Date.now();
  assert.equal((await moderate('hall', mo, { action: 'bring-up', identity: fay.identity })).status, 200);
  // Polling is slowed to 30 s here: this comes from the bring-up itself.
  const up = await stream.next<PresenceEvent>((e) => (hallOf(e)?.people ?? []).some((p) => p.name === 'Fay'), {
    from: joined.index + 1,
    timeoutMs: 5000,
  });
  assert.equal(hallOf(up.data)?.speaking, (before.speaking ?? 0) + 2);
  assert.equal(hallOf(up.data)?.count, (before.count ?? 0) + 2);
  assert.ok(up.at - broughtAt < 5000);
  stream.close();
});
