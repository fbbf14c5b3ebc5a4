/**
 * Furniture on the server: embed hosts in the config and the token response, and the moderation
 * actions furniture uses (lower a hand, spotlight) against a real livekit-server and Chromium.
 */
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { RoomServiceClient } from 'livekit-server-sdk';
import { launchChromium, startStack, testConfig, TEST_CODES } from '../../../test/harness/index.js';
import { ConfigError, parseConfig, ROLE_ATTRIBUTE, type ConveneConfigInput, type TokenResponse } from '../src/index.js';
import { joinFromPage, openParticipantPage, post, until, verifyToken } from './helpers.js';

async function furnishedConfig(): Promise<ConveneConfigInput> {
  const config = await testConfig();
  config.spaces.push({
    slug: 'furnished',
    name: 'Furnished',
    entrance: 'open',
    embedHosts: ['forms.example.org', '*.boards.example'],
    rooms: [
      {
        slug: 'open',
        name: 'Open',
        access: 'public',
        furniture: [
          { kind: 'spotlight', settings: { anyone: true } },
          { kind: 'hand-raise' },
          { kind: 'embed', settings: { url: 'https://forms.example.org/f/1', title: 'Sign-up' } },
          { kind: 'embed', settings: { url: 'https://team.boards.example/b' } },
        ],
      },
      {
        slug: 'breakout',
        name: 'Breakout',
        access: 'public',
        furniture: [{ kind: 'breakout-tables', settings: { tables: [{ slug: 'red', name: 'Red table' }] } }],
      },
      {
        slug: 'talk',
        name: 'Talk',
        access: 'public',
        moderatorCode: (await testConfig()).spaces[0]!.rooms[1]!.moderatorCode!,
        furniture: [{ kind: 'spotlight' }, { kind: 'hand-raise' }],
      },
      {
        slug: 'panel',
        name: 'Panel',
        access: 'public',
        publish: 'moderators',
        moderatorCode: (await testConfig()).spaces[0]!.rooms[1]!.moderatorCode!,
        furniture: [
          { kind: 'chat' },
          { kind: 'breakout-tables', settings: { tables: [{ slug: 'blue', name: 'Blue table' }] } },
        ],
      },
    ],
  });
  return config;
}

describe('embed hosts in the config', () => {
  test('an embed from a host the space does not list is refused, naming the path and the fix', async () => {
    const config = await furnishedConfig();
    config.spaces[1]!.rooms[0]!.furniture!.push({ kind: 'embed', settings: { url: 'https://evil.example/x' } });
    assert.throws(
      () => parseConfig(config),
      (error: unknown) =>
        error instanceof ConfigError &&
        /spaces\[1\]\.rooms\[0\]\.furniture\[4\]\.settings\.url/.test(error.message) &&
        /add "evil\.example" to embedHosts/.test(error.message),
    );
  });

  test('a host with a scheme or a path is refused', async () => {
    const config = await furnishedConfig();
    config.spaces[1]!.embedHosts = ['https://forms.example.org/'];
    assert.throws(() => parseConfig(config), /embedHosts/);
  });
});

describe('furniture moderation, live', async () => {
  const stack = await startStack({
    config: await furnishedConfig(),
    rateLimits: { tokens: false, codeGuesses: false },
    // Not the default, so that a token minted with any other lifetime shows.
    tokenTtlSeconds: 300,
  });
  const browser = await launchChromium();
  after(async () => {
    await browser.close();
    await stack.stop();
  });
  const api = stack.baseUrl;
  const tokenUrl = `${api}/api/spaces/furnished/token`;
  const rooms = new RoomServiceClient(
    stack.livekit.url.replace(/^ws/, 'http'),
    stack.livekit.apiKey,
    stack.livekit.apiSecret,
  );
  const moderate = (room: string, body: unknown, bearer: string) =>
    post(`${api}/api/spaces/furnished/rooms/${room}/moderation`, body, { authorization: `Bearer ${bearer}` });

  test('the token response carries the space’s embed hosts', async () => {
    const reply = await post(tokenUrl, { room_name: 'open' });
    assert.equal(reply.status, 201);
    assert.deepEqual(reply.body.embed_hosts, ['forms.example.org', '*.boards.example']);
    assert.equal(reply.body.furniture.length, 4);
  });

  test('a breakout table’s token: same person, the table’s own LiveKit room, only for someone in the room', async () => {
    const url = (table: string) => `${api}/api/spaces/furnished/rooms/breakout/tables/${table}/token`;
    const page = await openParticipantPage(browser, api);
    const ada = await joinFromPage(
      page,
      tokenUrl,
      { room_name: 'breakout', participant_name: 'Ada' },
      { microphone: false },
    );
    const bearer = { authorization: `Bearer ${ada.participant_token}` };
    assert.equal((await post(url('red'), {})).status, 401);
    assert.equal((await post(url('green'), {}, bearer)).status, 404);
    const absent = await post(tokenUrl, { room_name: 'breakout', participant_name: 'Bo' });
    const notInRoom = await post(url('red'), {}, { authorization: `Bearer ${absent.body.participant_token}` });
    assert.equal(notInRoom.status, 403, 'a token for the room is not enough: its holder must be in the room');
    const seat = await post(url('red'), {}, bearer);
    assert.equal(seat.status, 201, JSON.stringify(seat.body));
    assert.equal(seat.body.identity, ada.identity);
    assert.equal(seat.body.name, 'Ada');
    assert.equal(seat.body.livekit_room, 'furnished/breakout/red');
    await page.close();
  });

  test('a table’s token is the same answer as the room’s: same fields, lifetime and publishing rule', async () => {
    const tableUrl = `${api}/api/spaces/furnished/rooms/panel/tables/blue/token`;
    const pages = [];
    for (const request of [
      { room_name: 'panel', participant_name: 'Gus' },
      { room_name: 'panel', participant_name: 'Mod', moderator_code: TEST_CODES.moderator },
    ]) {
      const page = await openParticipantPage(browser, api);
      pages.push(page);
      const inRoom = await joinFromPage(page, tokenUrl, request, { microphone: false });
      const atTable = await post<TokenResponse>(tableUrl, {}, { authorization: `Bearer ${inRoom.participant_token}` });
      assert.equal(atTable.status, 201, JSON.stringify(atTable.body));
      const moderator = 'moderator_code' in request;
      assert.equal(inRoom.moderator, moderator);

      assert.deepEqual(Object.keys(atTable.body).sort(), Object.keys(inRoom).sort(), 'the same fields');
      const who = (answer: TokenResponse) => {
        const { server_url, identity, name, space, room, moderator, embed_hosts } = answer;
        return { server_url, identity, name, space, room, moderator, embed_hosts };
      };
      assert.deepEqual(who(atTable.body), who(inRoom), 'the same person, in the same space and room');
      assert.equal(inRoom.livekit_room, 'furnished/panel');
      assert.equal(atTable.body.livekit_room, 'furnished/panel/blue', 'the table’s own LiveKit room');
      assert.deepEqual(
        inRoom.furniture.map((f) => f.kind),
        ['chat', 'breakout-tables'],
      );
      assert.deepEqual(atTable.body.furniture, [], 'no furniture at a table');

      const roomJwt = await verifyToken(inRoom.participant_token, stack.livekit.apiKey, stack.livekit.apiSecret);
      const tableJwt = await verifyToken(atTable.body.participant_token, stack.livekit.apiKey, stack.livekit.apiSecret);
      for (const [answer, jwt] of [
        [inRoom, roomJwt],
        [atTable.body, tableJwt],
      ] as const) {
        const { exp, nbf } = jwt as { exp: number; nbf: number };
        assert.equal(exp - nbf, 300, 'the server’s token lifetime');
        assert.equal(Date.parse(answer.expires_at) / 1000, exp, 'expires_at is the token’s own expiry');
      }
      assert.deepEqual(tableJwt.video, { ...roomJwt.video, room: 'furnished/panel/blue' }, 'the same grants');
      assert.equal(tableJwt.video?.canPublish, moderator, 'on a talk only moderators publish, at its tables too');
      assert.equal(tableJwt.attributes?.[ROLE_ATTRIBUTE], moderator ? 'moderator' : 'guest');
      assert.equal(tableJwt.attributes?.[ROLE_ATTRIBUTE], roomJwt.attributes?.[ROLE_ATTRIBUTE]);
    }
    await Promise.all(pages.map((page) => page.close()));
  });

  test('anyone may spotlight where the room says so; only a moderator elsewhere; only a moderator lowers a hand', async () => {
    const page = await openParticipantPage(browser, api);
    const ada = await joinFromPage(
      page,
      tokenUrl,
      { room_name: 'open', participant_name: 'Ada' },
      { microphone: false },
    );
    const guest = await post(tokenUrl, { room_name: 'open', participant_name: 'Bo' });
    const on = await moderate('open', { action: 'spotlight', identity: ada.identity }, guest.body.participant_token);
    assert.equal(on.status, 200, JSON.stringify(on.body));
    const metadata = async (room: string) => JSON.parse((await rooms.listRooms([room]))[0]?.metadata || '{}');
    assert.equal((await metadata('furnished/open'))['convene.spotlight'], ada.identity);
    await until('the spotlight in Ada’s browser', () =>
      page.evaluate(() => (globalThis as any).room.metadata?.includes('convene.spotlight')),
    );
    const off = await moderate('open', { action: 'unspotlight', identity: ada.identity }, guest.body.participant_token);
    assert.equal(off.status, 200);
    assert.equal((await metadata('furnished/open'))['convene.spotlight'], undefined);

    await page.evaluate(() => (globalThis as any).room.localParticipant.setAttributes({ 'convene.hand': '123' }));
    const refused = await moderate(
      'open',
      { action: 'lower-hand', identity: ada.identity },
      guest.body.participant_token,
    );
    assert.equal(refused.status, 403);

    const talkPage = await openParticipantPage(browser, api);
    const speaker = await joinFromPage(
      talkPage,
      tokenUrl,
      { room_name: 'talk', participant_name: 'Cy' },
      { microphone: false },
    );
    const talkGuest = await post(tokenUrl, { room_name: 'talk' });
    const notYours = await moderate(
      'talk',
      { action: 'spotlight', identity: speaker.identity },
      talkGuest.body.participant_token,
    );
    assert.equal(notYours.status, 403);
    assert.equal(notYours.body.error.code, 'forbidden');
    const mod = await post(tokenUrl, { room_name: 'talk', moderator_code: TEST_CODES.moderator });
    const pinned = await moderate(
      'talk',
      { action: 'spotlight', identity: speaker.identity },
      mod.body.participant_token,
    );
    assert.equal(pinned.status, 200);
    await talkPage.evaluate(() => (globalThis as any).room.localParticipant.setAttributes({ 'convene.hand': '456' }));
    await until(
      'the hand up at the server',
      async () => (await rooms.getParticipant('furnished/talk', speaker.identity)).attributes['convene.hand'] === '456',
    );
    const lowered = await moderate(
      'talk',
      { action: 'lower-hand', identity: speaker.identity },
      mod.body.participant_token,
    );
    assert.equal(lowered.status, 200, JSON.stringify(lowered.body));
    await until('the hand down in Cy’s browser', () =>
      talkPage.evaluate(() => !(globalThis as any).room.localParticipant.attributes['convene.hand']),
    );
    const absent = await moderate('talk', { action: 'spotlight', identity: 'nobody' }, mod.body.participant_token);
    assert.equal(absent.status, 404);
    await page.close();
    await talkPage.close();
  });
});
