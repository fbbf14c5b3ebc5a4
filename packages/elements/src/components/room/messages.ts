/**
 * The states outside the room, each saying what happened and what to do next: left (with
 * Join again), and refusals or failures (with Try again where waiting or retrying can help, Back
 * to pre-join, and the host site's sign-in for a members-only room or a sign-in that must be
 * renewed). Try again after a refused member pass fetches a fresh one.
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
  'pass_invalid',
  'pass_unknown_key',
  'pass_expired',
  'pass_not_yet_valid',
  'pass_wrong_space',
  'pass_keys_unavailable',
  'pass_unavailable',
]);

/** Refusals that signing in (again) on the host site can fix: the `login-url` link goes with them. */
export const SIGN_IN_CODES: ReadonlySet<ErrorKey> = new Set<ErrorKey>([
  'members_only',
  'pass_invalid',
  'pass_unknown_key',
  'pass_expired',
  'pass_wrong_space',
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
  const text = t.errors[state.code] ?? state.message;
  if (SIGN_IN_CODES.has(state.code)) {
    const href = loginHref(loginUrl);
    return renderMessage(
      text,
      html`${href ? html`<a class="button primary" part="button primary sign-in" href=${href}>${t.signIn}</a>` : nothing}
      ${retry}`,
      true,
    );
  }
  const wait = state.retryAfterSeconds ? ` ${t.retryIn(state.retryAfterSeconds)}` : '';
  return renderMessage(text + wait, html`${RETRYABLE.has(state.code) ? retry : nothing} ${back}`, true);
}

/** The sign-in link, only as an http(s) URL (resolved against the page). */
export function loginHref(loginUrl: string): string | undefined {
  if (!loginUrl) return undefined;
  try {
    const url = new URL(loginUrl, document.baseURI);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}
