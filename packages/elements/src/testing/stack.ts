/** Where the browser tests' real token server and livekit-server run (started by web-test-runner.config.mjs). */
export interface TestStack {
  server: string;
  livekit: string;
}

let cached: Promise<TestStack> | undefined;
export function testStack(): Promise<TestStack> {
  cached ??= fetch('/__convene/stack.json').then((r) => r.json() as Promise<TestStack>);
  return cached;
}

/** Polls until `check` returns a truthy value, or fails saying what did not happen. */
export async function until<T>(what: string, check: () => T | Promise<T>, timeoutMs = 20_000): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
