// A co-op's own furniture kind: who makes the tea this week. Loaded by the page after convene.js.
import { defineFurniture } from '/convene/convene.js';

/** The settings: `{ people: ["Ada", "Bea", ...] }`. Anything with `safeParse` will do (a zod schema too). */
export const teaRotaSettings = {
  safeParse(input) {
    const people = input?.people;
    const ok =
      Array.isArray(people) && people.length > 0 && people.every((p) => typeof p === 'string' && p.length <= 60);
    return ok ? { success: true, data: { people } } : { success: false, error: new Error('people: a list of names') };
  },
};

class TeaRota extends HTMLElement {
  // The panel sets `settings` (checked) and `room` (livekit-client's Room) on the element.
  set settings({ people }) {
    const week = Math.floor(Date.now() / (7 * 24 * 3600 * 1000));
    const p = document.createElement('p');
    p.textContent = `This week ${people[week % people.length]} makes the tea.`; // text, never HTML
    this.replaceChildren(p);
  }
}

defineFurniture('tea-rota', { element: TeaRota, settings: teaRotaSettings, label: 'Tea rota' });
