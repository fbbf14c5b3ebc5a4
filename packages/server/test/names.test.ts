/**
 * Display-name cleaning, as the pure function and as a client of the token endpoint meets it:
 * no invisible, control or direction characters, one space between words, an empty name refused.
 * No LiveKit needed: a public room's token is minted without asking it.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { testConfig } from '../../../test/harness/index.js';
import { freeTcpPort } from '../../../scripts/lib/livekit.mjs';
import { parseConfig, sanitiseName } from '../src/index.js';
import { post, startApp, verifyToken } from './helpers.js';

const FILLERS = '\u115f\u1160\u3164\uffa0\u180e\u2800\u200b\u2060\u00ad\u034f';

describe('sanitiseName', () => {
  test('removes direction marks, invisible fillers and other default-ignorable characters', () => {
    assert.equal(sanitiseName('A\u061cda'), 'Ada');
    assert.equal(sanitiseName('\u2066Mo\u2069 (moderator)\u202e'), 'Mo (moderator)');
    for (const filler of FILLERS) {
      assert.equal(sanitiseName(`Ada${filler}`), 'Ada', `U+${filler.codePointAt(0)!.toString(16)}`);
    }
    assert.equal(sanitiseName('\u3164Ada\uffa0Love\u1160lace'), 'AdaLovelace');
  });

  test('line and paragraph separators and every run of white space become one space', () => {
    assert.equal(sanitiseName('Ada\u2028Lovelace'), 'Ada Lovelace');
    assert.equal(sanitiseName('Ada\u2029\u2029Lovelace'), 'Ada Lovelace');
    assert.equal(sanitiseName(' Ada \t\n\u00a0\u3000 Lovelace\r\n'), 'Ada Lovelace');
    assert.equal(sanitiseName('Ada\u0085Lovelace'), 'Ada Lovelace');
    assert.equal(sanitiseName('\u2800Ada\u2800\u2800Lovelace\u2800'), 'Ada Lovelace');
  });

  test('a name of only invisible characters and spaces is empty', () => {
    assert.equal(sanitiseName(FILLERS), '');
    assert.equal(sanitiseName(`\u2028 ${FILLERS}\u2029\t`), '');
  });

  test('visible text stays as written: accents, scripts, emoji', () => {
    assert.equal(sanitiseName('Jose\u0301'), 'José'); // composed to NFC
    assert.equal(sanitiseName('María Núñez'), 'María Núñez');
    assert.equal(sanitiseName('李 小龍'), '李 小龍');
    assert.equal(sanitiseName('مريم'), 'مريم');
    assert.equal(sanitiseName('I \u2764\ufe0f cats'), 'I \u2764\ufe0f cats');
    assert.equal(
      sanitiseName('\ufe0fA\ufe0f\ufe0f\ufe0f'),
      'A\ufe0f',
      'one selector after a visible character, no padding',
    );
  });
});

describe('the token endpoint', async () => {
  const apiKey = 'devkey';
  const apiSecret = 'names-test-secret-names-test-secret';
  const { baseUrl } = await startApp({
    config: parseConfig(await testConfig()),
    livekit: { url: `ws://127.0.0.1:${await freeTcpPort()}`, apiKey, apiSecret },
    rateLimits: { tokens: false, codeGuesses: false },
  });
  const token = (participant_name: string) =>
    post(`${baseUrl}/api/spaces/river-coop/token`, { room_name: 'lobby', participant_name });

  test('a name with fillers, direction marks and separators is minted clean', async () => {
    const reply = await token(`\u3164 Ada\u061c\u2028\u2028Love\u115flace\u2029 (moderator)\u180e\u2800`);
    assert.equal(reply.status, 201, JSON.stringify(reply.body));
    assert.equal(reply.body.name, 'Ada Lovelace (moderator)');
    const claims = await verifyToken(reply.body.participant_token, apiKey, apiSecret);
    assert.equal(claims.name, 'Ada Lovelace (moderator)');
  });

  test('a name of only fillers and separators is refused with 400', async () => {
    for (const name of [FILLERS, '\u3164', '\u2028\u2029', '\u2800 \u2800', '\u061c\u180e']) {
      const reply = await token(name);
      assert.equal(reply.status, 400, JSON.stringify(name));
      assert.equal(reply.body.error.issues[0].path, 'participant_name');
    }
  });
});
