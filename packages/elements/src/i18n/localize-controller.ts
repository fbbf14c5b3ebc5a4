import type { ReactiveController, ReactiveControllerHost } from 'lit';
import {
  addSection,
  loadStrings,
  onStringsRegistered,
  stringsFor,
  withOverrides,
  type ConveneStringOverrides,
  type ConveneStrings,
  type StringSection,
} from './strings.js';

type Host = ReactiveControllerHost & HTMLElement & { strings?: ConveneStringOverrides };

/** The controller of each connected element that has one, so an element inside it finds its `strings`. */
const controllers = new WeakMap<Element, LocalizeController>();

/**
 * The element, then its ancestors across shadow roots: a node's parent, a shadow root's host (a
 * kind inside a room's furniture panel, a room inside a space).
 */
function* ancestry(element: Element): Generator<Element> {
  let node: Node | null = element;
  while (node) {
    if (node instanceof Element) yield node;
    node = node instanceof ShadowRoot ? node.host : node.parentNode;
  }
}

/**
 * Gives an element its strings. The language is the element's own `lang`, else the nearest `lang`
 * up the page across shadow roots, else the document's (else the browser's). The text is that
 * language's table from the registry, with the `strings` overrides of every element around this
 * one that has a `LocalizeController` (a room's reach its furniture, a space's the room it opens),
 * the nearest winning, and the element's own on top. The element re-renders when `lang` changes on
 * it, on any of those ancestors or on the document, when an element around it gets new `strings`,
 * and when a language is registered.
 */
export class LocalizeController implements ReactiveController {
  #observer: MutationObserver | undefined;
  #stops: (() => void)[] = [];
  /** Controllers inside this one's element, re-rendered when its `strings` change. */
  #inside = new Set<() => void>();
  #strings: ConveneStringOverrides | undefined;
  /** The `dir` this controller gave its host ('' for none). */
  #dir = '';

  /** `sections`: entries the element's feature brings with its own code (furniture's), added to the registry. */
  constructor(
    private readonly host: Host,
    ...sections: StringSection[]
  ) {
    for (const section of sections) addSection(section);
    host.addController(this);
  }

  /** The language the element speaks (a BCP 47 tag). */
  get lang(): string {
    for (const element of ancestry(this.host)) {
      const lang = element.getAttribute('lang');
      if (lang) return lang;
    }
    return this.host.ownerDocument.documentElement.lang || navigator.language || 'en';
  }

  /**
   * The element's language as `Intl` takes it: `undefined` (the browser's own) when `lang` is no
   * locale `Intl` knows how to read (say `x-late`, a private tag a host page registered strings for),
   * so that dates, times and lists never break a render.
   */
  get locale(): string | undefined {
    try {
      return Intl.getCanonicalLocales(this.lang)[0];
    } catch {
      return undefined;
    }
  }

  /**
   * Resolves once the element's language is here (a shipped language loads on first use);
   * `undefined` when it is already. Top-level elements wait for it in `scheduleUpdate`, so their
   * first render is in their language.
   */
  ready(): Promise<void> | undefined {
    return loadStrings(this.lang);
  }

  /**
   * Runs `update` once the element's language is here: at once when it is, else when it has
   * loaded. For an element's `scheduleUpdate`, so its first render is in its language.
   */
  afterLanguage(update: () => void): void | Promise<void> {
    const ready = this.ready();
    return ready ? ready.then(update) : update();
  }

  /** The element's strings: its language's table with the overrides around it and its own (English while it loads). */
  get t(): ConveneStrings {
    void loadStrings(this.lang);
    const layers: ConveneStringOverrides[] = [];
    for (const element of ancestry(this.host)) {
      const strings = element === this.host ? this.host.strings : controllers.get(element)?.host.strings;
      if (strings && Object.keys(strings).length > 0) layers.push(strings);
    }
    return layers.reduceRight(withOverrides, stringsFor(this.lang));
  }

  hostConnected(): void {
    const update = () => this.host.requestUpdate();
    controllers.set(this.host, this);
    this.#observer = new MutationObserver(update);
    for (const element of ancestry(this.host)) {
      this.#observer.observe(element, { attributes: true, attributeFilter: ['lang', 'dir'] });
      const around = element === this.host ? undefined : controllers.get(element);
      if (around) this.#stops.push(around.#follow(update));
    }
    this.#observer.observe(this.host.ownerDocument.documentElement, {
      attributes: true,
      attributeFilter: ['lang', 'dir'],
    });
    this.#stops.push(onStringsRegistered(update));
  }

  hostUpdate(): void {
    this.#direct();
    if (this.host.strings === this.#strings) return;
    this.#strings = this.host.strings;
    for (const update of this.#inside) update();
  }

  hostDisconnected(): void {
    this.#observer?.disconnect();
    this.#observer = undefined;
    for (const stop of this.#stops.splice(0)) stop();
    if (controllers.get(this.host) === this) controllers.delete(this.host);
  }

  /**
   * Right to left for an element whose language is written so, when neither it nor anything around
   * it has a `dir` (one around it is inherited, a page's own on it stays), so its layout mirrors.
   */
  #direct(): void {
    const host = this.host;
    if (host.dir !== this.#dir) return;
    const around = [...ancestry(host)].some((element) => element !== host && element.hasAttribute('dir'));
    const dir = around || !/^(ar|fa|he|ur)\b/i.test(this.lang) ? '' : 'rtl';
    if (dir === this.#dir) return;
    if (dir) host.dir = dir;
    else host.removeAttribute('dir');
    this.#dir = dir;
  }

  #follow(update: () => void): () => void {
    this.#inside.add(update);
    return () => this.#inside.delete(update);
  }
}
