#!/usr/bin/env node
// `npm test`: lint, type check, build, server tests (node's test runner), browser tests
// (web-test-runner in Chromium) and end-to-end tests, against a real livekit-server.
// Ends with one closing line: `N passed, N failed`.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { ChromiumNotFoundError, findChromium } from './lib/chromium.mjs';
import { LivekitNotFoundError, findLivekitServer } from './lib/livekit.mjs';
import { ensureDependencies, findFiles, root } from './lib/workspace.mjs';

const only = new Set(process.argv.slice(2));
const want = (stage) => only.size === 0 || only.has(stage);

function bold(text) {
  return process.stdout.isTTY ? `\x1b[1m${text}\x1b[0m` : text;
}

function preflight() {
  const problems = [];
  console.log(`Node:           ${process.version}`);
  try {
    const chromium = findChromium();
    console.log(`Chromium:       ${chromium}`);
  } catch (error) {
    problems.push(error instanceof ChromiumNotFoundError ? error.message : String(error.message ?? error));
  }
  try {
    const livekit = findLivekitServer({ install: true, log: (line) => console.log(line) });
    console.log(`livekit-server: ${livekit}`);
  } catch (error) {
    problems.push(error instanceof LivekitNotFoundError ? error.message : String(error.message ?? error));
  }
  if (problems.length) {
    console.error(`\nnpm test cannot run:\n\n${problems.join('\n\n')}\n`);
    console.log('0 passed, 1 failed');
    process.exit(1);
  }
}

/** Runs a command, streaming its output; resolves with exit code and captured output. */
function run(command, args, { capture = false } = {}) {
  return new Promise((resolve) => {
    const child = spawn(command, args, {
      cwd: root,
      stdio: ['ignore', capture ? 'pipe' : 'inherit', capture ? 'pipe' : 'inherit'],
      env: { ...process.env, FORCE_COLOR: process.stdout.isTTY ? '1' : '0' },
    });
    let output = '';
    if (capture) {
      child.stdout.on('data', (chunk) => {
        output += chunk;
        process.stdout.write(chunk);
      });
      child.stderr.on('data', (chunk) => {
        output += chunk;
        process.stderr.write(chunk);
      });
    }
    child.on('exit', (code, signal) => resolve({ code: code ?? (signal ? 1 : 0), output }));
  });
}

const bin = (name) => join(root, 'node_modules', '.bin', name);
const tapDir = mkdtempSync(join(tmpdir(), 'convene-test-'));

/** node --test with the spec reporter on screen and TAP in a file for the counts. */
async function nodeTests(name, files) {
  if (files.length === 0) {
    console.error(`no ${name} test files found`);
    return { passed: 0, failed: 1, skipped: 0 };
  }
  const tap = join(tapDir, `${name}.tap`);
  const { code } = await run(process.execPath, [
    // Workspace packages resolve to their TypeScript sources, never to a stale build.
    '--conditions=convene:source',
    '--import',
    'tsx',
    '--test',
    '--test-timeout=180000',
    '--test-reporter=spec',
    '--test-reporter-destination=stdout',
    '--test-reporter=tap',
    `--test-reporter-destination=${tap}`,
    ...files,
  ]);
  const text = readFileSync(tap, 'utf8');
  const count = (key) => Number(text.match(new RegExp(`^# ${key} (\\d+)$`, 'm'))?.[1] ?? 0);
  const passed = count('pass');
  const failed = count('fail') + count('cancelled');
  return {
    passed,
    failed: code !== 0 && failed === 0 ? 1 : failed,
    skipped: count('skipped') + count('todo'),
    failures: tapFailures(text),
  };
}

/**
 * The failed tests in node's TAP, as "suite > test (file:line)": the leaves only (a suite fails
 * with its test), so the summary names what to look at even when only the end of a log is kept.
 */
function tapFailures(text) {
  const failures = [];
  const names = [];
  const failedBelow = new Set();
  const lines = text.split('\n');
  lines.forEach((line, index) => {
    const subtest = line.match(/^( *)# Subtest: (.*)$/);
    if (subtest) {
      const depth = subtest[1].length / 4;
      names.length = depth;
      names[depth] = subtest[2];
      return;
    }
    const result = line.match(/^( *)(not ok|ok) \d+ - (.*?)(?: # .*)?$/);
    if (!result) return;
    const depth = result[1].length / 4;
    if (result[2] === 'not ok') {
      if (!failedBelow.has(depth + 1)) {
        const location = lines
          .slice(index + 1, index + 30)
          .find((l) => /^\s+location: /.test(l))
          ?.match(/location: '(.*)'/)?.[1];
        const where = location ? ` (${relative(root, location.replace(/^file:\/\//, ''))})` : '';
        failures.push(`${[...names.slice(0, depth), result[3]].join(' > ')}${where}`);
      }
      failedBelow.add(depth);
    }
    failedBelow.delete(depth + 1);
  });
  return failures;
}

async function webTests() {
  const { code, output } = await run(bin('web-test-runner'), [], { capture: true });
  // eslint-disable-next-line no-control-regex
  const plain = output.replace(/\x1b\[[0-9;]*[A-Za-z]/g, '');
  const matches = [...plain.matchAll(/(\d+) passed, (\d+) failed(?:, (\d+) skipped)?/g)];
  const last = matches.at(-1);
  const passed = Number(last?.[1] ?? 0);
  const failed = Number(last?.[2] ?? 0);
  // Each failure is printed as " ❌ suite > test" under its file's name.
  const failures = [];
  let file = '';
  for (const line of plain.split('\n')) {
    const header = line.match(/^\s*(\S+\.test\.[jt]s):\s*$/);
    if (header) file = header[1];
    const failure = line.match(/^\s*❌ (.*)$/);
    if (failure) failures.push(`${failure[1].trim()}${file ? ` (${file})` : ''}`);
  }
  return {
    passed,
    failed: code !== 0 && failed === 0 ? 1 : failed,
    skipped: Number(last?.[3] ?? 0),
    failures: [...new Set(failures)],
  };
}

async function check(command, args) {
  const { code } = await run(command, args);
  return { passed: code === 0 ? 1 : 0, failed: code === 0 ? 0 : 1, skipped: 0 };
}

const stages = [
  [
    'lint',
    'ESLint and Prettier',
    async () => ({
      eslint: await check(bin('eslint'), ['.']),
      prettier: await check(bin('prettier'), ['--check', '.']),
    }),
  ],
  ['typecheck', 'TypeScript', () => check('npm', ['run', '--silent', 'typecheck'])],
  [
    'build',
    'builds (rollup, Storybook)',
    async () => ({
      packages: await check('npm', ['run', '--silent', 'build']),
      storybook: await check('npm', ['run', '--silent', 'build-storybook']),
    }),
  ],
  [
    'server',
    'server and React SSR tests (node --test)',
    () =>
      nodeTests('server', [
        ...findFiles('packages/server/test', '.test.ts'),
        ...findFiles('packages/react/test', '.test.ts'),
      ]),
  ],
  ['browser', 'browser tests (web-test-runner, Chromium)', () => webTests()],
  ['e2e', 'end-to-end tests (node --test, Chromium)', () => nodeTests('e2e', findFiles('test/e2e', '.test.ts'))],
];

ensureDependencies();
preflight();
const results = [];
const started = Date.now();
for (const [key, title, stage] of stages) {
  if (!want(key)) continue;
  console.log(`\n${bold(`── ${title} ──`)}`);
  const t0 = Date.now();
  let result = await stage();
  if (!('passed' in result)) {
    result = Object.values(result).reduce(
      (sum, r) => ({ passed: sum.passed + r.passed, failed: sum.failed + r.failed, skipped: sum.skipped + r.skipped }),
      { passed: 0, failed: 0, skipped: 0 },
    );
  }
  results.push({ key, title, ...result, seconds: (Date.now() - t0) / 1000 });
}
rmSync(tapDir, { recursive: true, force: true });

console.log(`\n${bold('── summary ──')}`);
for (const r of results) {
  const mark = r.failed ? 'FAIL' : 'ok  ';
  console.log(
    `${mark} ${r.title.padEnd(44)} ${String(r.passed).padStart(4)} passed ${String(r.failed).padStart(3)} failed` +
      `${r.skipped ? ` ${r.skipped} skipped` : ''}  ${r.seconds.toFixed(1)} s`,
  );
}
const total = results.reduce(
  (sum, r) => ({ passed: sum.passed + r.passed, failed: sum.failed + r.failed, skipped: sum.skipped + r.skipped }),
  {
    passed: 0,
    failed: 0,
    skipped: 0,
  },
);
const failures = results.flatMap((r) => (r.failures ?? []).map((name) => `${r.key}: ${name}`));
if (failures.length) {
  console.log(`\nfailed:`);
  for (const name of failures.slice(0, 30)) console.log(`  ✗ ${name}`);
  if (failures.length > 30) console.log(`  … and ${failures.length - 30} more`);
}
console.log(`(${((Date.now() - started) / 1000).toFixed(0)} s in all)`);
console.log(`${total.passed} passed, ${total.failed} failed${total.skipped ? `, ${total.skipped} skipped` : ''}`);
process.exit(total.failed ? 1 : 0);
