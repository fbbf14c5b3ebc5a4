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

// Shared state: each person says whether their kettle is on, in a data message on this topic, and
// says it again to whoever comes in later. (Participant attributes are the server's to write: what
// a browser sends is its own claim, shown as theirs, under the name the server gave them.)
const KETTLE = 'tea-rota.kettle';
const WEEK = 7 * 24 * 3600 * 1000;

class TeaRota extends HTMLElement {
  #people = [];
  #room;
  /** Who has the kettle on, by identity, as each of them said. */
  #on = new Set();
  #update = () => this.#show();
  #joined = (participant) => void this.#tell([participant.identity]);
  #gone = (participant) => {
    this.#on.delete(participant.identity);
    this.#show();
  };
  #data = (payload, participant, _kind, topic) => {
    if (topic !== KETTLE || !participant) return;
    const text = new TextDecoder().decode(payload);
    if (text === 'on') this.#on.add(participant.identity);
    else if (text === 'off') this.#on.delete(participant.identity);
    this.#show();
  };
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
    const old = this.#room;
    old?.off('participantConnected', this.#joined).off('participantDisconnected', this.#gone);
    old?.off('dataReceived', this.#data).off('participantNameChanged', this.#update);
    this.#room = room;
    this.#on.clear();
    room?.on('participantConnected', this.#joined).on('participantDisconnected', this.#gone);
    room?.on('dataReceived', this.#data).on('participantNameChanged', this.#update);
    this.#show();
  }

  /** Says whether my kettle is on: to everyone, or to the people just come in. */
  async #tell(to) {
    const room = this.#room;
    const mine = room && this.#on.has(room.localParticipant.identity);
    if (!room || (to && !mine)) return;
    const payload = new TextEncoder().encode(mine ? 'on' : 'off');
    await room.localParticipant.publishData(payload, {
      reliable: true,
      topic: KETTLE,
      ...(to ? { destinationIdentities: to } : {}),
    });
  }

  async #toggleKettle() {
    const me = this.#room?.localParticipant;
    if (!me) return;
    if (this.#on.has(me.identity)) this.#on.delete(me.identity);
    else this.#on.add(me.identity);
    this.#show();
    await this.#tell();
  }

  #show() {
    // Text, never HTML: names come from the config and from the server.
    this.#turn.textContent = `This week ${this.#people[Math.floor(Date.now() / WEEK) % this.#people.length]} makes the tea.`;
    const room = this.#room;
    this.#button.hidden = !room;
    if (!room) return;
    const everyone = [room.localParticipant, ...room.remoteParticipants.values()];
    const on = everyone.filter((p) => this.#on.has(p.identity)).map((p) => p.name || p.identity);
    this.#kettle.textContent = on.length ? `Kettle on: ${on.join(', ')}.` : 'Nobody has the kettle on.';
    this.#button.textContent = this.#on.has(room.localParticipant.identity) ? 'Tea’s made' : 'Put the kettle on';
  }
}

// `once`: the kettle's messages have one topic, so a room has one tea rota.
defineFurniture('tea-rota', { element: TeaRota, settings: teaRotaSettings, label: 'Tea rota', once: true });
