/**
 * The React wrappers cannot drift from the elements: every element in custom-elements.json has a
 * wrapper, and every event it documents (`@fires`) is an `on*` prop, and no prop names an event
 * the element does not fire. Needs the elements' build (`npm run build`), which makes the manifest.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import { root } from '../../../scripts/lib/workspace.mjs';
import { wrappers } from '@convene/react';

interface Manifest {
  modules: {
    declarations?: {
      tagName?: string;
      customElement?: boolean;
      events?: { name: string }[];
      members?: { kind: string; name: string; description?: string }[];
    }[];
  }[];
}

/** `convene-participant-joined` → `onParticipantJoined` */
function propFor(event: string): string {
  return `on${event
    .replace(/^convene-/, '')
    .split('-')
    .map((word) => word[0]!.toUpperCase() + word.slice(1))
    .join('')}`;
}

/** The elements a page places itself; each needs a React wrapper. (Furniture kinds are placed by these.) */
const PAGE_ELEMENTS = ['convene-space', 'convene-room', 'convene-furniture'];

test('every page element and each event it fires has its React wrapper and prop', () => {
  const file = `${root}/packages/elements/custom-elements.json`;
  assert.ok(existsSync(file), 'packages/elements/custom-elements.json is missing: run `npm run build`');
  const manifest = JSON.parse(readFileSync(file, 'utf8')) as Manifest;
  const elements = new Map(
    manifest.modules
      .flatMap((m) => m.declarations ?? [])
      .filter((d) => d.customElement && d.tagName)
      .map((d) => [d.tagName as string, d]),
  );
  for (const tag of PAGE_ELEMENTS)
    assert.ok(tag in wrappers, `<${tag}> has no React wrapper in packages/react/src/index.ts`);
  for (const [tag, events] of Object.entries(wrappers)) {
    const element = elements.get(tag);
    assert.ok(element, `the wrapper for <${tag}> names an element the manifest does not list`);
    const documented = new Map((element.events ?? []).map((e) => [propFor(e.name), e.name]));
    const mapped = new Map(Object.entries(events));
    for (const [prop, event] of documented)
      assert.equal(mapped.get(prop), event, `<${tag}> fires ${event}: add ${prop}`);
    for (const [prop, event] of mapped)
      assert.ok(documented.has(prop), `${prop} maps ${event}, which <${tag}> does not fire`);
  }
});

test('the member-pass properties the wrappers pass through are documented on the space and the room', () => {
  const manifest = JSON.parse(readFileSync(`${root}/packages/elements/custom-elements.json`, 'utf8')) as Manifest;
  for (const tag of ['convene-space', 'convene-room']) {
    const element = manifest.modules.flatMap((m) => m.declarations ?? []).find((d) => d.tagName === tag);
    for (const name of ['pass', 'passProvider', 'passUrl']) {
      const member = element?.members?.find((m) => m.kind === 'field' && m.name === name);
      assert.ok(member?.description, `<${tag}>'s ${name} is not documented in custom-elements.json`);
    }
  }
});
