/**
 * Commands as a person types them in a terminal: `npx …` from a folder, never fetching from the
 * registry (a command missing from node_modules/.bin fails rather than running an unrelated package
 * of that name), and long-running ones stopped, with everything they started, when the test file ends.
 */
import { spawn } from 'node:child_process';
import { after } from 'node:test';

const quietNpx = { npm_config_yes: 'false', npm_config_update_notifier: 'false', npm_config_fund: 'false' };

export interface CommandResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `command args…` in `cwd` to its end, with `input` on stdin. */
export function runCommand(
  command: string,
  args: string[],
  { cwd, env = {}, input = '' }: { cwd: string; env?: NodeJS.ProcessEnv; input?: string },
): Promise<CommandResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env: { ...process.env, ...quietNpx, ...env }, stdio: 'pipe' });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.once('error', reject);
    child.stdin.end(input);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** `npx args…` in `cwd`, to its end. */
export function npx(args: string[], options: { cwd: string; env?: NodeJS.ProcessEnv; input?: string }) {
  return runCommand('npx', args, options);
}

/** A long-running command (a server) in its own process group; `stop()` sends SIGTERM to all of it. */
export function startCommand(
  command: string,
  args: string[],
  { cwd, env = {} }: { cwd: string; env?: NodeJS.ProcessEnv },
) {
  const child = spawn(command, args, {
    cwd,
    env: { ...process.env, ...quietNpx, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const signal = (name: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, name);
    } catch {
      // already gone
    }
  };
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    signal('SIGTERM');
    const timer = setTimeout(() => signal('SIGKILL'), 8000);
    await exited;
    clearTimeout(timer);
  };
  after(stop);
  /** The output so far; fails the test with it when the command has already ended. */
  const running = () => {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`${command} ${args.join(' ')} ended (${child.exitCode ?? child.signalCode}):\n${output}`);
    }
    return output;
  };
  return { output: () => output, running, exited, stop };
}
