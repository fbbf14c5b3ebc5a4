// A co-op's own furniture kind: whose turn it is to make the tea this week, and who has the kettle
// on right now (shared with everyone in the room). Loaded by the page after convene.js.
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

// Shared state: a LiveKit participant attribute, so people who come in later see it too.
const KETTLE = 'tea-rota.kettle';
const WEEK = 7 * 24 * 3600 * 1000;

class TeaRota extends HTMLElement {
  #people = [];
  #room;
  #update = () => this.#show();
  #turn = document.createElement('p');
  #kettle = document.createElement('p');
  #button = Object.assign(document.createElement('button'), { type: 'button', hidden: true });

  constructor() {
    super();
    const style = document.createElement('style');
    // The room's --convene-* custom properties reach inside, so the kind matches any theme.
    style.textContent = `button { font: inherit; padding: .375rem .75rem; border: 0; cursor: pointer;
      border-radius: var(--convene-radius, .5rem); background: var(--convene-color-accent, #2453d6);
      color: var(--convene-color-on-accent, #fff); } button[hidden] { display: none; }`;
    this.#kettle.setAttribute('role', 'status');
    this.#button.addEventListener('click', () => void this.#toggleKettle());
    this.attachShadow({ mode: 'open' }).append(style, this.#turn, this.#kettle, this.#button);
  }

  // The panel sets `settings` (already checked) and `room` (livekit-client's Room, again after a rejoin).
  set settings({ people }) {
    this.#people = people;
    this.#show();
  }
  set room(room) {
    if (room === this.#room) return;
    const events = ['participantAttributesChanged', 'participantConnected', 'participantDisconnected'];
    for (const event of events) this.#room?.off(event, this.#update);
    this.#room = room;
    for (const event of events) room?.on(event, this.#update);
    this.#show();
  }

  async #toggleKettle() {
    const me = this.#room?.localParticipant;
    await me?.setAttributes({ [KETTLE]: me.attributes[KETTLE] === 'on' ? '' : 'on' });
    this.#show();
  }

  #show() {
    // Text, never HTML: names come from the config and from other people's browsers.
    this.#turn.textContent = `This week ${this.#people[Math.floor(Date.now() / WEEK) % this.#people.length]} makes the tea.`;
    const room = this.#room;
    this.#button.hidden = !room;
    if (!room) return;
    const everyone = [room.localParticipant, ...room.remoteParticipants.values()];
    const on = everyone.filter((p) => p.attributes[KETTLE] === 'on').map((p) => p.name || p.identity);
    this.#kettle.textContent = on.length ? `Kettle on: ${on.join(', ')}.` : 'Nobody has the kettle on.';
    this.#button.textContent = room.localParticipant.attributes[KETTLE] === 'on' ? 'Tea’s made' : 'Put the kettle on';
  }
}

// `once`: the kettle is one participant attribute, so a room has one tea rota.
defineFurniture('tea-rota', { element: TeaRota, settings: teaRotaSettings, label: 'Tea rota', once: true });
