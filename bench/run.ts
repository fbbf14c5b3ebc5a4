/**
 * `npm run bench`: runs every `bench/*.bench.ts` (or those named on the command line), prints one
 * table of figures, and exits non-zero when a budget is broken.
 */
import { readdirSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { withinBudget, type Bench, type BenchRow } from './lib.js';

const here = dirname(fileURLToPath(import.meta.url));
const only = process.argv.slice(2);
const files = readdirSync(here)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => only.length === 0 || only.some((name) => f.startsWith(name)))
  .sort();

const rows: BenchRow[] = [];
let failedToRun = 0;
for (const file of files) {
  const name = basename(file, '.bench.ts');
  process.stderr.write(`bench: ${name}…\n`);
  try {
    const mod = (await import(pathToFileURL(join(here, file)).href)) as { default: Bench };
    rows.push(...(await mod.default()));
  } catch (error) {
    failedToRun++;
    console.error(`bench: ${name} failed to run:`, error);
  }
}

function format(value: number, unit: string): string {
  if (unit === 'B') {
    // Decimal units, as the budgets are written (30 kB = 30,000 bytes).
    if (value >= 1_000_000) return `${(value / 1_000_000).toFixed(2)} MB`;
    if (value >= 1000) return `${(value / 1000).toFixed(1)} kB`;
    return `${value} B`;
  }
  const digits = Math.abs(value) >= 100 ? 0 : Math.abs(value) >= 10 ? 1 : 2;
  return `${value.toFixed(digits)} ${unit}`.trim();
}

const table = rows.map((row) => {
  const ok = withinBudget(row);
  return {
    group: row.group,
    name: row.name,
    value: format(row.value, row.unit),
    budget: row.budget ? `${row.budget.label} ${ok ? 'ok' : 'BROKEN'}` : '',
    detail: row.detail ?? '',
    ok,
  };
});
const widths = ['group', 'name', 'value', 'budget'].map((key) =>
  Math.max(key.length, ...table.map((r) => String(r[key as keyof typeof r]).length)),
);
const line = (cells: string[]) =>
  cells.map((c, i) => (i < widths.length ? c.padEnd(widths[i] as number) : c)).join('  ');
console.log(line(['group', 'name', 'value', 'budget', 'detail']));
console.log(line(widths.map((w) => '-'.repeat(w)).concat('------')));
for (const r of table) console.log(line([r.group, r.name, r.value, r.budget, r.detail]));

const broken = table.filter((r) => !r.ok);
if (broken.length > 0 || failedToRun > 0) {
  console.error(
    `\nbench: ${broken.length} budget(s) broken${broken.length ? `: ${broken.map((r) => `${r.group}/${r.name}`).join(', ')}` : ''}` +
      (failedToRun ? `; ${failedToRun} bench module(s) failed to run` : ''),
  );
  process.exit(1);
}
console.log(`\nbench: ${rows.length} figures, every budget kept`);
