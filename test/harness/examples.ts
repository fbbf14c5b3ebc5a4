/** Runs an example the way its README says (`npm start` in its folder), as its own process group. */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { after } from 'node:test';
import { root } from '../../scripts/lib/workspace.mjs';

export interface RunningExample {
  child: ChildProcess;
  /** Everything it printed so far. */
  output(): string;
  /** Ctrl-C, as a terminal sends it: SIGINT to the whole group (npm, the LiveKit wrapper, the server). */
  interrupt(): Promise<void>;
}

/** Starts `npm start` in `examples/<name>` on `port`, with a local LiveKit; killed when the test file ends. */
export function startExample(name: string, port: number): RunningExample {
  const child = spawn('npm', ['start', '--silent'], {
    cwd: join(root, 'examples', name),
    env: { ...process.env, PORT: String(port), LIVEKIT_URL: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const kill = (signal: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, signal);
    } catch {
      // already gone
    }
  };
  after(() => kill('SIGKILL'));
  return {
    child,
    output: () => output,
    async interrupt() {
      const exited = child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : once(child, 'exit');
      kill('SIGINT');
      await exited;
    },
  };
}
