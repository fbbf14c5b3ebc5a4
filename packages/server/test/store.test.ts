/**
 * The store: both implementations keep the same promises (values, single use, lifetimes, hashes,
 * messages, rate limits), against a real redis-server; two server copies on one Redis share their
 * limits through the real HTTP endpoints; and Redis going away is a 503 that ends by itself.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { request } from 'node:http';
import { after, describe, test } from 'node:test';
import { startStack, testConfig } from '../../../test/harness/index.js';
import {
  conveneRouter,
  MemoryStore,
  parseConfig,
  RedisStore,
  StoreUnavailableError,
  type ConveneConfigInput,
  type Health,
  type Store,
  type TokenResponse,
} from '../src/index.js';
import { startApp, until, verifyToken, type Reply } from './helpers.js';
import { startRedis } from './redis-harness.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const redis = await startRedis();
const stack = await startStack();
const livekit = { url: stack.livekit.url, apiKey: stack.livekit.apiKey, apiSecret: stack.livekit.apiSecret };

/** A Redis store of its own (its own key prefix) on the shared test Redis, closed when the file ends. */
function redisStore(prefix = `test-${randomUUID()}:`) {
  const store = new RedisStore({ url: redis.url, prefix, log: () => {} });
  after(() => store.close());
  return store;
}

const implementations: [string, () => Promise<Store>][] = [
  ['MemoryStore', async () => new MemoryStore()],
  [
    'RedisStore',
    async () => {
      const store = redisStore();
      await until('Redis to answer', () => store.ping());
      return store;
    },
  ],
];

for (const [name, make] of implementations) {
  describe(`${name} keeps the store's promises`, { timeout: 60_000 }, () => {
    test('get, set and delete; values live for their lifetime only', async () => {
      const store = await make();
      assert.equal(await store.get('missing'), null);
      await store.set('a', 'one', 60);
      await store.set('b', 'two', 60);
      await store.set('short', 'gone soon', 0.2);
      assert.equal(await store.get('a'), 'one');
      await store.set('a', 'uno', 60);
      assert.equal(await store.get('a'), 'uno', 'set replaces');
      await store.delete('a', 'b', 'never-there');
      assert.equal(await store.get('a'), null);
      assert.equal(await store.get('b'), null);
      assert.equal(await store.get('short'), 'gone soon');
      await sleep(350);
      assert.equal(await store.get('short'), null);
    });

    test('add sets only an absent key; take gives a value once, even to callers at once', async () => {
      const store = await make();
      assert.equal(await store.add('lock', 'first', 60), true);
      assert.equal(await store.add('lock', 'second', 60), false);
      assert.equal(await store.get('lock'), 'first');
      assert.equal(await store.add('brief', 'x', 0.2), true);
      await sleep(350);
      assert.equal(await store.add('brief', 'y', 60), true, 'an expired key is absent');

      await store.set('invite', 'for-ada', 60);
      const takes = await Promise.all(Array.from({ length: 8 }, () => store.take('invite')));
      assert.deepEqual(
        takes.filter((t) => t !== null),
        ['for-ada'],
      );
      assert.equal(await store.take('invite'), null);
      assert.equal(await store.get('invite'), null);
    });

    test('touch gives a key a new lifetime, and says when there is none', async () => {
      const store = await make();
      assert.equal(await store.touch('missing', 60), false);
      await store.set('knock', 'waiting', 0.3);
      assert.equal(await store.touch('knock', 60), true);
      await sleep(450);
      assert.equal(await store.get('knock'), 'waiting');
      assert.equal(await store.touch('knock', 0.2), true);
      await sleep(350);
      assert.equal(await store.get('knock'), null);
    });

    test('hashes: fields, deletion, and a lifetime each write renews', async () => {
      const store = await make();
      assert.deepEqual(await store.hgetall('room'), {});
      assert.equal(await store.hget('room', 'ada'), null);
      await store.hset('room', 'ada', 'admitted', 1);
      await sleep(600);
      await store.hset('room', 'bo', 'waiting', 1);
      await sleep(600);
      assert.deepEqual(
        await store.hgetall('room'),
        { ada: 'admitted', bo: 'waiting' },
        'the second write renewed both',
      );
      assert.equal(await store.hget('room', 'bo'), 'waiting');
      assert.equal(await store.hdel('room', 'bo'), true);
      assert.equal(await store.hdel('room', 'bo'), false);
      assert.deepEqual(await store.hgetall('room'), { ada: 'admitted' });
      await sleep(1100);
      assert.deepEqual(await store.hgetall('room'), {}, 'the hash expired whole');
      await store.hset('other', 'only', '1', 60);
      assert.equal(await store.hdel('other', 'only'), true);
      assert.equal(await store.add('other', 'a string now', 60), true, 'a hash without fields is gone');
    });

    test('publish reaches every subscriber of the channel until it stops', async () => {
      const store = await make();
      const first: string[] = [];
      const second: string[] = [];
      const elsewhere: string[] = [];
      const stopFirst = store.subscribe('knocks', (m) => first.push(m));
      store.subscribe('knocks', (m) => second.push(m));
      store.subscribe('other', (m) => elsewhere.push(m));
      // A Redis subscription is made on its own connection: say it until it is heard.
      await until('the subscription', async () => {
        await store.publish('knocks', 'hello');
        await sleep(20);
        return first.length > 0 && second.length > 0;
      });
      stopFirst();
      const heard = first.length;
      await store.publish('knocks', 'after');
      await until('the second subscriber', () => second.includes('after'));
      await sleep(50);
      assert.equal(first.length, heard, 'a stopped subscriber hears nothing more');
      assert.deepEqual(elsewhere, []);
    });

    test('a limiter counts per key and name, refuses past the limit with the wait, and takes back', async () => {
      const store = await make();
      const limiter = store.limiter('tokens', { limit: 3, windowSeconds: 60 });
      assert.deepEqual([await limiter.hit('ada'), await limiter.hit('ada'), await limiter.hit('ada')], [0, 0, 0]);
      const wait = await limiter.hit('ada');
      assert.ok(wait > 0 && wait <= 60, `wait ${wait}`);
      assert.equal(await limiter.hit('bo'), 0, 'another key');
      assert.equal(await store.limiter('moderation', { limit: 3, windowSeconds: 60 }).hit('ada'), 0, 'another name');
      await limiter.undo('ada');
      await limiter.undo('ada');
      assert.equal(await limiter.hit('ada'), 0, 'given back');

      const brief = store.limiter('brief', { limit: 1, windowSeconds: 1 });
      assert.equal(await brief.hit('ada'), 0);
      assert.equal(await brief.hit('ada'), 1);
      await sleep(1100);
      assert.equal(await brief.hit('ada'), 0, 'a new window');
      assert.equal(await store.ping(), true);
    });
  });
}

describe('RedisStore between copies and through an outage', { timeout: 60_000 }, () => {
  test('two copies on one Redis share values, single use, messages and limits', async () => {
    const prefix = `shared-${randomUUID()}:`;
    const [a, b] = [redisStore(prefix), redisStore(prefix)];
    await until('both copies to reach Redis', async () => (await a.ping()) && (await b.ping()));
    assert.equal(a.kind, 'redis');
    await a.set('lock:room', 'locked', 60);
    assert.equal(await b.get('lock:room'), 'locked');
    assert.equal(await b.add('lock:room', 'again', 60), false);
    await a.set('invite', 'once', 60);
    const takes = await Promise.all([a.take('invite'), b.take('invite'), a.take('invite'), b.take('invite')]);
    assert.equal(takes.filter((t) => t === 'once').length, 1);
    const heard: string[] = [];
    b.subscribe('doors', (m) => heard.push(m));
    await until('a message from the other copy', async () => {
      await a.publish('doors', 'knock');
      await sleep(20);
      return heard.includes('knock');
    });
    const limit = { limit: 2, windowSeconds: 60 };
    assert.equal(await a.limiter('tokens', limit).hit('client'), 0);
    assert.equal(await b.limiter('tokens', limit).hit('client'), 0);
    assert.ok((await a.limiter('tokens', limit).hit('client')) > 0, 'the third hit, on either copy, is over');
    const apart = redisStore();
    await until('a third store to reach Redis', () => apart.ping());
    assert.equal(await apart.limiter('tokens', limit).hit('client'), 0, 'another prefix counts apart');
  });

  test('while Redis is away every call rejects at once with StoreUnavailableError; it comes back by itself', async () => {
    const away = await startRedis();
    const logged: { message: string; error: unknown }[] = [];
    const store = new RedisStore({ url: away.url, log: (message, error) => logged.push({ message, error }) });
    after(() => store.close());
    await until('Redis to answer', () => store.ping());
    const heard: string[] = [];
    store.subscribe('doors', (m) => heard.push(m));
    await until('the subscription', async () => {
      await store.publish('doors', 'before');
      await sleep(20);
      return heard.includes('before');
    });
    const limiter = store.limiter('tokens', { limit: 5, windowSeconds: 60 });

    await away.stop();
    const calls: [string, () => Promise<unknown>][] = [
      ['get', () => store.get('k')],
      ['set', () => store.set('k', 'v', 60)],
      ['add', () => store.add('k', 'v', 60)],
      ['take', () => store.take('k')],
      ['touch', () => store.touch('k', 60)],
      ['delete', () => store.delete('k')],
      ['hset', () => store.hset('h', 'f', 'v', 60)],
      ['hget', () => store.hget('h', 'f')],
      ['hdel', () => store.hdel('h', 'f')],
      ['hgetall', () => store.hgetall('h')],
      ['publish', () => store.publish('doors', 'lost')],
      ['limiter hit', () => limiter.hit('client')],
      ['limiter undo', () => limiter.undo('client')],
    ];
    for (let round = 0; round < 3; round++) {
      for (const [what, call] of calls) {
        const started = Date.now();
        await assert.rejects(call(), StoreUnavailableError, what);
        assert.ok(Date.now() - started < 1000, `${what} took ${Date.now() - started} ms`);
      }
      await sleep(200);
    }
    assert.equal(await store.ping(), false);
    const outages = logged.filter((l) => /not reachable/.test(l.message));
    assert.equal(outages.length, 1, 'the outage is logged once, not per call or per reconnection attempt');
    assert.match(outages[0]!.message, new RegExp(`127\\.0\\.0\\.1:${away.port}`));
    const later: string[] = [];
    store.subscribe('later', (m) => later.push(m));

    await away.start();
    const back = Date.now();
    await until('Redis to answer again', () => store.ping(), 5000);
    assert.ok(Date.now() - back < 5000, 'back within 5 s, without a restart');
    await store.set('k', 'v', 60);
    assert.equal(await store.get('k'), 'v');
    assert.equal(await limiter.hit('client'), 0);
    // Subscriptions from before the outage, and one made during it, are heard again.
    await until('the old subscription again', async () => {
      await store.publish('doors', 'after');
      await sleep(20);
      return heard.includes('after');
    });
    assert.ok(!heard.includes('lost'), 'a message that could not be published is not heard');
    await until('the subscription made while Redis was away', async () => {
      await store.publish('later', 'hello');
      await sleep(20);
      return later.includes('hello');
    });
    // Said once both connections (commands and messages) are back.
    await until('the store to say Redis is back', () =>
      logged.some((l) => /reachable again/.test(l.message) && l.error === undefined),
    );
    assert.equal(logged.length, 2, logged.map((l) => l.message).join('\n'));
  });
});

/** POSTs JSON from a chosen loopback address (each one a client of its own), and reads the JSON answer. */
function postFrom(localAddress: string, url: string, body: unknown): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      { method: 'POST', localAddress, headers: { 'content-type': 'application/json' } },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: new Headers(res.headers as Record<string, string>),
            body: text ? JSON.parse(text) : undefined,
          }),
        );
      },
    );
    req.setTimeout(10_000, () => req.destroy(new Error(`no answer from ${url} within 10 s`)));
    req.on('error', reject);
    req.end(JSON.stringify(body));
  });
}

describe('server copies sharing one Redis', { timeout: 90_000 }, () => {
  const config = async (): Promise<ConveneConfigInput> => testConfig();

  /** A copy of the token server with its own RedisStore (on the Redis `url`, under `prefix`) and a tight token limit. */
  async function copy(url: string, prefix: string) {
    const routerLog: { message: string; error: unknown }[] = [];
    const store = new RedisStore({ url, prefix, log: () => {} });
    after(() => store.close());
    await until('Redis to answer', () => store.ping());
    const { baseUrl } = await startApp({
      config: parseConfig(await config()),
      livekit,
      store,
      rateLimits: { tokens: { limit: 4, windowSeconds: 60 } },
      log: (message, error) => routerLog.push({ message, error }),
    });
    return { baseUrl, store, routerLog };
  }

  test('token requests spread over two copies meet one limit, per client', async () => {
    const prefix = `copies-${randomUUID()}:`;
    const [a, b] = [await copy(redis.url, prefix), await copy(redis.url, prefix)];
    const ask = (server: { baseUrl: string }, from = '127.0.0.1') =>
      postFrom(from, `${server.baseUrl}/api/spaces/river-coop/token`, { room_name: 'lobby', participant_name: 'Ada' });
    for (const server of [a, b, a, b]) {
      const reply = await ask(server);
      assert.equal(reply.status, 201);
      const claims = await verifyToken(
        (reply.body as TokenResponse).participant_token,
        livekit.apiKey,
        livekit.apiSecret,
      );
      assert.equal(claims.video?.room, (reply.body as TokenResponse).livekit_room);
      assert.ok(claims.video?.roomJoin, 'the token joins the room');
    }
    for (const server of [a, b]) {
      const refused = await ask(server);
      assert.equal(refused.status, 429, 'the fifth and sixth request, on either copy');
      assert.equal(refused.body.error.code, 'rate_limited');
      const retry = Number(refused.headers.get('retry-after'));
      assert.ok(retry > 0 && retry <= 60, `Retry-After ${retry}`);
      assert.equal(refused.body.error.message, `Too many token requests. Try again in ${retry} seconds.`);
      assert.equal(refused.body.participant_token, undefined);
    }
    assert.equal((await ask(b, '127.0.0.2')).status, 201, 'another client has its own count');

    // Copies with a memory store each would count apart: the sharing is the store's doing.
    const alone = await startApp({
      config: parseConfig(await config()),
      livekit,
      rateLimits: { tokens: { limit: 4, windowSeconds: 60 } },
    });
    assert.equal((await ask(alone)).status, 201);
    const health = await fetch(`${alone.baseUrl}/healthz`);
    assert.deepEqual(await health.json(), { ok: true, livekit: 'reachable', store: 'memory' });
  });

  test('Redis away: a token request is a 503 store_unavailable and mints nothing; Redis back: it works again', async () => {
    const away = await startRedis();
    const a = await copy(away.url, 'outage:');
    const ask = () =>
      postFrom('127.0.0.1', `${a.baseUrl}/api/spaces/river-coop/token`, {
        room_name: 'lobby',
        participant_name: 'Ada',
      });
    assert.equal((await ask()).status, 201);
    const healthy = await fetch(`${a.baseUrl}/healthz`);
    assert.equal(healthy.status, 200);
    assert.deepEqual((await healthy.json()) as Health, { ok: true, livekit: 'reachable', store: 'reachable' });

    await away.stop();
    const replies = await Promise.all(Array.from({ length: 6 }, () => ask()));
    for (const reply of replies) {
      assert.equal(reply.status, 503);
      assert.deepEqual(reply.body, {
        error: {
          code: 'store_unavailable',
          message: 'The Convene server cannot reach its store right now. Try again in a moment.',
        },
      });
      assert.ok(Number(reply.headers.get('retry-after')) > 0, 'with Retry-After');
    }
    assert.equal(
      a.routerLog.filter((l) => l.error instanceof StoreUnavailableError).length,
      1,
      'a flood of 503s is logged once',
    );
    const down = await fetch(`${a.baseUrl}/healthz`);
    assert.equal(down.status, 503);
    assert.deepEqual((await down.json()) as Health, { ok: false, livekit: 'reachable', store: 'unreachable' });

    await away.start();
    const back = Date.now();
    const reply = await until(
      'a token again',
      async () => {
        const r = await ask();
        return r.status === 201 ? r : undefined;
      },
      5000,
    );
    assert.ok(Date.now() - back < 5000, 'without a restart, within a few seconds');
    assert.ok((reply?.body as TokenResponse).participant_token, 'a token again');
    assert.equal((await fetch(`${a.baseUrl}/healthz`)).status, 200);
  });

  test('the router closes the memory store it made, never one it was given', async () => {
    const given = new MemoryStore();
    await given.set('kept', 'yes', 60);
    const router = conveneRouter({ config: parseConfig(await config()), livekit, store: given });
    router.shutdown();
    await sleep(10);
    assert.equal(await given.get('kept'), 'yes');
  });
});
