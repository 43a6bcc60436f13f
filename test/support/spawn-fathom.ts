import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const FATHOM_BIN = fileURLToPath(new URL('../../bin/fathom.js', import.meta.url));

export interface CommandResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Run `fathom ARGS` to completion as a subprocess. */
export function runFathom(args: string[], environment: Record<string, string>, input?: string): Promise<CommandResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [FATHOM_BIN, ...args], { env: { ...process.env, FATHOM_LOG_LEVEL: 'warn', ...environment } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(input ?? '');
  });
}

export interface RunningServer {
  url: string;
  output: () => string;
  child: ChildProcess;
  stop(): Promise<number | null>;
}

/** Start `fathom serve` on a free port and wait until it says where it listens. */
export function startFathomServer(environment: Record<string, string>, args: string[] = []): Promise<RunningServer> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [FATHOM_BIN, 'serve', ...args], { env: { ...process.env, PORT: '0', FATHOM_LOG_LEVEL: 'warn', ...environment } });
    let output = '';
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 20_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (http:\/\/\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve({
          url: match[1]!,
          output: () => output,
          child,
          stop: () =>
            new Promise((done) => {
              child.once('exit', (code) => done(code));
              child.kill('SIGTERM');
            }),
        });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${output}`));
    });
  });
}

export interface StartedProcess {
  child: ChildProcess;
  output: () => string;
}

/**
 * Start `fathom ARGS` (serve, worker, …) and resolve once it says it listens or runs; it rejects
 * if the process exits first. The child is added to `processes` so the caller can kill them all.
 */
export function startFathomProcess(processes: ChildProcess[], args: string[], environment: Record<string, string>): Promise<StartedProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [FATHOM_BIN, ...args], { env: { ...process.env, ...environment } });
    processes.push(child);
    let output = '';
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (/listening on|worker running/.test(output)) resolve({ child, output: () => output });
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`exited ${code}: ${output}`)));
  });
}
