/**
 * End-to-end encrypted rooms on the server (issue 15): the config takes `e2ee: passphrase` and
 * refuses furniture that would carry the room's words or media past its key; the directory and
 * the token answer say the room is encrypted (a breakout table's token does not: its media is
 * not). The key itself never reaches the server: nothing here has one to see.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ConfigError, parseConfig, type ConveneConfigInput } from '../src/index.js';
import { get, post, startApp } from './helpers.js';

const config = (rooms: unknown[]): ConveneConfigInput =>
  ({ spaces: [{ slug: 'vault', name: 'Vault', entrance: 'secret', rooms }] }) as ConveneConfigInput;
const secret = (extra: Record<string, unknown> = {}) => ({
  slug: 'secret',
  name: 'Secret',
  access: 'public',
  e2ee: 'passphrase',
  ...extra,
});

function problems(input: unknown): string[] {
  try {
    parseConfig(input);
  } catch (error) {
    assert.ok(error instanceof ConfigError);
    return error.problems;
  }
  assert.fail('the config was accepted');
}

test('a room may be end-to-end encrypted with a passphrase; nothing else is a mode', () => {
  const parsed = parseConfig(config([secret(), { slug: 'open', name: 'Open', access: 'public' }]));
  assert.equal(parsed.spaces[0]?.rooms[0]?.e2ee, 'passphrase');
  assert.equal(parsed.spaces[0]?.rooms[1]?.e2ee, undefined);
  assert.match(problems(config([secret({ e2ee: 'server-key' })])).join('\n'), /rooms\[0\]\.e2ee/);
});

test('an encrypted room refuses breakout tables and kept notes, which its key would not cover', () => {
  const tables = { kind: 'breakout-tables', settings: { tables: [{ slug: 'a', name: 'A' }] } };
  const found = problems(
    config([secret({ furniture: [{ kind: 'chat' }, tables, { kind: 'notes', settings: { keep: true } }] })]),
  ).join('\n');
  assert.match(
    found,
    /furniture\[1\]\.kind.*cannot have this "breakout-tables": its tables are LiveKit rooms of their own/,
  );
  assert.match(found, /furniture\[2\]\.kind.*kept notes are saved on the Convene server/);
  // Chat, and notes that are not kept, travel between the browsers: encrypted with the room's key.
  parseConfig(config([secret({ furniture: [{ kind: 'chat' }, { kind: 'notes' }] })]));
});

test('the directory and the token answer say which rooms are encrypted', async () => {
  const { baseUrl } = await startApp({
    config: parseConfig(config([secret(), { slug: 'open', name: 'Open', access: 'public' }])),
    livekit: { url: 'ws://127.0.0.1:9', apiKey: 'devkey', apiSecret: 'a-secret-of-at-least-32-characters!!' },
    log: () => {},
  });
  const directory = await get(`${baseUrl}/api/spaces/vault`);
  assert.equal(directory.status, 200);
  const rooms = Object.fromEntries(directory.body.rooms.map((r: { slug: string; e2ee?: string }) => [r.slug, r.e2ee]));
  assert.deepEqual(rooms, { secret: 'passphrase', open: undefined });
  const encrypted = await post(`${baseUrl}/api/spaces/vault/token`, { room_name: 'secret', participant_name: 'Ada' });
  assert.equal(encrypted.status, 201);
  assert.equal(encrypted.body.e2ee, 'passphrase');
  const open = await post(`${baseUrl}/api/spaces/vault/token`, { room_name: 'open', participant_name: 'Ada' });
  assert.equal(open.status, 201);
  assert.equal(open.body.e2ee, undefined);
});
