import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { stringsFor, withOverrides, type ConveneStringOverrides, type ConveneStrings } from './strings.js';

/**
 * Gives an element its strings: its own `lang`, else the nearest `lang` up the page, else the
 * document's; with the element's `strings` overrides on top.
 */
export class LocalizeController implements ReactiveController {
  #observer: MutationObserver | undefined;

  constructor(private readonly host: ReactiveControllerHost & HTMLElement & { strings?: ConveneStringOverrides }) {
    host.addController(this);
  }

  get lang(): string {
    const owner = this.host.closest('[lang]');
    return owner?.getAttribute('lang') || document.documentElement.lang || navigator.language || 'en';
  }

  get t(): ConveneStrings {
    return withOverrides(stringsFor(this.lang), this.host.strings);
  }

  hostConnected(): void {
    this.#observer = new MutationObserver(() => this.host.requestUpdate());
    this.#observer.observe(document.documentElement, { attributes: true, attributeFilter: ['lang'] });
    this.#observer.observe(this.host, { attributes: true, attributeFilter: ['lang'] });
  }

  hostDisconnected(): void {
    this.#observer?.disconnect();
  }
}
