/**
 * Moderator rights decided afresh (issue 14): the host site's current word outranks an older
 * proof, a proof expires with the token it came in, and `POST .../role` renews or ends it, with
 * real participants in a real LiveKit room.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { AccessToken, RoomServiceClient } from 'livekit-server-sdk';
import { launchChromium, startStack, TEST_CODES } from '../../../test/harness/index.js';
import { ROLE_ATTRIBUTE, ROLE_PROOF_ATTRIBUTE } from '../src/index.js';
import { moderatorProof } from '../src/tokens.js';
import { joinFromPage, openParticipantPage, post, until } from './helpers.js';

/** The host site's session, in tests: a header the test sets. */
const person = (p: { identity: string; name: string; member?: boolean; moderator?: boolean }) => ({
  'x-test-person': JSON.stringify(p),
});

const stack = await startStack({
  authenticate: (req) => {
    const header = req.get('x-test-person');
    return header ? JSON.parse(header) : null;
  },
  rateLimits: { tokens: false, codeGuesses: false, moderation: false },
});
const browser = await launchChromium();
const api = stack.baseUrl;
const rooms = new RoomServiceClient(
  stack.livekit.url.replace(/^ws/, 'http'),
  stack.livekit.apiKey,
  stack.livekit.apiSecret,
);
const url = (room: string, what: string) => `${api}/api/spaces/river-coop/rooms/${room}/${what}`;
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

/** A participant in the room from Chromium; the token response it joined with. The harness's page origin sends the test header. */
async function join(request: Record<string, unknown>, headers: Record<string, string> = {}) {
  const page = await openParticipantPage(browser, api);
  if (Object.keys(headers).length) await page.setExtraHTTPHeaders(headers);
  const token = await joinFromPage(page, `${api}/api/spaces/river-coop/token`, request, { microphone: false });
  return { page, token };
}

const ada = { identity: 'mod-ada', name: 'Ada', member: true, moderator: true };

test('a moderator the host site demotes is refused at the next moderation call that carries its word', async () => {
  const mod = await join({ room_name: 'lobby' }, person(ada));
  const bo = await join({ room_name: 'lobby', participant_name: 'Bo' });
  assert.equal(mod.token.moderator, true);
  const mute = (headers: Record<string, string>) =>
    post(
      url('lobby', 'moderation'),
      { action: 'mute', identity: bo.token.identity },
      { ...bearer(mod.token.participant_token), ...headers },
    );

  assert.equal((await mute(person(ada))).status, 200, 'still a moderator by the host’s word');
  const demoted = await mute(person({ ...ada, moderator: false }));
  assert.equal(demoted.status, 403, 'the host’s word now says member: the proof in the token does not outrank it');
  assert.equal(demoted.body.error.code, 'forbidden');
  // Without the host's word in the request the proof counts, until it expires with its token.
  assert.equal((await mute({})).status, 200);
  await Promise.all([mod.page.close(), bo.page.close()]);
});

test('a proof that has expired makes nobody a moderator, whatever token carries it', async () => {
  const bo = await join({ room_name: 'lobby', participant_name: 'Bo' });
  const identity = 'someone-once-moderator';
  const now = Math.floor(Date.now() / 1000);
  // What LiveKit hands back when it refreshes a token: the participant's attributes as they were.
  const refreshed = async (expires: number) => {
    const token = new AccessToken(stack.livekit.apiKey, stack.livekit.apiSecret, {
      identity,
      attributes: {
        [ROLE_ATTRIBUTE]: 'moderator',
        [ROLE_PROOF_ATTRIBUTE]: moderatorProof(stack.livekit.apiSecret, 'river-coop/lobby', identity, 'host', expires),
      },
    });
    token.addGrant({ room: 'river-coop/lobby', roomJoin: true });
    return token.toJwt();
  };
  const call = async (expires: number) =>
    post(url('lobby', 'moderation'), { action: 'mute', identity: bo.token.identity }, bearer(await refreshed(expires)));
  assert.equal((await call(now + 300)).status, 200, 'a live proof counts');
  const lapsed = await call(now - 1);
  assert.equal(lapsed.status, 403, 'a lapsed proof does not');
  assert.equal(lapsed.body.error.message, 'Only a moderator of this room may mute or remove people.');
  await bo.page.close();
});

test('POST .../role renews a moderator by code with the code, and ends it without the code or with a wrong one', async () => {
  const mo = await join({ room_name: 'workshop', participant_name: 'Mo', moderator_code: TEST_CODES.moderator });
  assert.equal(mo.token.moderator, true);
  const attributes = async () => (await rooms.getParticipant('river-coop/workshop', mo.token.identity)).attributes;
  const before = (await attributes())[ROLE_PROOF_ATTRIBUTE] ?? '';
  assert.match(before, /^code\.\d{10}\./);

  await new Promise((resolve) => setTimeout(resolve, 1100)); // a later second, so the new proof differs
  const renewed = await post(
    url('workshop', 'role'),
    { moderator_code: TEST_CODES.moderator },
    bearer(mo.token.participant_token),
  );
  assert.equal(renewed.status, 200);
  assert.equal(renewed.body.moderator, true);
  assert.ok(Date.parse(renewed.body.expires_at) > Date.now() + 500_000, 'a new proof for a token’s lifetime');
  const after = await until('the new proof on the participant', async () => {
    const proof = (await attributes())[ROLE_PROOF_ATTRIBUTE] ?? '';
    return proof !== before && proof;
  });
  assert.match(String(after), /^code\.\d{10}\./);

  const wrong = await post(
    url('workshop', 'role'),
    { moderator_code: 'not-the-code' },
    bearer(mo.token.participant_token),
  );
  assert.equal(wrong.status, 403);
  assert.equal(wrong.body.error.code, 'access_code_invalid');
  assert.equal((await attributes())[ROLE_PROOF_ATTRIBUTE], after, 'a wrong code changes nothing');

  const without = await post(url('workshop', 'role'), {}, bearer(mo.token.participant_token));
  assert.equal(without.status, 200);
  assert.deepEqual(without.body, { role: 'guest', moderator: false });
  await until('the role attribute written as guest', async () => {
    const now = await attributes();
    // An empty attribute is how RoomService deletes one.
    return now[ROLE_ATTRIBUTE] === 'guest' && !now[ROLE_PROOF_ATTRIBUTE];
  });
  await mo.page.close();
});

test('POST .../role follows the host site: a demoted moderator becomes a member in the room', async () => {
  const mod = await join({ room_name: 'lobby' }, person({ ...ada, identity: 'mod-eve', name: 'Eve' }));
  const reply = await post(
    url('lobby', 'role'),
    {},
    {
      ...bearer(mod.token.participant_token),
      ...person({ identity: 'mod-eve', name: 'Eve', member: true, moderator: false }),
    },
  );
  assert.equal(reply.status, 200);
  assert.deepEqual(reply.body, { role: 'member', moderator: false });
  await until('the role attribute written as member', async () => {
    const attributes = (await rooms.getParticipant('river-coop/lobby', 'mod-eve')).attributes;
    return attributes[ROLE_ATTRIBUTE] === 'member' && !attributes[ROLE_PROOF_ATTRIBUTE];
  });
  await mod.page.close();
});

test('POST .../role: 401 without a token, 400 for a bad body, 403 for someone not in the room', async () => {
  const none = await post(url('lobby', 'role'), {});
  assert.equal(none.status, 401);
  assert.equal(none.body.error.code, 'unauthorized');
  const minted = await post(`${api}/api/spaces/river-coop/token`, { room_name: 'lobby', participant_name: 'Cy' });
  const bad = await post(url('lobby', 'role'), { role: 'moderator' }, bearer(minted.body.participant_token));
  assert.equal(bad.status, 400);
  assert.equal(bad.body.error.code, 'invalid_request');
  const absent = await post(url('lobby', 'role'), {}, bearer(minted.body.participant_token));
  assert.equal(absent.status, 403);
  assert.equal(absent.body.error.message, 'Join Lobby before asking for a role in it.');
});
