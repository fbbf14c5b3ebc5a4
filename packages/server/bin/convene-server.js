#!/usr/bin/env node
// The `convene-server` command. A committed file rather than dist/cli.js itself, so that npm links
// the command in a fresh checkout, where `npm ci` runs before the build has made dist/.
import { existsSync } from 'node:fs';

const cli = new URL('../dist/cli.js', import.meta.url);
if (!existsSync(cli)) {
  console.error(
    'convene-server: @convene/server is not built yet (its dist/cli.js is missing).\n' +
      'In a checkout of Convene, run `npm run build` first, then this command again.',
  );
  process.exit(1);
}
await import(cli.href);
