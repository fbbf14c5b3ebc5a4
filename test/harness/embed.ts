/**
 * The built script-tag embed, `packages/elements/dist/convene.js` (from `npm run build`), for tests
 * whose page loads `convene.js` from the Convene server as a host site's page does
 * (`startStack({ elementsDir: builtEmbed() })`). `npm test` builds before its end-to-end tests.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { root } from '../../scripts/lib/workspace.mjs';

const DIST = join(root, 'packages', 'elements', 'dist');
/** What the bundle is built from: the elements and the wire contract they import. */
const SOURCES = [join(root, 'packages', 'elements', 'src'), join(root, 'packages', 'server', 'src', 'contract')];

/**
 * The folder holding the built `convene.js` and its chunks. Throws when there is none; warns (on
 * stderr) when a source file is newer than the build, since the page would then run old code.
 */
export function builtEmbed(): string {
  const file = join(DIST, 'convene.js');
  if (!existsSync(file)) {
    throw new Error('packages/elements/dist/convene.js is missing: run `npm run build`, then run the tests again.');
  }
  const built = statSync(file).mtimeMs;
  const newer = SOURCES.flatMap((dir) =>
    readdirSync(dir, { recursive: true, encoding: 'utf8' })
      .filter((name) => /\.ts$/.test(name) && !/\.(test|stories)\.ts$/.test(name))
      .map((name) => join(dir, name))
      .filter((path) => statSync(path).mtimeMs > built),
  );
  if (newer.length > 0) {
    console.warn(
      `packages/elements/dist/convene.js is older than ${newer
        .slice(0, 3)
        .map((path) => relative(root, path))
        .join(
          ', ',
        )}${newer.length > 3 ? ` and ${newer.length - 3} more` : ''}: run \`npm run build\` to test the current code.`,
    );
  }
  return DIST;
}
