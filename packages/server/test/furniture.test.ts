/**
 * Furniture on the server: embed hosts in the config and the token response, and the moderation
 * actions furniture uses (lower a hand, spotlight) against a real livekit-server and Chromium.
 */
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { RoomServiceClient } from 'livekit-server-sdk';
import { launchChromium, startStack, testConfig, TEST_CODES } from '../../../test/harness/index.js';
import { ConfigError, parseConfig, ROLE_ATTRIBUTE, type ConveneConfigInput, type TokenResponse } from '../src/index.js';
import type { Page } from 'puppeteer-core';
import { get, joinFromPage, openParticipantPage, post, until, verifyToken } from './helpers.js';

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
    const furniture = config.spaces.at(-1)!.rooms[0]!.furniture!;
    furniture.push({ kind: 'embed', settings: { url: 'https://evil.example/x' } });
    const path = `spaces[${config.spaces.length - 1}].rooms[0].furniture[${furniture.length - 1}].settings.url`;
    assert.throws(
      () => parseConfig(config),
      (error: unknown) =>
        error instanceof ConfigError &&
        error.message.includes(path) &&
        /add "evil\.example" to embedHosts/.test(error.message),
    );
  });

  test('a host with a scheme or a path is refused', async () => {
    const config = await furnishedConfig();
    config.spaces.at(-1)!.embedHosts = ['https://forms.example.org/'];
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
  const hand = (room: string, up: unknown, bearer: string) =>
    post(`${api}/api/spaces/furnished/rooms/${room}/hand`, { up }, { authorization: `Bearer ${bearer}` });
  const seat = (room: string, table: unknown, bearer: string) =>
    post(`${api}/api/spaces/furnished/rooms/${room}/seat`, { table }, { authorization: `Bearer ${bearer}` });

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

      // The room's answer also gives a guest's browser its guest id (door control); a table's has no need to.
      const roomFields = Object.keys(inRoom).filter((key) => key !== 'guest_id');
      assert.deepEqual(Object.keys(atTable.body).sort(), roomFields.sort(), 'the same fields');
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

    const raised = await hand('open', true, ada.participant_token);
    assert.equal(raised.status, 200, JSON.stringify(raised.body));
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
    const up = await hand('talk', true, speaker.participant_token);
    assert.equal(up.status, 200, JSON.stringify(up.body));
    assert.equal(
      (await rooms.getParticipant('furnished/talk', speaker.identity)).attributes['convene.hand'],
      String(up.body.raised_at),
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

  /** In the page: tries to write the participant's own name, attributes and metadata over LiveKit's signal connection. */
  const tryToRewriteSelf = (page: Page) =>
    // A string, so that nothing the test's compiler adds (helpers for function names) reaches the page.
    page.evaluate(`(async () => {
      const local = globalThis.room.localParticipant;
      const settle = (attempt) =>
        Promise.race([
          attempt().then(() => 'accepted', (error) => 'refused: ' + String(error?.message ?? error)),
          new Promise((resolve) => setTimeout(() => resolve('no answer'), 8000)),
        ]);
      return {
        name: await settle(() => local.setName('Mallory \\u202e(moderator)')),
        attributes: await settle(() =>
          local.setAttributes({ 'convene.role': 'moderator', 'convene.hand': '0', 'convene.table': 'red' }),
        ),
        metadata: await settle(() => local.setMetadata('{"admin":true}')),
      };
    })()`) as Promise<Record<string, string>>;
  /** How the page's room sees `identity`: its name and attributes. */
  const seenFrom = (page: Page, identity: string) =>
    page.evaluate((id: string) => {
      const room = (globalThis as any).room;
      const p = room.localParticipant.identity === id ? room.localParticipant : room.remoteParticipants.get(id);
      return p ? { name: p.name as string, attributes: { ...p.attributes } as Record<string, string> } : undefined;
    }, identity);

  test('over LiveKit’s own signal path, a guest cannot rename itself or write its attributes or metadata', async () => {
    const adaPage = await openParticipantPage(browser, api);
    const boPage = await openParticipantPage(browser, api);
    const ada = await joinFromPage(
      adaPage,
      tokenUrl,
      { room_name: 'open', participant_name: 'Ada' },
      { microphone: false },
    );
    await joinFromPage(boPage, tokenUrl, { room_name: 'open', participant_name: 'Bo' }, { microphone: false });
    await until('Ada at Bo', () => seenFrom(boPage, ada.identity));
    const attempts = await tryToRewriteSelf(adaPage);
    for (const [what, outcome] of Object.entries(attempts)) {
      assert.notEqual(outcome, 'accepted', `LiveKit accepted the ${what} change`);
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
    const atServer = await rooms.getParticipant('furnished/open', ada.identity);
    assert.equal(atServer.name, 'Ada');
    assert.equal(atServer.metadata, '');
    assert.deepEqual(atServer.attributes, { [ROLE_ATTRIBUTE]: 'guest' });
    assert.deepEqual(await seenFrom(boPage, ada.identity), { name: 'Ada', attributes: { [ROLE_ATTRIBUTE]: 'guest' } });
    await until('Ada, by the server’s name, in the public directory', async () => {
      const directory = await get(`${api}/api/spaces/furnished`);
      const open = directory.body.rooms.find((room: { slug: string }) => room.slug === 'open');
      return open?.people?.some(
        (p: { identity: string; name: string }) => p.identity === ada.identity && p.name === 'Ada',
      );
    });
    await adaPage.close();
    await boPage.close();
  });

  test('a hand goes up through the server, at the server’s time, and everyone sees the server’s order', async () => {
    const adaPage = await openParticipantPage(browser, api);
    const boPage = await openParticipantPage(browser, api);
    const ada = await joinFromPage(
      adaPage,
      tokenUrl,
      { room_name: 'open', participant_name: 'Ada' },
      { microphone: false },
    );
    const bo = await joinFromPage(
      boPage,
      tokenUrl,
      { room_name: 'open', participant_name: 'Bo' },
      { microphone: false },
    );
    const handOf = async (identity: string) =>
      (await rooms.getParticipant('furnished/open', identity)).attributes['convene.hand'] ?? '';

    // Refused, whoever asks and however, and nothing changes.
    const url = `${api}/api/spaces/furnished/rooms/open/hand`;
    const auth = { authorization: `Bearer ${ada.participant_token}` };
    assert.equal((await post(url, { up: true })).status, 401);
    const claimedTime = await post(url, { up: true, at: 0 }, auth);
    assert.equal(claimedTime.status, 400, 'a claimed time is not the server’s to take');
    assert.equal(claimedTime.body.error.code, 'invalid_request');
    assert.equal((await post(url, { up: 'yes' }, auth)).status, 400);
    const elsewhere = await post(tokenUrl, { room_name: 'breakout' });
    const noHands = await hand('breakout', true, elsewhere.body.participant_token);
    assert.equal(noHands.status, 403);
    assert.match(noHands.body.error.message, /Breakout has no hand-raise furniture/);
    const absent = await post(tokenUrl, { room_name: 'open', participant_name: 'Cy' });
    assert.equal((await hand('open', true, absent.body.participant_token)).status, 403, 'only someone in the room');
    assert.equal(await handOf(ada.identity), '');

    const before = Date.now();
    const adaUp = await hand('open', true, ada.participant_token);
    assert.equal(adaUp.status, 200, JSON.stringify(adaUp.body));
    assert.equal(adaUp.body.up, true);
    assert.ok(adaUp.body.raised_at >= before && adaUp.body.raised_at <= Date.now(), 'the server’s clock');
    assert.equal(await handOf(ada.identity), String(adaUp.body.raised_at));
    await until('Ada’s hand at Bo', async () => {
      const seen = await seenFrom(boPage, ada.identity);
      return seen?.attributes['convene.hand'] === String(adaUp.body.raised_at);
    });
    const again = await hand('open', true, ada.participant_token);
    assert.equal(again.body.raised_at, adaUp.body.raised_at, 'raising again keeps the hand’s place');
    const boUp = await hand('open', true, bo.participant_token);
    assert.ok(boUp.body.raised_at > adaUp.body.raised_at, 'later is later in the queue');
    await until('Bo’s hand at Ada', async () => {
      const seen = await seenFrom(adaPage, bo.identity);
      return seen?.attributes['convene.hand'] === String(boUp.body.raised_at);
    });

    const down = await hand('open', false, ada.participant_token);
    assert.deepEqual(down.body, { up: false });
    assert.equal(await handOf(ada.identity), '');
    await until(
      'Ada’s hand down at Bo',
      async () => !(await seenFrom(boPage, ada.identity))?.attributes['convene.hand'],
    );
    await adaPage.close();
    await boPage.close();
  });

  test('a seat only at a table the room lists; a refused seat changes nothing', async () => {
    const adaPage = await openParticipantPage(browser, api);
    const boPage = await openParticipantPage(browser, api);
    const ada = await joinFromPage(
      adaPage,
      tokenUrl,
      { room_name: 'breakout', participant_name: 'Ada' },
      { microphone: false },
    );
    await joinFromPage(boPage, tokenUrl, { room_name: 'breakout', participant_name: 'Bo' }, { microphone: false });
    const tableOf = async () =>
      (await rooms.getParticipant('furnished/breakout', ada.identity)).attributes['convene.table'] ?? '';

    const unknown = await seat('breakout', 'green', ada.participant_token);
    assert.equal(unknown.status, 404);
    assert.match(unknown.body.error.message, /no table "green"/);
    assert.equal((await seat('breakout', 'Red table', ada.participant_token)).status, 400);
    assert.equal((await seat('breakout', 7, ada.participant_token)).status, 400);
    const openGuest = await post(tokenUrl, { room_name: 'open' });
    const noTables = await seat('open', 'red', openGuest.body.participant_token);
    assert.equal(noTables.status, 403);
    assert.match(noTables.body.error.message, /no breakout-tables furniture/);
    assert.equal(await tableOf(), '', 'nothing changed');

    const sat = await seat('breakout', 'red', ada.participant_token);
    assert.equal(sat.status, 200, JSON.stringify(sat.body));
    assert.deepEqual(sat.body, { table: 'red' });
    assert.equal(await tableOf(), 'red');
    await until(
      'Ada’s seat at Bo',
      async () => (await seenFrom(boPage, ada.identity))?.attributes['convene.table'] === 'red',
    );
    assert.equal((await seat('breakout', 'green', ada.participant_token)).status, 404);
    assert.equal(await tableOf(), 'red', 'a refused seat leaves the seat as it was');
    assert.deepEqual((await seat('breakout', '', ada.participant_token)).body, { table: '' });
    assert.equal(await tableOf(), '');
    await adaPage.close();
    await boPage.close();
  });

  test('a table token carries the name and role the server minted, even after a rename attempt', async () => {
    const page = await openParticipantPage(browser, api);
    const ada = await joinFromPage(
      page,
      tokenUrl,
      { room_name: 'breakout', participant_name: 'Ada' },
      { microphone: false },
    );
    await page.evaluate(() => {
      const g = globalThis as any;
      g.fresh = [];
      g.room.engine.on('tokenRefreshed', (token: string) => g.fresh.push(token));
    });
    await tryToRewriteSelf(page);
    // A change the server makes: LiveKit then refreshes the participant's token.
    assert.equal((await seat('breakout', 'red', ada.participant_token)).status, 200);
    const tableUrl = `${api}/api/spaces/furnished/rooms/breakout/tables/red/token`;
    const bearers = [ada.participant_token];
    const fresh = await until('a token LiveKit refreshed', () => page.evaluate(() => (globalThis as any).fresh.at(-1)));
    bearers.push(fresh as string);
    for (const bearer of bearers) {
      const table = await post<TokenResponse>(tableUrl, {}, { authorization: `Bearer ${bearer}` });
      assert.equal(table.status, 201, JSON.stringify(table.body));
      assert.equal(table.body.name, 'Ada');
      assert.equal(table.body.moderator, false);
      const jwt = await verifyToken(table.body.participant_token, stack.livekit.apiKey, stack.livekit.apiSecret);
      assert.equal(jwt.name, 'Ada');
      assert.deepEqual(jwt.attributes, { [ROLE_ATTRIBUTE]: 'guest' });
      assert.equal(jwt.video?.canUpdateOwnMetadata, undefined, 'no one writes their own name or attributes');
    }
    await page.close();
  });
});
