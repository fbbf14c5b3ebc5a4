/**
 * Poll furniture (issue 16) through real HTTP against a real livekit-server, with voters in the
 * room from Chromium: a secret ballot's tallies and nothing else, to anyone (a moderator
 * included) and in what the room is told; one vote per identity; named votes with the server's
 * names; who may ask and close; results after closing; bad input refused, naming the issue; and
 * two server copies over one store agreeing.
 */
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import type { Page } from 'puppeteer-core';
import { launchChromium, startStack, testConfig } from '../../../test/harness/index.js';
import {
  MemoryStore,
  parseConfig,
  POLL_TOPIC,
  type ConveneConfigInput,
  type Poll,
  type PollList,
  type PollView,
  type TokenResponse,
} from '../src/index.js';
import { get, joinFromPage, openParticipantPage, post, startApp, until, type Reply } from './helpers.js';

const person = (p: { identity: string; name: string; member?: boolean; moderator?: boolean }) => ({
  'x-test-person': JSON.stringify(p),
});
const authenticate = (req: { get(name: string): string | undefined }) => {
  const header = req.get('x-test-person');
  return header ? JSON.parse(header) : null;
};
const ada = { identity: 'mod-ada', name: 'Ada Moderator', member: true, moderator: true };

async function config(): Promise<ConveneConfigInput> {
  const base = await testConfig();
  base.spaces[0]!.rooms.push(
    { slug: 'council', name: 'Council', access: 'public', furniture: [{ kind: 'poll' }] },
    { slug: 'circle', name: 'Circle', access: 'public', furniture: [{ kind: 'poll', settings: { anyone: true } }] },
    { slug: 'plain', name: 'Plain', access: 'public' },
  );
  return base;
}

const store = new MemoryStore();
after(() => store.close());
const stack = await startStack({
  config: await config(),
  authenticate,
  store,
  rateLimits: { tokens: false, moderation: false },
});
const browser = await launchChromium();
const livekit = { url: stack.livekit.url, apiKey: stack.livekit.apiKey, apiSecret: stack.livekit.apiSecret };
// A second server copy over the same store: a load balancer may send each request to either.
const { baseUrl: copy } = await startApp({ config: parseConfig(await config()), livekit, authenticate, store });

const api = stack.baseUrl;
const polls = (room: string, base = api) => `${base}/api/spaces/river-coop/rooms/${room}/polls`;
const bearer = (token: TokenResponse) => ({ authorization: `Bearer ${token.participant_token}` });

interface Packet {
  text: string;
  /** The sender as livekit-client names it (`null`: no participant, the server). */
  from: string | null;
  identity: string;
}

/** Someone in `room` from Chromium, recording every `convene.poll` packet the room receives. */
async function join(room: string, name: string, headers: Record<string, string> = {}, guestId?: string) {
  const page = await openParticipantPage(browser, api);
  after(() => page.close().catch(() => {}));
  if (Object.keys(headers).length) await page.setExtraHTTPHeaders(headers);
  const token = await joinFromPage(
    page,
    `${api}/api/spaces/river-coop/token`,
    { room_name: room, participant_name: name, ...(guestId ? { guest_id: guestId } : {}) },
    { microphone: false },
  );
  await page.evaluate((topic: string) => {
    const g = globalThis as any;
    g.packets = [];
    g.room.on(
      g.lk.RoomEvent.DataReceived,
      (payload: Uint8Array, participant: any, _kind: unknown, t: string, _e: unknown, identity: string) => {
        if (t === topic)
          g.packets.push({
            text: new TextDecoder().decode(payload),
            from: participant?.identity ?? null,
            identity: identity ?? '',
          });
      },
    );
  }, POLL_TOPIC);
  return { page, token };
}
const packets = (page: Page) => page.evaluate(() => (globalThis as any).packets as Packet[]);
/** The last poll state the room was told about `id`. */
const told = async (page: Page, id: string) =>
  (await packets(page))
    .map((p) => JSON.parse(p.text) as { poll: Poll })
    .filter((p) => p.poll.id === id)
    .at(-1)?.poll;

const ask = (room: string, body: unknown, headers: Record<string, string>, base = api) =>
  post<PollView & { error: { code: string; message: string; issues?: { path: string }[] } }>(
    polls(room, base),
    body,
    headers,
  );
const vote = (room: string, id: string, body: unknown, headers: Record<string, string>, base = api) =>
  post<PollView & { error: { code: string; message: string; issues?: { path: string }[] } }>(
    `${polls(room, base)}/${id}/votes`,
    body,
    headers,
  );
const close = (room: string, id: string, headers: Record<string, string>) =>
  post<PollView & { error: { code: string; message: string } }>(`${polls(room)}/${id}/close`, {}, headers);
const list = (room: string, headers: Record<string, string>, base = api) => get<PollList>(polls(room, base), headers);
const find = (reply: Reply<PollList>, id: string) => reply.body.polls.find((p) => p.id === id);

// Three people in the council room: Ada moderates (the host site says so), Bo and Cy are guests.
const mod = await join('council', 'Ada', person(ada));
const bo = await join('council', 'Bo');
const cy = await join('council', 'Cy');
const everyone = [mod, bo, cy];

describe('a secret ballot', () => {
  test('counts three votes right, and nobody — the moderator included — gets anything that says who chose what', async () => {
    const asked = await ask(
      'council',
      {
        type: 'choice',
        question: 'Where do we meet next?',
        choices: ['Barn', 'Hall', 'Online'],
        ballot: 'secret',
        results: 'live',
      },
      bearer(mod.token),
    );
    assert.equal(asked.status, 201, JSON.stringify(asked.body));
    const id = asked.body.id;
    assert.deepEqual(asked.body.options, ['Barn', 'Hall', 'Online']);
    assert.equal(asked.body.asker.name, 'Ada Moderator');

    const answers: unknown[] = [asked.body];
    for (const [who, choice] of [
      [bo, 0],
      [cy, 1],
      [mod, 1],
    ] as const) {
      const reply = await vote('council', id, { choices: [choice] }, bearer(who.token));
      assert.equal(reply.status, 200, JSON.stringify(reply.body));
      assert.equal(reply.body.you_voted, true);
      answers.push(reply.body);
      if (who !== mod) {
        // Live results move in steps of three votes: nothing changes as one person clicks, for anyone.
        for (const reader of everyone) {
          const seen = find(await list('council', bearer(reader.token)), id)!;
          assert.deepEqual([seen.voters, seen.tallies], [0, [0, 0, 0]], `after ${who.token.identity}'s vote`);
        }
        assert.equal((await told(mod.page, id))?.voters ?? 0, 0, 'the room is told nothing in between');
      }
    }
    for (const who of everyone) {
      const reply = await list('council', bearer(who.token));
      assert.equal(reply.status, 200);
      const poll = find(reply, id)!;
      assert.deepEqual(poll.tallies, [1, 2, 0]);
      assert.equal(poll.voters, 3);
      assert.equal(poll.you_voted, true);
      answers.push(reply.body);
    }
    // Asked as the host site's moderator too, without a token.
    answers.push((await list('council', person(ada))).body);

    // Nothing names a voter with a choice: no votes, no "your choice", no voter's identity at all.
    for (const answer of answers) {
      const text = JSON.stringify(answer);
      for (const identity of [bo.token.identity, cy.token.identity]) assert.ok(!text.includes(identity), text);
      assert.ok(!/"votes"|"your_choices"|"Bo"|"Cy"/.test(text), text);
    }

    // What the room is told: the same tallies, from the server (no participant sent it), and nothing more.
    for (const who of everyone) {
      await until('the room told of three votes', async () => (await told(who.page, id))?.voters === 3);
      const received = (await packets(who.page)).filter((p) => p.text.includes(id));
      // Told after the question and after each vote; a packet sent while a page's data channel was
      // still opening can be missed (LiveKit's reliable data reaches those connected when it is sent),
      // so the count is not asserted exactly: every packet that did arrive is checked below.
      assert.ok(received.length >= 1, 'the room is told');
      for (const packet of received) {
        assert.equal(packet.from, null);
        assert.equal(packet.identity, '');
        assert.ok(!packet.text.includes(bo.token.identity) && !packet.text.includes(cy.token.identity), packet.text);
        assert.ok(!/"votes"|"your_choices"|"you_voted"/.test(packet.text), packet.text);
      }
      assert.deepEqual((await told(who.page, id))?.tallies, [1, 2, 0]);
    }

    // What the store keeps: who has voted and the tallies, never a choice beside a name.
    const kept = JSON.parse((await store.get(`poll:river-coop/council:${id}`))!);
    assert.deepEqual(kept.tallies, [1, 2, 0]);
    assert.equal(kept.voters.length, 3);
    assert.deepEqual(kept.voters, [...kept.voters].sort(), 'in no voter’s order');
    assert.equal(kept.votes, undefined);
    assert.ok(!/Barn|Hall|Online|"choices"/.test(JSON.stringify(kept.voters)));
  });

  test('a second vote by the same person is refused (409) and counts nothing, on either server copy', async () => {
    const asked = await ask(
      'council',
      { type: 'fist', question: 'How sure are we?', ballot: 'secret', results: 'live' },
      bearer(mod.token),
    );
    const id = asked.body.id;
    assert.deepEqual(asked.body.options, ['0', '1', '2', '3', '4', '5']);
    assert.equal((await vote('council', id, { choices: [4] }, bearer(bo.token))).status, 200);
    const again = await vote('council', id, { choices: [0] }, bearer(bo.token));
    assert.equal(again.status, 409);
    assert.equal(again.body.error.code, 'forbidden');
    assert.match(again.body.error.message, /already voted/);
    const elsewhere = await vote('council', id, { choices: [5] }, bearer(bo.token), copy);
    assert.equal(elsewhere.status, 409, 'the other copy knows Bo voted');
    // Two votes at once from Cy: one counts.
    const both = await Promise.all([
      vote('council', id, { choices: [2] }, bearer(cy.token)),
      vote('council', id, { choices: [3] }, bearer(cy.token), copy),
    ]);
    assert.deepEqual(both.map((r) => r.status).sort(), [200, 409]);
    // Bo again from the same browser, with a new token (a new guest identity): the same person.
    const back = await join('council', 'Bo again', {}, bo.token.guest_id);
    assert.notEqual(back.token.identity, bo.token.identity);
    const rejoined = await vote('council', id, { choices: [1] }, bearer(back.token));
    assert.equal(rejoined.status, 409, 'coming back does not buy a second vote');
    assert.equal(find(await list('council', bearer(back.token)), id)!.you_voted, true);
    assert.equal((await close('council', id, bearer(mod.token))).status, 200);
    const poll = find(await list('council', bearer(mod.token), copy), id)!;
    assert.equal(poll.voters, 2);
    assert.equal(
      poll.tallies!.reduce((a, b) => a + b, 0),
      2,
    );
    assert.equal(poll.tallies![4], 1);
  });

  test('a consent round keeps reasons without names, and a reason is refused past 500 characters', async () => {
    const asked = await ask(
      'council',
      { type: 'consent', question: 'Adopt the new budget?', ballot: 'secret', results: 'live' },
      bearer(mod.token),
    );
    const id = asked.body.id;
    assert.deepEqual(asked.body.options, ['consent', 'concern', 'object']);
    const long = await vote('council', id, { choices: [2], reason: 'x'.repeat(501) }, bearer(bo.token));
    assert.equal(long.status, 400);
    assert.equal(long.body.error.issues?.[0]?.path, 'reason');
    assert.equal(
      (await vote('council', id, { choices: [1], reason: 'The roof first.' }, bearer(bo.token))).status,
      200,
    );
    assert.equal((await vote('council', id, { choices: [0] }, bearer(cy.token))).status, 200);
    // Two votes of a step of three: neither the tallies nor the reason show yet, and then all at once.
    const open = find(await list('council', bearer(mod.token)), id)!;
    assert.deepEqual([open.voters, open.tallies, open.reasons], [0, [0, 0, 0], undefined]);
    assert.equal((await close('council', id, bearer(mod.token))).status, 200);
    const poll = find(await list('council', bearer(mod.token)), id)!;
    assert.deepEqual(poll.tallies, [1, 1, 0]);
    assert.deepEqual(poll.reasons, [{ choice: 1, text: 'The roof first.' }]);
    assert.ok(!JSON.stringify(poll).includes(bo.token.identity));
  });
});

describe('a named vote', () => {
  test('shows who chose what, by the names the server gave them, and each voter their own choice', async () => {
    const asked = await ask(
      'council',
      {
        type: 'choice',
        question: 'Who brings food?',
        choices: ['Soup', 'Bread', 'Cake'],
        multiple: true,
        ballot: 'named',
        results: 'live',
      },
      bearer(mod.token),
    );
    const id = asked.body.id;
    assert.equal((await vote('council', id, { choices: [2, 0] }, bearer(bo.token))).status, 200);
    assert.equal((await vote('council', id, { choices: [1] }, bearer(cy.token))).status, 200);
    const seen = find(await list('council', bearer(cy.token)), id)!;
    assert.deepEqual(seen.tallies, [1, 1, 1]);
    assert.deepEqual(
      seen.votes!.map((v) => [v.name, v.choices]),
      [
        ['Bo', [0, 2]],
        ['Cy', [1]],
      ],
    );
    assert.deepEqual(seen.your_choices, [1]);
    await until('the room told of both votes', async () => (await told(mod.page, id))?.votes?.length === 2);
    assert.deepEqual(
      (await told(mod.page, id))!.votes!.map((v) => v.name),
      ['Bo', 'Cy'],
    );
  });
});

describe('who may ask and close', () => {
  test('only a moderator asks where the poll does not say anyone; an asker or a moderator closes, nobody else', async () => {
    const question = {
      type: 'choice',
      question: 'Tea or coffee?',
      choices: ['Tea', 'Coffee'],
      ballot: 'named',
      results: 'live',
    };
    const refused = await ask('council', question, bearer(bo.token));
    assert.equal(refused.status, 403);
    assert.equal(refused.body.error.code, 'forbidden');
    assert.equal((await list('council', bearer(bo.token))).body.may_ask, false);
    assert.equal((await list('council', bearer(mod.token))).body.may_ask, true);

    const dee = await join('circle', 'Dee');
    const eve = await join('circle', 'Eve');
    assert.equal((await list('circle', bearer(dee.token))).body.may_ask, true);
    const asked = await ask('circle', question, bearer(dee.token));
    assert.equal(asked.status, 201);
    const id = asked.body.id;
    const notTheirs = await close('circle', id, bearer(eve.token));
    assert.equal(notTheirs.status, 403);
    assert.match(notTheirs.body.error.message, /Only whoever asked/);
    assert.equal(find(await list('circle', bearer(eve.token)), id)!.closed_at, undefined);
    assert.equal((await vote('circle', id, { choices: [1] }, bearer(eve.token))).status, 200);
    const closed = await close('circle', id, bearer(dee.token));
    assert.equal(closed.status, 200);
    assert.ok(closed.body.closed_at);
    // Closed: frozen.
    const late = await vote('circle', id, { choices: [0] }, bearer(dee.token));
    assert.equal(late.status, 409);
    assert.match(late.body.error.message, /closed/);
    assert.deepEqual(find(await list('circle', bearer(dee.token)), id)!.tallies, [0, 1]);
    assert.equal((await close('circle', id, bearer(dee.token))).status, 409);
    await until('the room told it closed', async () => Boolean((await told(eve.page, id))?.closed_at));

    // A moderator closes a poll someone else asked.
    const another = await ask('council', question, bearer(mod.token));
    assert.equal((await close('council', another.body.id, bearer(bo.token))).status, 403);
    assert.equal((await close('council', another.body.id, person(ada))).status, 200);
  });

  test('results shown after closing stay hidden, from everyone, until it closes', async () => {
    const asked = await ask(
      'council',
      { type: 'choice', question: 'Paint it green?', choices: ['Yes', 'No'], ballot: 'named', results: 'closed' },
      bearer(mod.token),
    );
    const id = asked.body.id;
    assert.equal((await vote('council', id, { choices: [0] }, bearer(bo.token))).status, 200);
    const open = find(await list('council', bearer(mod.token)), id)!;
    assert.equal(open.voters, 1);
    assert.equal(open.tallies, undefined);
    assert.equal(open.votes, undefined);
    await until('the room told of the vote', async () => (await told(cy.page, id))?.voters === 1);
    const toldOpen = (await packets(cy.page)).filter((p) => p.text.includes(id)).map((p) => p.text);
    assert.ok(
      toldOpen.every((t) => !t.includes('"tallies"') && !t.includes('"Bo"')),
      toldOpen.join('\n'),
    );
    await close('council', id, bearer(mod.token));
    const done = find(await list('council', bearer(cy.token)), id)!;
    assert.deepEqual(done.tallies, [1, 0]);
    assert.equal(done.votes![0]!.name, 'Bo');
  });
});

describe('refusals', () => {
  test('bad input is a 400 naming the issue; no token a 401; a room without polls a 403; never a 500', async () => {
    const base = { type: 'choice', question: 'Q?', choices: ['A', 'B'], ballot: 'secret', results: 'live' };
    const cases: [unknown, string][] = [
      [{ ...base, question: 'q'.repeat(301) }, 'question'],
      [{ ...base, question: '   ' }, 'question'],
      [{ ...base, choices: Array.from({ length: 11 }, (_, i) => `c${i}`) }, 'choices'],
      [{ ...base, choices: ['A'] }, 'choices'],
      [{ ...base, choices: ['A', 'a'] }, 'choices[1]'],
      [{ ...base, choices: ['A', 'b'.repeat(101)] }, 'choices[1]'],
      [{ ...base, type: 'lottery' }, 'type'],
      [{ ...base, ballot: 'open' }, 'ballot'],
      [{ ...base, colour: 'red' }, '(root)'],
      [{ type: 'consent', question: 'Q?', choices: ['A', 'B'], ballot: 'named', results: 'live' }, 'choices'],
      [[1, 2], '(root)'],
    ];
    for (const [body, path] of cases) {
      const reply = await ask('council', body, bearer(mod.token));
      assert.equal(reply.status, 400, JSON.stringify(body));
      assert.equal(reply.body.error.code, 'invalid_request');
      assert.ok(
        reply.body.error.issues?.some((i) => i.path === path),
        `${JSON.stringify(reply.body.error)} names ${path}`,
      );
    }
    const asked = await ask('council', base, bearer(mod.token));
    const id = asked.body.id;
    const votes: [unknown, string][] = [
      [{ choices: [2] }, 'choices'],
      [{ choices: [0, 1] }, 'choices'],
      [{ choices: [] }, 'choices'],
      [{ choices: ['A'] }, 'choices[0]'],
      [{ choices: [0], reason: 'why' }, 'reason'],
      [{ choice: 0 }, '(root)'],
    ];
    for (const [body, path] of votes) {
      const reply = await vote('council', id, body, bearer(cy.token));
      assert.equal(reply.status, 400, JSON.stringify(body));
      assert.ok(
        reply.body.error.issues?.some((i) => i.path === path),
        `${JSON.stringify(reply.body.error)} names ${path}`,
      );
    }
    assert.equal(find(await list('council', bearer(cy.token)), id)!.you_voted, false, 'a refused vote is no vote');

    assert.equal((await post(polls('council'), base)).status, 401);
    assert.equal((await get(polls('council'))).status, 401);
    assert.equal((await vote('council', id, { choices: [0] }, { authorization: 'Bearer nonsense' })).status, 401);
    assert.equal((await vote('council', 'no-such-poll', { choices: [0] }, bearer(cy.token))).status, 404);
    assert.equal((await vote('council', '../../etc/pw', { choices: [0] }, bearer(cy.token))).status, 404);
    const plain = await ask('plain', base, person(ada));
    assert.equal(plain.status, 403);
    assert.match(plain.body.error.message, /no poll furniture/);
    assert.equal((await post(polls('council'), 'not json', bearer(mod.token))).status, 400);
    assert.equal(
      (await post(polls('council'), 'x', { ...bearer(mod.token), 'content-type': 'text/plain' })).status,
      415,
    );
    // A token for another room votes nowhere here.
    const dee = await join('circle', 'Dee again');
    assert.equal((await vote('council', id, { choices: [0] }, bearer(dee.token))).status, 401);
  });

  test('someone with a token who is not in the room cannot vote', async () => {
    const asked = await ask(
      'council',
      { type: 'choice', question: 'Lunch?', choices: ['Yes', 'No'], ballot: 'secret', results: 'live' },
      bearer(mod.token),
    );
    const minted = await post<TokenResponse>(`${api}/api/spaces/river-coop/token`, {
      room_name: 'council',
      participant_name: 'Outside',
    });
    const reply = await vote('council', asked.body.id, { choices: [0] }, bearer(minted.body));
    assert.equal(reply.status, 403);
    assert.match(reply.body.error.message, /Join Council/);
  });
});
