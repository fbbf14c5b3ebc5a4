/**
 * The states outside the room, each saying what happened and what to do next: left (with
 * Join again), and refusals or failures (with Try again where waiting or retrying can help, Back
 * to pre-join, and the host site's sign-in for a members-only room).
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { ConveneStrings, ErrorKey } from '../../i18n/strings.js';
import type { LeftReason, SessionState } from './session.js';

/** Refusals a visitor can wait out or fix by trying again. */
const RETRYABLE: ReadonlySet<ErrorKey> = new Set<ErrorKey>([
  'room_full',
  'rate_limited',
  'livekit_unavailable',
  'livekit_unreachable',
  'internal_error',
  'network',
  'bad_response',
]);

function renderMessage(text: string, actions: TemplateResult | typeof nothing, alert = false) {
  return html`<section part="message" class="message">
    <p role=${alert ? 'alert' : nothing}>${text}</p>
    <div class="actions">${actions}</div>
  </section>`;
}

export function renderLeft(t: ConveneStrings, reason: LeftReason, onRejoin: () => void) {
  return renderMessage(
    t.leftBecause[reason],
    html`<button class="primary" part="button primary" data-action="rejoin" @click=${onRejoin}>${t.rejoin}</button>`,
  );
}

export interface ErrorView {
  t: ConveneStrings;
  state: Extract<SessionState, { phase: 'error' }>;
  /** Where the visitor signs in to the host site (the `login-url` attribute). */
  loginUrl: string;
  onRetry(): void;
  onBack(): void;
}

export function renderError({ t, state, loginUrl, onRetry, onBack }: ErrorView) {
  const retry = html`<button class="primary" part="button primary" data-action="retry" @click=${onRetry}>
    ${t.tryAgain}
  </button>`;
  const back = html`<button part="button" data-action="back" @click=${onBack}>${t.backToPrejoin}</button>`;
  if (state.code === 'members_only') {
    const href = loginHref(loginUrl);
    return renderMessage(
      t.errors.members_only,
      html`${href ? html`<a class="button primary" part="button primary sign-in" href=${href}>${t.signIn}</a>` : nothing}
      ${retry}`,
      true,
    );
  }
  const text = t.errors[state.code] ?? state.message;
  const wait = state.retryAfterSeconds ? ` ${t.retryIn(state.retryAfterSeconds)}` : '';
  return renderMessage(text + wait, html`${RETRYABLE.has(state.code) ? retry : nothing} ${back}`, true);
}

/** The sign-in link, only as an http(s) URL (resolved against the page). */
function loginHref(loginUrl: string): string | undefined {
  if (!loginUrl) return undefined;
  try {
    const url = new URL(loginUrl, document.baseURI);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}
