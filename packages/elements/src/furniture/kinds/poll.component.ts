import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { Room } from 'livekit-client';
import {
  POLL_LIMITS,
  SECRET_BATCH,
  type Poll,
  type PollBallot,
  type PollResults,
  type PollType,
  type PollView,
} from '@convene/server/contract';
import { poll as pollSection, type PollStrings } from '../../i18n/furniture-strings.js';
import { LocalizeController } from '../../i18n/localize-controller.js';
import type { ConveneStrings } from '../../i18n/strings.js';
import type { FurnitureSession } from '../session.js';
import { kindStyles } from './kind.styles.js';
import { exportName, optionLabel, percentOf, pollCsv, pollMarkdown } from './poll-export.js';
import { ConveneNotesInsertEvent } from './poll-events.js';
import { PollModel, type PollState } from './poll-model.js';
import { RoomEventsController } from './room-events-controller.js';

type Text = ConveneStrings & PollStrings;

/**
 * `poll`: questions and decisions, the way co-ops take them. A moderator (or anyone, when the
 * room's settings say `anyone: true`) asks: choices (one or several), a consent round (consent,
 * concern, object, with a reason) or a fist-of-five. Ballots are named (everyone sees who chose
 * what) or secret (the Convene server keeps who voted and the tallies, never who chose what, and
 * publishes tallies only); results show live or once closed. Everything lives on the Convene
 * server, so a reload or a late join sees the same polls; what peers send changes nothing.
 *
 * @summary Polls, consent rounds and fist-of-five.
 * @fires convene-notes-insert - "Insert into notes": a poll's results as Markdown, for the room's notes.
 * @csspart poll - Each poll. @csspart ballot - The form a person votes with. @csspart results - The results.
 * @csspart bar - Each result's bar. @csspart ask - The form that asks a question.
 */
export class ConveneFurniturePoll extends LitElement {
  static override styles = [
    kindStyles,
    css`
      h3,
      h4 {
        margin: 0.5rem 0 0.25rem;
        font-size: 1em;
      }
      [part='poll'] {
        padding: 0.5rem 0;
        border-bottom: 1px solid var(--_muted);
      }
      fieldset {
        border: 1px solid var(--_muted);
        border-radius: calc(var(--_radius) / 2);
        margin: 0.5rem 0;
        padding: 0.25rem 0.5rem 0.5rem;
      }
      legend {
        padding: 0 0.25rem;
      }
      label.option {
        display: flex;
        gap: 0.5rem;
        align-items: baseline;
        padding: 0.125rem 0;
      }
      input[type='text'],
      textarea {
        font: inherit;
        box-sizing: border-box;
        width: 100%;
        padding: 0.25rem 0.375rem;
        border: 1px solid var(--_muted);
        border-radius: calc(var(--_radius) / 2);
        background: var(--_bg);
        color: var(--_fg);
      }
      textarea:focus-visible,
      input:focus-visible {
        outline: 3px solid var(--_accent);
        outline-offset: 2px;
      }
      .row {
        display: flex;
        gap: 0.5rem;
        align-items: center;
        margin: 0.25rem 0;
      }
      .actions {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem;
        margin-top: 0.5rem;
      }
      [part='results'] li {
        margin: 0.25rem 0;
      }
      .figure {
        display: flex;
        justify-content: space-between;
        gap: 0.5rem;
      }
      [part='bar'] {
        height: 0.5rem;
        border: 1px solid var(--_fg);
        border-radius: 0.25rem;
        overflow: hidden;
      }
      [part='bar'] span {
        display: block;
        height: 100%;
        background: var(--_accent);
      }
    `,
  ];

  #localize = new LocalizeController(this, pollSection);
  #model?: PollModel;
  #events = new RoomEventsController(
    this,
    () => (this.session ? this.room : undefined),
    (room, { onStop }) => {
      const session = this.session as FurnitureSession;
      const model = new PollModel(room, {
        ...session.options,
        token: () => session.bearer || session.token?.participant_token || '',
        api: session.pollsApi,
      });
      this.#model = model;
      onStop(model.state.subscribe((value) => (this.polls = value)));
      onStop(
        model.changes.subscribe(({ what, poll }) => {
          if (what === 'closed') this.announcement = this.#t.pollClosedNow(poll.question);
          else if (poll.asker.identity !== room.localParticipant.identity) {
            this.announcement = this.#t.pollNewQuestion(poll.question);
          }
        }),
      );
      onStop(() => {
        model.dispose();
        if (this.#model === model) this.#model = undefined;
      });
    },
  );

  @state() private polls: PollState = { polls: [], mayAsk: false, loaded: false, failed: false };
  @state() private asking = false;
  @state() private draft = { type: 'choice' as PollType, question: '', choices: ['', ''], multiple: false };
  @state() private ballot: PollBallot = 'secret';
  @state() private results: PollResults = 'live';
  @state() private busy = false;
  @state() private error = '';
  @state() private announcement = '';

  /** The room's livekit-client `Room`. */
  @property({ attribute: false }) room?: Room;
  /** The room's session: the polls are read and changed through its Convene server, with its token. */
  @property({ attribute: false }) session?: FurnitureSession | undefined;
  /** `{ anyone }`: whether everyone may ask, not only moderators (the server decides; this only explains). */
  @property({ attribute: false }) settings?: { anyone?: boolean };
  /** Whether the server made this visitor a moderator: they may close anyone's poll. */
  @property({ attribute: false }) moderator = false;

  get #t(): Text {
    return this.#localize.t as Text;
  }

  override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('room') || changed.has('session')) this.#events.follow();
  }

  /** Runs a request to the server, saying why when it fails. */
  async #act(what: () => Promise<void>): Promise<boolean> {
    if (this.busy || !this.#model) return false;
    this.busy = true;
    this.error = '';
    try {
      await what();
      return true;
    } catch (error) {
      const { status, retryAfterSeconds } = error as { status?: number; retryAfterSeconds?: number };
      this.error = retryAfterSeconds
        ? this.#t.pollFailedWait(retryAfterSeconds)
        : status === 409
          ? this.#t.pollAlready
          : this.#t.pollFailed;
      if (status === 409) void this.#model?.refresh();
      return false;
    } finally {
      this.busy = false;
    }
  }

  #openAsk() {
    this.asking = true;
    this.error = '';
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('#poll-question')?.focus());
  }

  #closeAsk() {
    this.asking = false;
    this.draft = { type: 'choice', question: '', choices: ['', ''], multiple: false };
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('.open-ask')?.focus());
  }

  async #ask(event: Event) {
    event.preventDefault();
    const t = this.#t;
    const { type, question, multiple } = this.draft;
    const choices = this.draft.choices.map((c) => c.trim()).filter(Boolean);
    if (!question.trim()) {
      this.error = t.pollQuestionNeeded;
      return;
    }
    if (type === 'choice' && new Set(choices.map((c) => c.toLowerCase())).size !== choices.length) {
      this.error = t.pollChoicesNeeded;
      return;
    }
    if (type === 'choice' && choices.length < 2) {
      this.error = t.pollChoicesNeeded;
      return;
    }
    const ok = await this.#act(() =>
      this.#model!.ask({
        type,
        question: question.trim(),
        ...(type === 'choice' ? { choices, multiple } : {}),
        ballot: this.ballot,
        results: this.results,
      }),
    );
    if (ok) this.#closeAsk();
  }

  async #vote(event: Event, poll: PollView) {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const choices = [...form.querySelectorAll<HTMLInputElement>('input[name="choice"]:checked')].map((i) =>
      Number(i.value),
    );
    if (choices.length === 0) {
      this.error = this.#t.pollChooseOne;
      return;
    }
    const reason = form.querySelector('textarea')?.value.trim();
    const ok = await this.#act(() => this.#model!.vote(poll.id, { choices, ...(reason ? { reason } : {}) }));
    if (ok) {
      this.announcement = this.#t.pollCounted;
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>(`[data-voted="${poll.id}"]`)?.focus();
    }
  }

  #download(poll: Poll, kind: 'md' | 'csv') {
    const t = this.#t;
    const text = kind === 'md' ? pollMarkdown(poll, t) : `\ufeff${pollCsv(poll, t)}`;
    const type = kind === 'md' ? 'text/markdown;charset=utf-8' : 'text/csv;charset=utf-8';
    const url = URL.createObjectURL(new Blob([text], { type }));
    const link = document.createElement('a');
    link.href = url;
    link.download = exportName(poll, kind);
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }

  /** Whether the room has notes to insert into: the panel's pieces, else the token's furniture. */
  #hasNotes(): boolean {
    const panel = (this.getRootNode() as ShadowRoot).host as { entries?: { kind: string }[] } | undefined;
    const kinds = panel?.entries ?? this.session?.token?.furniture ?? [];
    return kinds.some((entry) => entry.kind === 'notes');
  }

  #insert(poll: Poll) {
    this.dispatchEvent(new ConveneNotesInsertEvent(pollMarkdown(poll, this.#t)));
    this.announcement = this.#t.pollInserted;
  }

  #setDraft(change: Partial<ConveneFurniturePoll['draft']>) {
    this.draft = { ...this.draft, ...change };
  }

  #radios<T extends string>(legend: string, name: string, value: T, options: [T, string][], set: (v: T) => void) {
    return html`<fieldset>
      <legend>${legend}</legend>
      ${options.map(
        ([key, label]) =>
          html`<label class="option"
            ><input
              type="radio"
              name=${name}
              .value=${key}
              .checked=${value === key}
              @change=${() => set(key)}
            />${label}</label
          >`,
      )}
    </fieldset>`;
  }

  #renderAsk() {
    const t = this.#t;
    const { type, question, choices, multiple } = this.draft;
    return html`<form part="ask" aria-labelledby="poll-ask-heading" @submit=${this.#ask}>
      <h3 id="poll-ask-heading">${t.pollAskHeading}</h3>
      <label for="poll-question">${t.pollQuestion}</label>
      <input
        id="poll-question"
        type="text"
        maxlength=${POLL_LIMITS.question}
        required
        .value=${question}
        @input=${(e: Event) => this.#setDraft({ question: (e.target as HTMLInputElement).value })}
      />
      ${this.#radios<PollType>(
        t.pollType,
        'type',
        type,
        [
          ['choice', t.pollTypes.choice],
          ['consent', t.pollTypes.consent],
          ['fist', t.pollTypes.fist],
        ],
        (v) => this.#setDraft({ type: v }),
      )}
      ${
        type === 'choice'
          ? html`<fieldset>
              <legend>${t.pollChoices}</legend>
              ${choices.map(
                (choice, index) =>
                  html`<div class="row">
                    <input
                      type="text"
                      aria-label=${t.pollChoice(index + 1)}
                      maxlength=${POLL_LIMITS.choice}
                      .value=${choice}
                      @input=${(e: Event) =>
                        this.#setDraft({
                          choices: this.draft.choices.map((c, i) =>
                            i === index ? (e.target as HTMLInputElement).value : c,
                          ),
                        })}
                    />
                    ${
                      choices.length > 2
                        ? html`<button
                            type="button"
                            aria-label=${t.pollRemoveChoice(index + 1)}
                            @click=${() => this.#setDraft({ choices: this.draft.choices.filter((_, i) => i !== index) })}
                          >
                            ×
                          </button>`
                        : nothing
                    }
                  </div>`,
              )}
              ${
                choices.length < POLL_LIMITS.choices
                  ? html`<button type="button" @click=${() => this.#setDraft({ choices: [...this.draft.choices, ''] })}>
                      ${t.pollAddChoice}
                    </button>`
                  : nothing
              }
              <label class="option"
                ><input
                  type="checkbox"
                  .checked=${multiple}
                  @change=${(e: Event) => this.#setDraft({ multiple: (e.target as HTMLInputElement).checked })}
                />${t.pollMultiple}</label
              >
            </fieldset>`
          : nothing
      }
      ${this.#radios<PollBallot>(
        t.pollBallot,
        'ballot',
        this.ballot,
        [
          ['secret', t.pollSecretHint],
          ['named', t.pollNamedHint],
        ],
        (v) => (this.ballot = v),
      )}
      ${this.#radios<PollResults>(
        t.pollResultsWhen,
        'results',
        this.results,
        [
          ['live', t.pollResultsLive],
          ['closed', t.pollResultsClosed],
        ],
        (v) => (this.results = v),
      )}
      <div class="actions">
        <button type="submit" ?disabled=${this.busy}>${t.pollSubmitAsk}</button>
        <button type="button" @click=${this.#closeAsk}>${t.pollCancel}</button>
      </div>
    </form>`;
  }

  #renderBallot(poll: PollView) {
    const t = this.#t;
    const several = poll.multiple;
    return html`<form part="ballot" @submit=${(e: Event) => this.#vote(e, poll)}>
      <fieldset>
        <legend>${poll.question}</legend>
        ${poll.options.map(
          (_, index) =>
            html`<label class="option"
              ><input type=${several ? 'checkbox' : 'radio'} name="choice" value=${index} />${optionLabel(
                poll,
                index,
                t,
              )}</label
            >`,
        )}
      </fieldset>
      ${
        poll.type === 'consent'
          ? html`<label for="reason-${poll.id}">${t.pollReason}</label>
              <textarea id="reason-${poll.id}" rows="2" maxlength=${POLL_LIMITS.reason}></textarea>`
          : nothing
      }
      <div class="actions"><button type="submit" ?disabled=${this.busy}>${t.pollVote}</button></div>
    </form>`;
  }

  #renderResults(poll: PollView) {
    const t = this.#t;
    const tallies = poll.tallies;
    if (!tallies) return html`<p class="muted">${t.pollResultsHidden}</p>`;
    return html`<section aria-label=${`${t.pollResults}: ${poll.question}`}>
      <h4>${t.pollResults}</h4>
      <ul class="plain" part="results">
        ${tallies.map((votes, index) => {
          const percent = percentOf(poll, votes);
          const label = optionLabel(poll, index, t);
          return html`<li>
            <div class="figure"><span>${label}</span> <span>${t.pollVotes(votes)}, ${percent}%</span></div>
            <div part="bar" aria-hidden="true"><span style="width: ${percent}%"></span></div>
          </li>`;
        })}
      </ul>
      ${
        poll.votes?.length
          ? html`<h4>${t.pollWhoChose}</h4>
              <ul class="plain">
                ${poll.votes.map(
                  (vote) =>
                    html`<li>
                      ${vote.name}:
                      ${vote.choices.map((c) => optionLabel(poll, c, t)).join(', ')}${
                        vote.reason ? html` (${vote.reason})` : nothing
                      }
                    </li>`,
                )}
              </ul>`
          : nothing
      }
      ${
        poll.reasons?.length
          ? html`<h4>${t.pollReasons}</h4>
              <ul class="plain">
                ${poll.reasons.map((r) => html`<li>${optionLabel(poll, r.choice, t)}: ${r.text}</li>`)}
              </ul>`
          : nothing
      }
    </section>`;
  }

  #renderPoll(poll: PollView) {
    const t = this.#t;
    const local = this.room?.localParticipant.identity;
    const open = !poll.closed_at;
    const mayClose = open && (this.moderator || poll.asker.identity === local);
    const chose = poll.your_choices?.map((c) => optionLabel(poll, c, t)).join(', ');
    return html`<li>
      <article part="poll" aria-labelledby="q-${poll.id}" data-poll=${poll.id}>
        <h3 id="q-${poll.id}">${poll.question}</h3>
        <p class="muted">${t.pollAskedBy(poll.asker.name)} · ${open ? t.pollOpen : t.pollClosed}</p>
        <p>${poll.ballot === 'secret' ? t.pollSecret : t.pollNamed}</p>
        ${
          open && poll.ballot === 'secret' && poll.results === 'live'
            ? html`<p class="muted">${t.pollSecretSteps(SECRET_BATCH)}</p>`
            : nothing
        }
        ${open && !poll.you_voted ? this.#renderBallot(poll) : nothing}
        ${
          poll.you_voted
            ? html`<p tabindex="-1" data-voted=${poll.id}>${chose ? t.pollYouChose(chose) : t.pollVoted}</p>`
            : nothing
        }
        <p>${t.pollVoters(poll.voters)}</p>
        ${this.#renderResults(poll)}
        <div class="actions">
          ${
            mayClose
              ? html`<button
                  type="button"
                  class="close"
                  ?disabled=${this.busy}
                  @click=${() => this.#act(() => this.#model!.close(poll.id))}
                >
                  ${t.pollClose}
                </button>`
              : nothing
          }
          ${
            poll.tallies
              ? html`<button type="button" @click=${() => this.#download(poll, 'md')}>${t.pollDownloadMarkdown}</button>
                  <button type="button" @click=${() => this.#download(poll, 'csv')}>${t.pollDownloadCsv}</button>
                  ${
                    this.#hasNotes()
                      ? html`<button type="button" class="insert" @click=${() => this.#insert(poll)}>
                          ${t.pollInsertNotes}
                        </button>`
                      : nothing
                  }`
              : nothing
          }
        </div>
      </article>
    </li>`;
  }

  override render() {
    const t = this.#t;
    const { polls, mayAsk, loaded, failed } = this.polls;
    return html`
      ${
        this.asking
          ? this.#renderAsk()
          : mayAsk
            ? html`<button type="button" class="open-ask" @click=${this.#openAsk}>${t.pollAsk}</button>`
            : loaded
              ? html`<p class="muted">${t.pollOnlyModerators}</p>`
              : nothing
      }
      ${this.error ? html`<p role="alert">${this.error}</p>` : nothing}
      ${failed && !polls.length ? html`<p role="alert">${t.pollFailed}</p>` : nothing}
      ${loaded && !failed && !polls.length ? html`<p class="muted">${t.pollNone}</p>` : nothing}
      ${
        polls.length
          ? html`<ul class="plain">
              ${polls.map((poll) => this.#renderPoll(poll))}
            </ul>`
          : nothing
      }
      <p class="sr" role="status">${this.announcement}</p>
    `;
  }
}
