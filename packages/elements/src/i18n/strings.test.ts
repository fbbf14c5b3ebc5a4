import { expect } from '@open-wc/testing';
import { ar } from './ar.js';
import { features as arFeatures } from './ar-features.js';
import { ca } from './ca.js';
import { features as caFeatures } from './ca-features.js';
import { de } from './de.js';
import { features as deFeatures } from './de-features.js';
import { doors, doorsEn, type DoorStrings } from './door-strings.js';
import { e2ee, e2eeEn, type E2eeStrings } from './e2ee-strings.js';
import { stage, stageEn, type StageStrings } from './stage-strings.js';
import { es } from './es.js';
import { features as esFeatures } from './es-features.js';
import { fr } from './fr.js';
import { features as frFeatures } from './fr-features.js';
import { furniture, furnitureEn, notes, notesEn, poll, pollEn } from './furniture-strings.js';
import { it as italian } from './it.js';
import { features as italianFeatures } from './it-features.js';
import { pt } from './pt.js';
import { features as ptFeatures } from './pt-features.js';
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

function entry(table: object, path: string): unknown {
  return path.split('.').reduce<unknown>((node, key) => (node as Record<string, unknown>)?.[key], table);
}

/** English as written, every feature's entries (the registry's `en` gets furniture's only when it loads). */
const english = { ...roomEn, ...spaceEn, ...furnitureEn, ...doorsEn, ...pollEn, ...notesEn, ...stageEn, ...e2eeEn };
/** Each shipped language's file as written, before the registry fills anything in with English. */
const written: Record<string, object> = {
  es: { ...es, ...esFeatures },
  fr: { ...fr, ...frFeatures },
  de: { ...de, ...deFeatures },
  pt: { ...pt, ...ptFeatures },
  ca: { ...ca, ...caFeatures },
  it: { ...italian, ...italianFeatures },
  ar: { ...ar, ...arFeatures },
};

/** Where a table differs in shape from English: entries it lacks, entries English lacks, entries of another kind. */
function against(table: object) {
  const want = shape(english);
  const have = shape(table);
  return {
    missing: Object.keys(want).filter((path) => !(path in have)),
    extra: Object.keys(have).filter((path) => !(path in want)),
    otherKind: Object.keys(want).filter((path) => path in have && have[path] !== want[path]),
  };
}

/** What an entry says with numbers for arguments (7 and 12: Arabic's "few" and "many"), as many as English takes. */
function withNumbers(value: unknown, arity: number): unknown {
  const args = [7, 12].slice(0, arity);
  return typeof value === 'function' ? (value as (...a: number[]) => unknown)(...args) : value;
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

  it('takes furniture’s entries when furniture’s code loads, and gives them to a language registered before', async () => {
    // Nothing of furniture's has loaded in this page yet: the embed carries room and space only.
    expect(stringsFor('en').chatSend).to.equal(undefined);
    registerStrings('x-early', { ...en, join: 'Entrer' });
    addSection(furniture);
    expect(stringsFor('en').chatSend).to.equal('Send');
    // A shipped language's features' entries are a chunk of their own, which an element waits for.
    await loadStrings('es');
    expect(stringsFor('es').chatSend).to.equal('Enviar');
    expect(stringsFor('x-early').chatSend).to.equal('Send');
    expect(stringsFor('x-early').join).to.equal('Entrer');
  });

  it('takes the door’s, the poll’s and the notes’ entries when their code loads', async () => {
    const door = (lang: string) => stringsFor(lang) as ConveneStrings & DoorStrings;
    expect(door('en').knockAsk).to.equal(undefined);
    addSection(doors);
    addSection(poll);
    addSection(notes);
    addSection(stage);
    addSection(e2ee);
    expect(door('en').knockAsk).to.equal('Ask to come in');
    await loadStrings('es');
    expect(door('es').knockAsk).to.equal('Pedir entrar');
    expect((stringsFor('es') as ConveneStrings & StageStrings).askToSpeak).to.equal('Pedir la palabra');
    expect((stringsFor('es') as ConveneStrings & E2eeStrings).e2eeBadge).to.equal('Cifrada de extremo a extremo');
  });

  it('ships English, Spanish, French, German, Portuguese, Catalan, Italian and Arabic, each in its own file', () => {
    expect([...SHIPPED_LANGUAGES].sort()).to.deep.equal(['en', ...Object.keys(written)].sort());
  });

  for (const [lang, table] of Object.entries(written)) {
    it(`has in ${lang}.ts every entry English has and none it lacks, nested messages and furniture included`, () => {
      expect(against(table), `${lang}.ts against English`).to.deep.equal({ missing: [], extra: [], otherKind: [] });
    });

    it(`passes every argument English shows through ${lang}.ts`, () => {
      for (const path of Object.keys(shape(english))) {
        const source = entry(english, path);
        if (typeof source !== 'function') continue;
        const shown = String(withNumbers(source, source.length));
        const text = String(withNumbers(entry(table, path), source.length));
        for (const arg of ['7', '12'].filter((a) => shown.includes(a))) expect(text, `${lang} ${path}`).to.contain(arg);
      }
    });
  }

  it('loads each shipped language on first use, as its file is written', async () => {
    for (const [lang, table] of Object.entries(written)) {
      await loadStrings(lang);
      expect(stringsFor(lang).join, lang).to.equal((table as ConveneStrings).join);
      expect(stringsFor(lang).errors, lang).to.deep.equal((table as ConveneStrings).errors);
    }
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

  it('speaks each language in that language', () => {
    // Words each language shares with English, nothing more.
    const shared: Record<string, string[]> = {
      es: ['kindLabels.chat'],
      fr: [
        'kindLabels.markdown',
        'kindLabels.breakout-tables',
        'chatLog',
        'chatInput',
        'pollQuestion',
        'pollExportOption',
      ],
      de: ['kindLabels.chat', 'pollExportName'],
      pt: ['kindLabels.chat'],
      ca: ['kindLabels.markdown'],
      it: ['kindLabels.chat'],
      ar: [],
    };
    const same = (table: object) =>
      Object.keys(shape(english)).filter((path) => said(entry(table, path)) === said(entry(english, path)));
    const found = Object.fromEntries(Object.entries(written).map(([lang, table]) => [lang, same(table)]));
    expect(found).to.deep.equal(shared);
  });

  it('counts as each language does', () => {
    const t = (lang: string) => written[lang] as ConveneStrings;
    // French: 0 and 1 singular.
    expect([0, 1, 2].map((n) => t('fr').participants(n))).to.deep.equal(['0 personne', '1 personne', '2 personnes']);
    expect(t('de').placesLeft(1, 10)).to.equal('Noch 1 Platz von 10 frei');
    expect(t('de').placesLeft(2, 10)).to.equal('Noch 2 von 10 Plätzen frei');
    expect([1, 2].map((n) => t('pt').unread(n))).to.deep.equal(['1 mensagem não lida', '2 mensagens não lidas']);
    expect([1, 3].map((n) => t('ca').retryIn(n))).to.deep.equal([
      'Podràs tornar-ho a provar d’aquí a 1 segon.',
      'Podràs tornar-ho a provar d’aquí a 3 segons.',
    ]);
    expect([1, 3].map((n) => t('it').peopleIn(n))).to.deep.equal(['1 persona dentro', '3 persone dentro']);
    // Arabic: one, two, few (3–10), many (11–99), other (100…), each its own form of the noun.
    expect([1, 2, 3, 11, 100].map((n) => t('ar').participants(n))).to.deep.equal([
      'شخص واحد',
      'شخصان',
      '3 أشخاص',
      '11 شخصًا',
      '100 شخص',
    ]);
  });

  it('gives each entry to one feature: the room, the space or the furniture', () => {
    const owners = new Map<string, string>();
    const features = {
      room: roomEn,
      space: spaceEn,
      furniture: furnitureEn,
      doors: doorsEn,
      poll: pollEn,
      notes: notesEn,
      stage: stageEn,
      e2ee: e2eeEn,
    };
    for (const [feature, table] of Object.entries(features)) {
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
