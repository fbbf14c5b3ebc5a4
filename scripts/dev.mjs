#!/usr/bin/env node
// `npm run dev`: rebuilds every package on change (rollup --watch), with a quick unminified embed.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { ensureDependencies, root } from './lib/workspace.mjs';

ensureDependencies();
const rollup = join(root, 'node_modules', '.bin', 'rollup');
const children = ['server', 'elements', 'react'].map((pkg) =>
  spawn(rollup, ['-c', '--watch', '--no-watch.clearScreen'], {
    cwd: join(root, 'packages', pkg),
    stdio: 'inherit',
    env: { ...process.env, NODE_ENV: 'development' },
  }),
);
console.log('Watching packages/server, packages/elements and packages/react; Ctrl-C stops.');
const stop = () => {
  for (const child of children) child.kill('SIGTERM');
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
