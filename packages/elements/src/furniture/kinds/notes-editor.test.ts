import { expect } from '@open-wc/testing';
import * as Y from 'yjs';
import { diffText, enterAt, highlight, indentLines, mapThrough, type Run } from './notes-editor.js';
import { checkState, checkUpdate, NOTES_ROOT } from './notes-provider.js';

/** `text` with `edit` applied. */
const apply = (text: string, edit: { index: number; remove: number; insert: string }) =>
  text.slice(0, edit.index) + edit.insert + text.slice(edit.index + edit.remove);

describe('the notes editor, as plain text', () => {
  it('finds the one smallest edit between two versions, never splitting an emoji', () => {
    expect(diffText('same', 'same')).to.equal(undefined);
    expect(diffText('Minutes', 'Minutes!')).to.deep.equal({ index: 7, remove: 0, insert: '!' });
    expect(diffText('a b c', 'a c')).to.deep.equal({ index: 2, remove: 2, insert: '' });
    expect(diffText('one two', 'one 2')).to.deep.equal({ index: 4, remove: 3, insert: '2' });
    // 😀 and 😃 share their first half: the edit takes the whole pair.
    const edit = diffText('x😀y', 'x😃y')!;
    expect(edit).to.deep.equal({ index: 1, remove: 2, insert: '😃' });
    for (const [a, b] of [
      ['', 'hello'],
      ['hello', ''],
      ['aaa', 'aa'],
      ['- [ ] a\n- [ ] b', '- [x] a\n- [ ] b'],
    ]) {
      expect(apply(a!, diffText(a!, b!)!)).to.equal(b);
    }
  });

  it('keeps a caret where it was in the text when others edit before, after or around it', () => {
    // "Hello world", caret after "Hello" (5).
    expect(mapThrough(5, [{ insert: '>> ' }]), 'typed before').to.equal(8);
    expect(mapThrough(5, [{ retain: 6 }, { insert: 'big ' }]), 'typed after').to.equal(5);
    expect(mapThrough(5, [{ retain: 5 }, { insert: ',' }]), 'typed at the caret').to.equal(5);
    expect(mapThrough(5, [{ delete: 2 }]), 'deleted before').to.equal(3);
    expect(mapThrough(5, [{ retain: 3 }, { delete: 5 }]), 'deleted around').to.equal(3);
  });

  it('continues lists on Enter (bullets, numbers, checkboxes, quotes) and ends them on an empty item', () => {
    const enter = (text: string) => {
      const result = enterAt(text, text.length);
      return result ? apply(text, result.edit) : undefined;
    };
    expect(enter('- apples')).to.equal('- apples\n- ');
    expect(enter('  * nested')).to.equal('  * nested\n  * ');
    expect(enter('9. nine')).to.equal('9. nine\n10. ');
    expect(enter('- [x] done')).to.equal('- [x] done\n- [ ] ');
    expect(enter('> quoted')).to.equal('> quoted\n> ');
    expect(enter('plain text'), 'not a list: the browser’s own Enter').to.equal(undefined);
    expect(enter('# Heading')).to.equal(undefined);
    expect(enter('- one\n- '), 'an empty item ends the list').to.equal('- one\n');
    const result = enterAt('- one\n- ', 8)!;
    expect(result.selection).to.equal(6);
  });

  it('indents and outdents the lines a selection touches, keeping the selection on the same text', () => {
    const text = '- a\n- b\n- c';
    const one = indentLines(text, 6, 6, false)!;
    expect(apply(text, one.edit)).to.equal('- a\n  - b\n- c');
    expect([one.from, one.to]).to.deep.equal([8, 8]);
    const two = indentLines(text, 1, 7, false)!;
    expect(apply(text, two.edit)).to.equal('  - a\n  - b\n- c');
    const indented = '  - a\n  - b';
    const out = indentLines(indented, 9, 9, true)!;
    expect(apply(indented, out.edit)).to.equal('  - a\n- b');
    expect(out.from).to.equal(7);
    expect(indentLines('- a', 1, 1, true), 'nothing to outdent').to.equal(undefined);
  });

  it('colours headings, list markers and checkboxes without changing a character, with others’ carets and selections laid over', () => {
    const text = '# Minutes\n- [x] agreed\n- [ ] to do\nplain';
    const pieces = highlight(text, [
      { identity: 'b', name: 'Bea', color: 'red', anchor: 12, head: 16 },
      { identity: 'c', name: 'Cy', color: 'blue', anchor: 40, head: 40 },
    ]);
    const runs = pieces.filter((p): p is Run => 'text' in p);
    expect(runs.map((r) => r.text).join(''), 'every character, in order').to.equal(text);
    const classOf = (fragment: string) => runs.find((r) => r.text === fragment)?.classes;
    expect(classOf('#')).to.contain('md-mark');
    expect(classOf(' Minutes')).to.equal('md-h');
    expect(classOf('[x]')).to.equal('md-box');
    expect(
      runs
        .filter((r) => r.classes.includes('md-done'))
        .map((r) => r.text)
        .join(''),
    ).to.equal('agreed');
    expect(
      runs
        .filter((r) => r.selected === 'red')
        .map((r) => r.text)
        .join(''),
    ).to.equal('[x] ');
    const carets = pieces.flatMap((p, i) => ('caret' in p ? [[p.caret.name, i] as const] : []));
    expect(carets.map(([name]) => name)).to.deep.equal(['Bea', 'Cy']);
    // Cy's caret is after "pla" of "plain".
    const before = pieces
      .slice(0, carets[1]![1])
      .filter((p): p is Run => 'text' in p)
      .map((r) => r.text)
      .join('');
    expect(before).to.equal(text.slice(0, 40));
  });
});

describe('the notes provider’s checks', () => {
  const updateOf = (change: (doc: Y.Doc) => void) => {
    const doc = new Y.Doc();
    change(doc);
    return Y.encodeStateAsUpdate(doc);
  };

  it('accepts plain text edits and deletions of the notes', () => {
    const doc = new Y.Doc();
    doc.getText(NOTES_ROOT).insert(0, 'Minutes');
    const insert = Y.encodeStateAsUpdate(doc);
    expect(checkUpdate(insert)).to.equal(true);
    const before = Y.encodeStateVector(doc);
    doc.getText(NOTES_ROOT).delete(0, 3);
    doc.getText(NOTES_ROOT).insert(2, 'x');
    expect(checkUpdate(Y.encodeStateAsUpdate(doc, before))).to.equal(true);
  });

  it('refuses garbage, other shared types, formatting and embeds', () => {
    expect(checkUpdate(new Uint8Array([1, 2, 3, 4, 5, 200, 7]))).to.equal(false);
    expect(checkUpdate(new Uint8Array([255, 255, 255, 255, 15]))).to.equal(false);
    expect(checkUpdate(updateOf((d) => d.getText('other').insert(0, 'x')))).to.equal(false);
    expect(checkUpdate(updateOf((d) => d.getMap('notes').set('a', 1)))).to.equal(false);
    expect(checkUpdate(updateOf((d) => d.getText(NOTES_ROOT).insert(0, 'bold', { bold: true })))).to.equal(false);
    expect(checkUpdate(updateOf((d) => d.getText(NOTES_ROOT).insertEmbed(0, { image: 'x' })))).to.equal(false);
  });

  it('takes awareness states of a cursor (or none) only', () => {
    expect(checkState(null)).to.equal(null);
    expect(checkState({ cursor: null })).to.deep.equal({ cursor: null });
    expect(checkState({ cursor: { a: [1, 2], h: null } })).to.deep.equal({ cursor: { a: [1, 2], h: null } });
    // A name in awareness is never read: what is kept is the cursor alone.
    expect(checkState({ cursor: null, name: 'The Boss' })).to.deep.equal({ cursor: null });
    expect(checkState({ cursor: { a: [-1, 2], h: null } })).to.equal(undefined);
    expect(checkState({ cursor: { a: 'x', h: null } })).to.equal(undefined);
    expect(checkState([1])).to.equal(undefined);
    expect(checkState('hi')).to.equal(undefined);
  });
});
