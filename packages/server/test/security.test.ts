/**
 * Issue 14 tried as an attacker would, through the real endpoints and a real LiveKit room: a guest
 * flipping a room's spotlight in a loop (where the room lets anyone choose it), a demoted
 * moderator asking for a breakout table, and code guesses spread over two server copies that
 * share one Redis, from addresses rotated within one IPv6 /64 and from many addresses at once.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, describe, test } from 'node:test';
import { RoomServiceClient } from 'livekit-server-sdk';
import { startStack, testConfig, TEST_CODES } from '../../../test/harness/index.js';
import { joinNode, leaveAll, type NodeParticipant } from '../../../test/harness/node-participant.js';
import { parseConfig, RedisStore, ROLE_ATTRIBUTE, SPOTLIGHT_METADATA_KEY, type TokenResponse } from '../src/index.js';
import type { RateLimit } from '../src/store/store.js';
import { post, startApp, until, verifyToken } from './helpers.js';
import { startRedis } from './redis-harness.js';

const stack = await startStack();
const livekit = { url: stack.livekit.url, apiKey: stack.livekit.apiKey, apiSecret: stack.livekit.apiSecret };
const people: NodeParticipant[] = [];
after(() => leaveAll(people, { disposeRuntime: true }));

/** From a client at `ip`, as a proxy on loopback says it (the servers here trust loopback, as the deployment guide sets it up). */
const from = (ip: string) => ({ 'x-forwarded-for': ip });

describe('a guest flipping the spotlight in a loop', () => {
  test('is stopped at the moderation limit with 429 and Retry-After; refused flips change nothing; other clients go on', async () => {
    const base = await testConfig();
    base.spaces[0]!.rooms.push({
      slug: 'open',
      name: 'Open',
      access: 'public',
      furniture: [{ kind: 'spotlight', settings: { anyone: true } }],
    });
    const { baseUrl } = await startApp({
      trustProxy: 'loopback',
      config: parseConfig(base),
      livekit,
      rateLimits: { tokens: false, moderation: { limit: 6, windowSeconds: 60 } },
    });
    const token = (name: string, ip: string) =>
      post<TokenResponse>(
        `${baseUrl}/api/spaces/river-coop/token`,
        { room_name: 'open', participant_name: name },
        from(ip),
      );
    const ada = (await token('Ada', '10.9.0.1')).body;
    people.push(await joinNode(ada, { attempts: 2 }));
    const rooms = new RoomServiceClient(stack.livekit.httpUrl, stack.livekit.apiKey, stack.livekit.apiSecret);
    const spotlit = async () =>
      JSON.parse((await rooms.listRooms(['river-coop/open']))[0]?.metadata || '{}')[SPOTLIGHT_METADATA_KEY];

    const flip = (bearer: string, on: boolean, ip: string) =>
      post(
        `${baseUrl}/api/spaces/river-coop/rooms/open/moderation`,
        { action: on ? 'spotlight' : 'unspotlight', identity: ada.identity },
        { authorization: `Bearer ${bearer}`, ...from(ip) },
      );
    const bo = (await token('Bo', '10.9.0.2')).body.participant_token;
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await flip(bo, i % 2 === 0, '10.9.0.2')).status);
    assert.deepEqual(statuses, Array(6).fill(200), 'six flips in a minute are allowed here');
    assert.equal(await spotlit(), undefined, 'the sixth flip turned it off');

    const refused = await flip(bo, true, '10.9.0.2');
    assert.equal(refused.status, 429);
    assert.equal(refused.body.error.code, 'rate_limited');
    const retry = Number(refused.headers.get('retry-after'));
    assert.ok(retry > 0 && retry <= 60, `Retry-After ${retry}`);
    assert.equal(await spotlit(), undefined, 'a refused flip changes nothing');
    // A new token from the same client buys nothing: the limit is the client's, not the token's.
    const again = (await token('Bo again', '10.9.0.2')).body.participant_token;
    assert.equal((await flip(again, true, '10.9.0.2')).status, 429);
    assert.equal(await spotlit(), undefined);

    const cy = (await token('Cy', '10.9.0.3')).body.participant_token;
    assert.equal((await flip(cy, true, '10.9.0.3')).status, 200, 'another client');
    assert.equal(await spotlit(), ada.identity);
  });
});

describe('a breakout table for a moderator the host site has demoted', () => {
  test("is a member's seat: the table token's role is decided afresh, as moderation is", async () => {
    const base = await testConfig();
    base.spaces[0]!.rooms.push({
      slug: 'tables',
      name: 'Tables',
      access: 'public',
      furniture: [{ kind: 'breakout-tables', settings: { tables: [{ slug: 'red', name: 'Red table' }] } }],
    });
    const { baseUrl } = await startApp({
      config: parseConfig(base),
      livekit,
      rateLimits: { tokens: false, tableTokens: false },
      // The host site's session, in tests: a header the test sets.
      authenticate: (req) => {
        const header = req.get('x-test-person');
        return header ? JSON.parse(header) : null;
      },
    });
    const ada = { identity: 'mod-ada-tables', name: 'Ada', member: true, moderator: true };
    const as = (person: object) => ({ 'x-test-person': JSON.stringify(person) });
    const minted = await post<TokenResponse>(
      `${baseUrl}/api/spaces/river-coop/token`,
      { room_name: 'tables' },
      as(ada),
    );
    assert.equal(minted.body.moderator, true);
    people.push(await joinNode(minted.body, { attempts: 2 }));
    const table = async (headers: Record<string, string>) => {
      const reply = await post<TokenResponse>(
        `${baseUrl}/api/spaces/river-coop/rooms/tables/tables/red/token`,
        {},
        { authorization: `Bearer ${minted.body.participant_token}`, ...headers },
      );
      assert.equal(reply.status, 201, JSON.stringify(reply.body));
      const claims = await verifyToken(reply.body.participant_token, livekit.apiKey, livekit.apiSecret);
      return { moderator: reply.body.moderator, role: claims.attributes?.[ROLE_ATTRIBUTE] };
    };
    assert.deepEqual(await table(as(ada)), { moderator: true, role: 'moderator' });
    assert.deepEqual(
      await table(as({ ...ada, moderator: false })),
      { moderator: false, role: 'member' },
      'the host site now says member: the proof in the main-room token does not outrank it',
    );
    // Without the host's word the proof counts, until it expires with its token (as for moderation).
    assert.deepEqual(await table({}), { moderator: true, role: 'moderator' });
  });
});

describe('code guesses over two server copies sharing one Redis', async () => {
  const redis = await startRedis();
  /** Two copies of the token server on one Redis (one key prefix), as behind a load balancer. */
  async function copies(codeGuesses: RateLimit, roomCodeGuesses: RateLimit) {
    const prefix = `security-${randomUUID()}:`;
    const urls: string[] = [];
    for (let i = 0; i < 2; i++) {
      const store = new RedisStore({ url: redis.url, prefix, log: () => {} });
      after(() => store.close());
      await until('Redis to answer', () => store.ping());
      const { baseUrl } = await startApp({
        trustProxy: 'loopback',
        config: parseConfig(await testConfig()),
        livekit,
        store,
        rateLimits: { tokens: false, codeGuesses, roomCodeGuesses },
      });
      urls.push(baseUrl);
    }
    return (i: number, code: string, ip: string) =>
      post(`${urls[i % 2]}/api/spaces/river-coop/token`, { room_name: 'workshop', access_code: code }, from(ip));
  }

  test('addresses rotated within one IPv6 /64, on either copy, are one client: its wrong codes, then 429', async () => {
    const guess = await copies({ limit: 4, windowSeconds: 600 }, { limit: 1000, windowSeconds: 600 });
    const statuses = [];
    for (let i = 1; i <= 6; i++)
      statuses.push((await guess(i, `wrong-${i}`, `2001:db8:77:1::${i.toString(16)}`)).status);
    assert.deepEqual(statuses, [...Array(4).fill(403), 429, 429]);
    const right = await guess(1, TEST_CODES.locked, '2001:db8:77:1:abcd::1');
    assert.equal(right.status, 429, 'the right code too, from another address of that /64, on the other copy');
    assert.ok(Number(right.headers.get('retry-after')) > 0);
    assert.equal((await guess(0, TEST_CODES.locked, '2001:db8:77:2::1')).status, 201, 'the next /64');
  });

  test("many addresses, one guess each, spread over both copies, meet the room's limit together", async () => {
    const guess = await copies({ limit: 4, windowSeconds: 600 }, { limit: 4, windowSeconds: 600 });
    const statuses = [];
    for (let i = 1; i <= 6; i++) statuses.push((await guess(i, `wrong-${i}`, `198.51.100.${i}`)).status);
    assert.deepEqual(statuses, [...Array(4).fill(403), 429, 429]);
    const right = await guess(0, TEST_CODES.locked, '198.51.100.50');
    assert.equal(right.status, 429, 'a new address with the right code waits too');
    assert.match(right.body.error.message, /Too many wrong codes for this room/);
  });
});
