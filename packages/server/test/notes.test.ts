/**
 * Kept notes over HTTP, as the notes furniture calls it: the participant's LiveKit token as
 * Bearer; refusals for rooms without kept notes, bad bodies and oversized snapshots; a round trip;
 * the write limit; and notes kept in Redis outliving the server copy that wrote them.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, describe, test } from 'node:test';
import { startStack, testConfig } from '../../../test/harness/index.js';
import { parseConfig, RedisStore, type TokenResponse } from '../src/index.js';
import { post, startApp, until, type Reply } from './helpers.js';
import { startRedis } from './redis-harness.js';

const stack = await startStack();
after(() => stack.stop());
const livekit = { url: stack.livekit.url, apiKey: stack.livekit.apiKey, apiSecret: stack.livekit.apiSecret };

async function tokenFor(baseUrl: string, room: string, name = 'Ada'): Promise<string> {
  const reply = await post<TokenResponse>(`${baseUrl}/api/spaces/minutes/token`, {
    room_name: room,
    participant_name: name,
  });
  assert.equal(reply.status, 201, JSON.stringify(reply.body));
  return reply.body.participant_token;
}

const notesUrl = (baseUrl: string, room: string, space = 'minutes') =>
  `${baseUrl}/api/spaces/${space}/rooms/${room}/notes`;

async function call(
  method: 'GET' | 'PUT',
  url: string,
  token: string | undefined,
  body?: unknown,
  contentType = 'application/json',
): Promise<Reply> {
  const response = await fetch(url, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body === undefined ? {} : { 'content-type': contentType }),
    },
    ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : undefined };
}

/** Some bytes as base64 (the server keeps them as they are; the pages check them as a Yjs update). */
const snapshot = (bytes: number, fill = 7) => Buffer.alloc(bytes, fill).toString('base64');

describe('kept notes', { timeout: 60_000 }, () => {
  test('a round trip: nothing at first, then what was put, for anyone with a token for the room', async () => {
    const ada = await tokenFor(stack.baseUrl, 'kept-api', 'Ada');
    const bea = await tokenFor(stack.baseUrl, 'kept-api', 'Bea');
    const first = await call('GET', notesUrl(stack.baseUrl, 'kept-api'), ada);
    assert.equal(first.status, 200);
    assert.deepEqual(first.body, { snapshot: null });
    const saved = snapshot(1000);
    const put = await call('PUT', notesUrl(stack.baseUrl, 'kept-api'), ada, { snapshot: saved });
    assert.equal(put.status, 200, JSON.stringify(put.body));
    assert.deepEqual(put.body, { bytes: 1000 });
    const again = await call('GET', notesUrl(stack.baseUrl, 'kept-api'), bea);
    assert.deepEqual(again.body, { snapshot: saved });
    // The latest write wins.
    const later = snapshot(10, 1);
    assert.equal((await call('PUT', notesUrl(stack.baseUrl, 'kept-api'), bea, { snapshot: later })).status, 200);
    assert.deepEqual((await call('GET', notesUrl(stack.baseUrl, 'kept-api'), ada)).body, { snapshot: later });
  });

  test('refuses a caller without a token for this room (401), and rooms whose notes are not kept (403) or that have none (404)', async () => {
    const url = notesUrl(stack.baseUrl, 'kept-api');
    const none = await call('GET', url, undefined);
    assert.equal(none.status, 401);
    assert.equal(none.body.error.code, 'unauthorized');
    // A token for another room is no token for this one.
    const elsewhere = await tokenFor(stack.baseUrl, 'kept');
    assert.equal((await call('GET', url, elsewhere)).status, 401);
    assert.equal((await call('PUT', url, elsewhere, { snapshot: snapshot(4) })).status, 401);

    const unkept = await tokenFor(stack.baseUrl, 'notes');
    for (const method of ['GET', 'PUT'] as const) {
      const body = method === 'PUT' ? { snapshot: snapshot(4) } : undefined;
      const reply = await call(method, notesUrl(stack.baseUrl, 'notes'), unkept, body);
      assert.equal(reply.status, 403, method);
      assert.equal(reply.body.error.code, 'forbidden');
      assert.match(reply.body.error.message, /not kept/);
    }
    const bare = await tokenFor(stack.baseUrl, 'bare');
    for (const method of ['GET', 'PUT'] as const) {
      const body = method === 'PUT' ? { snapshot: snapshot(4) } : undefined;
      const reply = await call(method, notesUrl(stack.baseUrl, 'bare'), bare, body);
      assert.equal(reply.status, 404, method);
      assert.equal(reply.body.error.code, 'not_found');
    }
    const nowhere = await call('GET', notesUrl(stack.baseUrl, 'no-such-room'), bare);
    assert.equal(nowhere.status, 404);
    assert.equal(nowhere.body.error.code, 'room_not_found');
    // Nothing of this was written.
    assert.deepEqual(
      (await call('GET', notesUrl(stack.baseUrl, 'kept'), elsewhere)).body,
      { snapshot: null },
      'the kept room next door is untouched',
    );
  });

  test('bad bodies are 400 (not base64, not JSON, wrong shape) or 415, oversized ones 413; none changes what is kept', async () => {
    const token = await tokenFor(stack.baseUrl, 'kept-api', 'Cy');
    const url = notesUrl(stack.baseUrl, 'kept-api');
    const kept = snapshot(64, 3);
    assert.equal((await call('PUT', url, token, { snapshot: kept })).status, 200);
    const bad: [unknown, number][] = [
      [{ snapshot: 'not base64!' }, 400],
      [{ snapshot: 'QUJD*' }, 400],
      [{ snapshot: 'QUJ' }, 400], // unpadded
      [{ snapshot: '' }, 400],
      [{ snapshot: 42 }, 400],
      [{ snapshot: kept, extra: true }, 400],
      [{}, 400],
      ['{"snapshot":', 400],
      [{ snapshot: snapshot(1_000_001) }, 413],
      [JSON.stringify({ snapshot: snapshot(1_000_000) }) + ' '.repeat(2_000_000), 413],
    ];
    for (const [body, status] of bad) {
      const reply = await call('PUT', url, token, body);
      assert.equal(reply.status, status, `${JSON.stringify(body).slice(0, 60)} → ${reply.status}`);
      assert.equal(reply.body.error.code, status === 413 ? 'payload_too_large' : 'invalid_request');
    }
    const text = await call('PUT', url, token, kept, 'text/plain');
    assert.equal(text.status, 415);
    // The limit itself is kept: exactly 1 MB is fine.
    const full = snapshot(1_000_000, 9);
    assert.equal((await call('PUT', url, token, { snapshot: full })).status, 200);
    assert.deepEqual((await call('GET', url, token)).body, { snapshot: full });
  });

  test('writes are limited per person (429 with Retry-After), not per room', async () => {
    const ada = await tokenFor(stack.baseUrl, 'kept', 'Ada');
    const bea = await tokenFor(stack.baseUrl, 'kept', 'Bea');
    const url = notesUrl(stack.baseUrl, 'kept');
    let limited: Reply | undefined;
    for (let i = 0; i < 40 && !limited; i++) {
      const reply = await call('PUT', url, ada, { snapshot: snapshot(8, i) });
      if (reply.status === 429) limited = reply;
      else assert.equal(reply.status, 200);
    }
    assert.ok(limited, 'Ada is limited within 40 writes');
    assert.equal(limited.body.error.code, 'rate_limited');
    assert.ok(Number(limited.headers.get('retry-after')) > 0);
    assert.equal((await call('PUT', url, bea, { snapshot: snapshot(8, 99) })).status, 200, 'Bea still writes');
    assert.deepEqual((await call('GET', url, bea)).body, { snapshot: snapshot(8, 99) });
  });

  test('kept in Redis, the notes outlive the server copy that wrote them', async () => {
    const redis = await startRedis();
    const prefix = `notes-${randomUUID()}:`;
    const copy = async () => {
      const store = new RedisStore({ url: redis.url, prefix, log: () => {} });
      after(() => store.close());
      await until('Redis to answer', () => store.ping());
      const app = await startApp({ config: parseConfig(await testConfig()), livekit, store });
      return { ...app, store };
    };
    const first = await copy();
    const token = await tokenFor(first.baseUrl, 'kept-api');
    const saved = snapshot(5000, 5);
    assert.equal((await call('PUT', notesUrl(first.baseUrl, 'kept-api'), token, { snapshot: saved })).status, 200);
    first.server.closeAllConnections();
    await new Promise((resolve) => first.server.close(resolve));
    await first.store.close();

    const second = await copy();
    const later = await tokenFor(second.baseUrl, 'kept-api', 'Bea');
    assert.deepEqual((await call('GET', notesUrl(second.baseUrl, 'kept-api'), later)).body, { snapshot: saved });
  });
});
