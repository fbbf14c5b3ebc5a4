/**
 * The notes' editor, as plain functions of text: the smallest edit between two versions of the
 * textarea (what goes into the shared Y.Text), where a selection moves when others edit, what Enter
 * and Tab do in Markdown lists, and the light highlighting drawn behind the textarea (line by line:
 * headings, list markers, checkboxes, quotes; colours only, so that every glyph keeps its width and
 * the highlighting lines up with the text typed over it).
 */

/** One edit: delete `remove` characters at `index`, then insert `insert` there. */
export interface TextEdit {
  index: number;
  remove: number;
  insert: string;
}

const isHigh = (code: number) => code >= 0xd800 && code <= 0xdbff;
const isLow = (code: number) => code >= 0xdc00 && code <= 0xdfff;

/**
 * The one edit that turns `before` into `after` (their common prefix and suffix kept), or
 * `undefined` when they are the same. Never splits a surrogate pair (an emoji stays whole).
 */
export function diffText(before: string, after: string): TextEdit | undefined {
  if (before === after) return undefined;
  let start = 0;
  const shorter = Math.min(before.length, after.length);
  while (start < shorter && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  if (start > 0 && isHigh(before.charCodeAt(start - 1))) start--;
  let endBefore = before.length;
  let endAfter = after.length;
  while (endBefore > start && endAfter > start && before.charCodeAt(endBefore - 1) === after.charCodeAt(endAfter - 1)) {
    endBefore--;
    endAfter--;
  }
  if (endBefore < before.length && isLow(before.charCodeAt(endBefore)) && endBefore > start) {
    endBefore++;
    endAfter++;
  }
  return { index: start, remove: endBefore - start, insert: after.slice(start, endAfter) };
}

/** A change as Yjs describes it (a Y.Text event's `delta`). */
export type Delta = readonly { retain?: number; insert?: unknown; delete?: number }[];

/** Where position `at` of the old text is after `delta` (an insert exactly at `at` goes after it: the caret stays put). */
export function mapThrough(at: number, delta: Delta): number {
  let index = 0;
  let shift = 0;
  for (const op of delta) {
    if (index > at) break;
    if (op.retain) index += op.retain;
    else if (op.delete) {
      shift -= Math.max(0, Math.min(op.delete, at - index));
      index += op.delete;
    } else if (typeof op.insert === 'string' && index < at) shift += op.insert.length;
  }
  return at + shift;
}

/** What Enter or Tab does in the editor: the text's new value and selection, or `undefined` to let the browser act. */
export interface KeyResult {
  edit: TextEdit;
  selection: number;
}

/** `  - [ ] ` / `1. ` / `> `: a list line's indent, marker and checkbox. */
const LIST = /^(\s*)([-*+]|(\d{1,9})([.)]))(\s+)(\[[ xX]\]\s+)?/;
const QUOTE = /^(\s*>\s?)/;
export const INDENT = '  ';

/** Enter at `caret` (no selection): continues a list (the next number, an unchecked box) or ends it on an empty item. */
export function enterAt(text: string, caret: number): KeyResult | undefined {
  const lineStart = text.lastIndexOf('\n', caret - 1) + 1;
  const line = text.slice(lineStart, caret);
  const list = LIST.exec(line);
  const quote = list ? null : QUOTE.exec(line);
  const marker = list?.[0] ?? quote?.[0];
  if (!marker) return undefined;
  const lineEnd = text.indexOf('\n', caret);
  const rest = text.slice(caret, lineEnd === -1 ? text.length : lineEnd);
  if (line.length === marker.length && rest.trim() === '') {
    // Enter on an empty item ends the list: the marker goes, the line stays.
    return { edit: { index: lineStart, remove: marker.length, insert: '' }, selection: lineStart };
  }
  let next = marker;
  if (list) {
    const [, indent = '', bullet = '', number, dot = '', space = '', box] = list;
    const lead = number ? `${Number(number) + 1}${dot}` : bullet;
    next = `${indent}${lead}${space}${box ? '[ ] ' : ''}`;
  }
  const insert = `\n${next}`;
  return { edit: { index: caret, remove: 0, insert }, selection: caret + insert.length };
}

/**
 * Tab (`outdent`: Shift+Tab) on the lines the selection `[from, to]` touches: two spaces more or
 * fewer at each line's start. The new selection keeps the same text selected.
 */
export function indentLines(
  text: string,
  from: number,
  to: number,
  outdent: boolean,
): { edit: TextEdit; from: number; to: number } | undefined {
  const start = text.lastIndexOf('\n', from - 1) + 1;
  const endOfLine = text.indexOf('\n', to > from && text[to - 1] === '\n' ? to - 1 : to);
  const end = endOfLine === -1 ? text.length : endOfLine;
  const lines = text.slice(start, end).split('\n');
  let newFrom = from;
  let newTo = to;
  let offset = start;
  const changed = lines.map((line) => {
    const lineAt = offset;
    offset += line.length + 1;
    if (!outdent) {
      if (lineAt <= from) newFrom += INDENT.length;
      newTo += INDENT.length;
      return INDENT + line;
    }
    const spaces = /^ {1,2}|^\t/.exec(line)?.[0].length ?? 0;
    if (lineAt < from) newFrom -= Math.min(spaces, from - lineAt);
    newTo -= Math.min(spaces, Math.max(0, to - lineAt));
    return line.slice(spaces);
  });
  const insert = changed.join('\n');
  if (insert === text.slice(start, end)) return undefined;
  return { edit: { index: start, remove: end - start, insert }, from: Math.max(start, newFrom), to: newTo };
}

/** A run of text drawn behind the textarea: its classes (`md-h`, `md-mark`, `md-box`, `md-done`, `md-quote`) and any remote selection over it. */
export interface Run {
  text: string;
  classes: string;
  /** The colour of a remote selection over this run. */
  selected?: string | undefined;
}
/** A remote caret drawn at this point. */
export interface Caret {
  caret: { name: string; color: string; identity: string };
}
export type Piece = Run | Caret;

/** Another person's place in the text: caret `head`, and selection from `anchor` to `head`. */
export interface RemoteCursor {
  identity: string;
  name: string;
  color: string;
  anchor: number;
  head: number;
}

/** The Markdown classes of one line, as ranges within it. */
function lineRanges(line: string): { from: number; to: number; classes: string }[] {
  const heading = /^(#{1,6})(\s|$)/.exec(line);
  if (heading) {
    return [
      { from: 0, to: heading[1]!.length, classes: 'md-h md-mark' },
      { from: heading[1]!.length, to: line.length, classes: 'md-h' },
    ];
  }
  const list = LIST.exec(line);
  if (list) {
    const markerEnd = list[1]!.length + list[2]!.length;
    const ranges = [{ from: list[1]!.length, to: markerEnd, classes: 'md-mark' }];
    const box = list[6];
    if (box) {
      const boxStart = list[0].length - box.length;
      ranges.push({ from: boxStart, to: boxStart + 3, classes: 'md-box' });
      if (/x/i.test(box)) ranges.push({ from: list[0].length, to: line.length, classes: 'md-done' });
    }
    return ranges;
  }
  const quote = QUOTE.exec(line);
  if (quote) return [{ from: 0, to: line.length, classes: 'md-quote' }];
  return [];
}

/**
 * The text as runs and carets, for the highlighting behind the textarea: Markdown's line classes,
 * with others' selections and carets laid over them. Every character of `text` is in exactly one
 * run, in order, so that the drawn text lines up with the typed text.
 */
export function highlight(text: string, cursors: readonly RemoteCursor[] = []): Piece[] {
  const pieces: Piece[] = [];
  const carets = [...cursors].sort((a, b) => a.head - b.head);
  const selections = cursors
    .filter((c) => c.anchor !== c.head)
    .map((c) => ({ from: Math.min(c.anchor, c.head), to: Math.max(c.anchor, c.head), color: c.color }));
  let lineStart = 0;
  let caretIndex = 0;
  const pushCarets = (upTo: number) => {
    while (caretIndex < carets.length && carets[caretIndex]!.head <= upTo) {
      const { name, color, identity } = carets[caretIndex++]!;
      pieces.push({ caret: { name, color, identity } });
    }
  };
  for (const line of text.split('\n')) {
    const ranges = lineRanges(line);
    const cuts = new Set<number>([0, line.length]);
    for (const r of ranges) cuts.add(r.from).add(r.to);
    for (const s of selections) {
      if (s.from > lineStart && s.from < lineStart + line.length) cuts.add(s.from - lineStart);
      if (s.to > lineStart && s.to < lineStart + line.length) cuts.add(s.to - lineStart);
    }
    for (const c of carets) {
      if (c.head > lineStart && c.head < lineStart + line.length) cuts.add(c.head - lineStart);
    }
    const points = [...cuts].sort((a, b) => a - b);
    for (let i = 0; i < points.length - 1; i++) {
      const from = points[i]!;
      const to = points[i + 1]!;
      if (from === to) continue;
      pushCarets(lineStart + from);
      const classes = ranges
        .filter((r) => r.from <= from && r.to >= to)
        .map((r) => r.classes)
        .join(' ');
      const selected = selections.find((s) => s.from <= lineStart + from && s.to >= lineStart + to)?.color;
      pieces.push({ text: line.slice(from, to), classes, selected });
    }
    pushCarets(lineStart + line.length);
    lineStart += line.length + 1;
    pieces.push({ text: '\n', classes: '' });
  }
  pieces.pop();
  pushCarets(Number.POSITIVE_INFINITY);
  return pieces;
}

/** A person's colour, the same on every page: one of eight that read on light and dark surfaces. */
export function colorOf(identity: string): string {
  const palette = ['#c2410c', '#1d4ed8', '#15803d', '#a21caf', '#b45309', '#0e7490', '#be123c', '#4d7c0f'];
  let hash = 0;
  for (let i = 0; i < identity.length; i++) hash = (hash * 31 + identity.charCodeAt(i)) >>> 0;
  return palette[hash % palette.length]!;
}
