/**
 * Notes: a keystroke's sync time A→B (A's edit to the shared Y.Text, sent by the notes' provider,
 * checked and applied at B) against a raw `sendText` A→B, same run, same livekit-server, runs
 * alternating; medians compared. (The notes kind's size is in furniture.bench.ts, with the others'.)
 * `npm run bench notes` runs this alone.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { median, timeAToB, type BenchRow } from './lib.js';

const kinds = join(dirname(fileURLToPath(import.meta.url)), '..', 'packages', 'elements', 'src', 'furniture', 'kinds');
const RUNS = Number(process.env.NOTES_RUNS ?? 21);

/** Each participant with the notes' provider; B notes when each keystroke shows in its text. */
const SETUP = `async ({ a, b, arrivals }) => {
  const notesA = new ConveneNotesBench.NotesProvider(a);
  const notesB = new ConveneNotesBench.NotesProvider(b);
  notesB.text.observe(() => {
    const text = notesB.text.toString();
    const key = text.slice(text.lastIndexOf('|') + 1);
    if (key && !arrivals.has(key)) arrivals.set(key, performance.now());
  });
  // Until B has A's document (and both know each other), nothing is timed.
  const deadline = performance.now() + 10000;
  notesA.text.insert(0, 'ready');
  while (notesB.text.toString() !== 'ready') {
    if (performance.now() > deadline) throw new Error('the notes never synced');
    await new Promise((r) => setTimeout(r, 10));
  }
  return {
    send: (key) => notesA.text.insert(notesA.text.length, '|' + key),
    leave: () => {
      notesA.dispose();
      notesB.dispose();
    },
  };
}`;

export default async function notesBench(): Promise<BenchRow[]> {
  const result = await build({
    entryPoints: [join(kinds, 'notes-provider.ts')],
    bundle: true,
    minify: true,
    format: 'iife',
    globalName: 'ConveneNotesBench',
    write: false,
    target: 'es2022',
    conditions: ['convene:source', 'browser'],
    legalComments: 'none',
  });
  const times = await timeAToB({
    kind: 'notes',
    script: result.outputFiles[0]!.text,
    setup: SETUP,
    runs: RUNS,
    // A typist's pace, well under the provider's rate per sender.
    pauseMs: 150,
    key: (kind, i) => `${kind}${i}`,
  });
  const notesMs = median(times.notes!);
  const rawMs = median(times.raw!);
  return [
    {
      group: 'furniture notes',
      name: 'notes keystroke A→B (Yjs update, checked and applied)',
      value: notesMs,
      unit: 'ms',
      detail: `median of ${RUNS}; ${(notesMs / rawMs).toFixed(2)}× raw`,
    },
    { group: 'furniture notes', name: 'raw sendText A→B', value: rawMs, unit: 'ms', detail: `median of ${RUNS}` },
  ];
}
