/**
 * The built-in kinds: each element loads in its own chunk, only when a room has it. Their settings
 * are checked by the wire contract's `checkBuiltinSettings`, the same checks the server's config
 * schema wraps, so the page accepts and refuses what the server does; the kinds that keep state
 * under fixed LiveKit names are `once` per room (`ONCE_PER_ROOM`, which the server checks too).
 * `defineBuiltinFurniture()` adds them (the panel calls it), keeping any kind a page defined first.
 * The video bridge is not among them: it is the room's stage, never a tab (see `STAGE_KIND`).
 */
import { checkBuiltinSettings, describeIssues, ONCE_PER_ROOM, type BuiltinKind } from '@convene/server/contract';
import { defineFurniture, furnitureDefinition, type FurnitureDefinition, type SettingsSchema } from './registry.js';
import { kindLabel } from './labels.js';
import { notesTab, pollTab } from '../i18n/furniture-strings.js';
import { addSection, stringsFor } from '../i18n/strings.js';

/** The poll's tab label (its own section, like its other entries: see `pollTab`). */
function pollLabel(lang: string): string {
  addSection(pollTab);
  return (stringsFor(lang) as unknown as typeof pollTab.en).pollLabel;
}

/** The notes' tab label (their own section too: see `notesTab`). */
function notesLabel(lang: string): string {
  addSection(notesTab);
  return (stringsFor(lang) as unknown as typeof notesTab.en).notesLabel;
}

/** The contract's check of a built-in kind's settings, in the registry's `safeParse` shape. */
function settingsOf(kind: BuiltinKind): SettingsSchema {
  return {
    safeParse(input) {
      const result = checkBuiltinSettings(kind, input);
      return result.success
        ? { success: true, data: result.data as Record<string, unknown> }
        : { success: false, error: new Error(describeIssues(result.issues)) };
    },
  };
}

const loaders: Record<Exclude<BuiltinKind, 'video-bridge'>, () => Promise<string>> = {
  chat: () => import('./kinds/convene-furniture-chat.js').then((m) => m.tag),
  markdown: () => import('./kinds/convene-furniture-markdown.js').then((m) => m.tag),
  'hand-raise': () => import('./kinds/convene-furniture-hand-raise.js').then((m) => m.tag),
  spotlight: () => import('./kinds/convene-furniture-spotlight.js').then((m) => m.tag),
  embed: () => import('./kinds/convene-furniture-embed.js').then((m) => m.tag),
  'breakout-tables': () => import('./kinds/convene-furniture-breakout-tables.js').then((m) => m.tag),
  poll: () => import('./kinds/convene-furniture-poll.js').then((m) => m.tag),
  notes: () => import('./kinds/convene-furniture-notes.js').then((m) => m.tag),
};

/** Adds the built-in kinds to the registry, except any the page has already defined. */
export function defineBuiltinFurniture(): void {
  for (const [kind, element] of Object.entries(loaders) as [keyof typeof loaders, () => Promise<string>][]) {
    if (furnitureDefinition(kind)) continue;
    const definition: FurnitureDefinition = {
      element,
      settings: settingsOf(kind),
      label: (lang) =>
        kind === 'poll' ? pollLabel(lang) : kind === 'notes' ? notesLabel(lang) : kindLabel(kind, lang),
      once: ONCE_PER_ROOM.includes(kind),
    };
    defineFurniture(kind, definition);
  }
}
