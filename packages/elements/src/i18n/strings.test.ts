import { expect } from '@open-wc/testing';
import { furniture, furnitureEn } from './furniture-strings.js';
import { roomEn } from './room-strings.js';
import { spaceEn } from './space-strings.js';
import {
  SHIPPED_LANGUAGES,
  addSection,
  loadStrings,
  en,
  registerStrings,
  stringsFor,
  withOverrides,
  type ConveneStrings,
} from './strings.js';

/** Every entry of a table as `path: kind`, nested groups (`errors.room_full`) included. */
function shape(table: object, prefix = ''): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(table)) {
    const path = `${prefix}${key}`;
    if (typeof value === 'object' && value !== null) Object.assign(out, shape(value as object, `${path}.`));
    else out[path] = typeof value;
  }
  return out;
}

/** What an entry says: a string as it is, a function called with sample arguments. */
function said(value: unknown): unknown {
  return typeof value === 'function' ? (value as (...args: unknown[]) => unknown)('Ada', 3, 5) : value;
}

function entry(table: ConveneStrings, path: string): unknown {
  return path.split('.').reduce<unknown>((node, key) => (node as Record<string, unknown>)?.[key], table);
}

describe('the string registry', () => {
  it('loads Spanish on first use, with English standing in until it is here', async () => {
    expect(stringsFor('es').join).to.equal('Join');
    const pending = loadStrings('es-MX');
    expect(pending).to.be.instanceOf(Promise);
    expect(loadStrings('es')).to.equal(pending);
    await pending;
    expect(stringsFor('es').join).to.equal('Entrar');
    expect(stringsFor('es-MX').join).to.equal('Entrar');
    expect(loadStrings('es')).to.equal(undefined);
    expect(loadStrings('xx')).to.equal(undefined);
  });

  it('takes furniture’s entries when furniture’s code loads, and gives them to a language registered before', () => {
    // Nothing of furniture's has loaded in this page yet: the embed carries room and space only.
    expect(stringsFor('en').chatSend).to.equal(undefined);
    registerStrings('x-early', { ...en, join: 'Entrer' });
    addSection(furniture);
    expect(stringsFor('en').chatSend).to.equal('Send');
    expect(stringsFor('es').chatSend).to.equal('Enviar');
    expect(stringsFor('x-early').chatSend).to.equal('Send');
    expect(stringsFor('x-early').join).to.equal('Entrer');
  });

  it('ships English and Spanish', () => {
    expect(SHIPPED_LANGUAGES).to.include.members(['en', 'es']);
  });

  for (const lang of SHIPPED_LANGUAGES) {
    it(`has every entry in ${lang}, each saying something`, () => {
      const table = stringsFor(lang);
      expect(shape(table)).to.deep.equal(shape(en));
      for (const path of Object.keys(shape(en))) {
        const text = said(entry(table, path));
        expect(text, path).to.be.a('string');
        expect((text as string).trim(), path).not.to.equal('');
        expect(text as string, path).not.to.contain('undefined');
      }
    });
  }

  it('speaks Spanish in Spanish', () => {
    const es = stringsFor('es');
    const same = Object.keys(shape(en)).filter((path) => said(entry(es, path)) === said(entry(en, path)));
    // Words Spanish shares with English, nothing more.
    expect(same).to.deep.equal(['kindLabels.chat']);
  });

  it('gives each entry to one feature: the room, the space or the furniture', () => {
    const owners = new Map<string, string>();
    for (const [feature, table] of Object.entries({ room: roomEn, space: spaceEn, furniture: furnitureEn })) {
      for (const key of Object.keys(table)) {
        expect(owners.get(key), `${key} is both ${owners.get(key)}'s and ${feature}'s`).to.equal(undefined);
        owners.set(key, feature);
      }
    }
    expect([...owners.keys()].sort()).to.deep.equal(Object.keys(en).sort());
  });

  it('finds a table by language tag: exact, then the language, then English', () => {
    expect(stringsFor('es-MX').join).to.equal('Entrar');
    expect(stringsFor('ES').join).to.equal('Entrar');
    expect(stringsFor('xx').join).to.equal('Join');
    expect(stringsFor(undefined).join).to.equal('Join');
  });

  it('takes one message of a group from overrides and keeps the rest', () => {
    const t = withOverrides(en, { join: 'Come in', errors: { room_full: 'No room at the inn.' } });
    expect(t.join).to.equal('Come in');
    expect(t.errors.room_full).to.equal('No room at the inn.');
    expect(t.errors.members_only).to.equal(en.errors.members_only);
  });

  it('fills what a registered table lacks with English', () => {
    const partial = { ...en, join: 'Entrer', errors: { ...en.errors } } as Partial<ConveneStrings>;
    delete partial.chatSend;
    delete (partial.errors as Partial<ConveneStrings['errors']>).room_full;
    registerStrings('x-partial', partial as ConveneStrings);
    expect(stringsFor('x-partial').join).to.equal('Entrer');
    expect(stringsFor('x-partial').chatSend).to.equal('Send');
    expect(stringsFor('x-partial').errors.room_full).to.equal(en.errors.room_full);
  });
});
