/** A value that can be read now and watched for changes; the smallest observable the views need. */
export class Store<T> {
  #value: T;
  #listeners = new Set<(value: T) => void>();

  constructor(initial: T) {
    this.#value = initial;
  }

  get value(): T {
    return this.#value;
  }

  set(value: T): void {
    this.#value = value;
    for (const listener of [...this.#listeners]) listener(value);
  }

  /** Calls `listener` on every change; returns the function that stops it. */
  subscribe(listener: (value: T) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }
}

/** Happenings without a current value (someone joined, someone left): listeners hear each one once. */
export class Emitter<T> {
  #listeners = new Set<(value: T) => void>();

  emit(value: T): void {
    for (const listener of [...this.#listeners]) listener(value);
  }

  /** Calls `listener` on every emission; returns the function that stops it. */
  subscribe(listener: (value: T) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }
}
