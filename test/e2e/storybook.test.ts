/**
 * Every Storybook story, rendered from the built Storybook (`npm run build-storybook`) in
 * Chromium, passes axe: the states people can meet are accessible, not only the happy path.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import express from 'express';
import { root } from '../../scripts/lib/workspace.mjs';
import { launchChromium } from '../harness/index.js';

const STATIC = join(root, 'storybook-static');
const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

interface AxeViolation {
  id: string;
  help: string;
  nodes: { target: unknown[] }[];
}

describe('Storybook', () => {
  it('every story passes axe', async () => {
    assert.ok(existsSync(join(STATIC, 'index.json')), 'storybook-static is missing: run `npm run build-storybook`');
    const index = JSON.parse(readFileSync(join(STATIC, 'index.json'), 'utf8')) as {
      entries: Record<string, { id: string; type: string; title: string; name: string }>;
    };
    const stories = Object.values(index.entries).filter((entry) => entry.type === 'story');
    assert.ok(stories.length >= 10, `expected the stories of every element, found ${stories.length}`);

    const app = express().use(express.static(STATIC));
    const server = await new Promise<Server>((resolve) => {
      const s = app.listen(0, '127.0.0.1', () => resolve(s));
    });
    after(() => server.close());
    const { port } = server.address() as { port: number };
    const browser = await launchChromium();
    const page = await browser.newPage();
    const problems: string[] = [];
    for (const story of stories) {
      await page.goto(`http://127.0.0.1:${port}/iframe.html?id=${story.id}&viewMode=story`);
      // Rendered: the story's root has content, and every Convene element in it has finished updating.
      await page
        .waitForFunction(() => (document.querySelector('#storybook-root')?.childElementCount ?? 0) > 0, {
          timeout: 20_000,
          polling: 100,
        })
        .catch(() => assert.fail(`${story.title} / ${story.name} rendered nothing within 20 s`));
      await page.evaluate(async () => {
        const elements = [...document.querySelectorAll('#storybook-root *')].filter((el) =>
          customElements.get(el.localName),
        );
        await Promise.all(elements.map((el) => (el as Element & { updateComplete?: Promise<unknown> }).updateComplete));
        await new Promise((r) => requestAnimationFrame(() => r(null)));
      });
      await page.addScriptTag({ path: axePath });
      const violations = (await page.evaluate(async () => {
        const result = await (window as any).axe.run(document.querySelector('#storybook-root'), {
          resultTypes: ['violations'],
        });
        return result.violations;
      })) as AxeViolation[];
      for (const v of violations) {
        problems.push(
          `${story.title} / ${story.name}: ${v.id} (${v.help}) at ${JSON.stringify(v.nodes.map((n) => n.target))}`,
        );
      }
    }
    assert.deepEqual(problems, [], `axe found problems in ${problems.length} place(s)`);
  });
});
