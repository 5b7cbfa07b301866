import type { BrowserContext, Page } from '@playwright/test';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const hostScript = path.join(repoRoot, 'dist', 'browser-host', 'index.js');

const READY_LINE = /^Carrel preview: (http:\/\/127\.0\.0\.1:\d+)\/\?token=(\S+)\r?\n/m;
/** Only a guard against a host that never comes up; a healthy one is ready long before. */
const START_GUARD_MS = 30_000;

export interface RunningHost {
  /** The address to open: the origin with its ?token=. */
  url: string;
  origin: string;
  token: string;
  /** Everything the host printed so far, stdout and stderr interleaved. */
  output(): string;
  /** SIGTERM, then waits for the exit; resolves with the exit code (null if killed by a signal). */
  stop(): Promise<number | null>;
}

/** The host ended (or was never ready) before printing its address. */
export class HostStartError extends Error {
  override name = 'HostStartError';
  constructor(
    message: string,
    readonly exitCode: number | null,
    readonly output: string,
  ) {
    super(`${message}\n--- host output ---\n${output}`);
  }
}

export function assertHostBuilt(): void {
  if (!existsSync(hostScript)) throw new Error(`${hostScript} is missing: run npm run build first.`);
}

/** Starts `node dist/browser-host/index.js --user-data DIR --port 0` and waits for its address. */
export function startHost(options: { userDataDir: string }): Promise<RunningHost> {
  assertHostBuilt();
  const child = spawn(process.execPath, [hostScript, '--user-data', options.userDataDir, '--port', '0'], {
    cwd: repoRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

  return new Promise<RunningHost>((resolve, reject) => {
    const guard = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new HostStartError(`The host printed no address within ${START_GUARD_MS / 1000} s.`, null, output));
    }, START_GUARD_MS);

    const onOutput = (chunk: Buffer) => {
      output += chunk.toString('utf8');
      const ready = READY_LINE.exec(output);
      if (!ready) return;
      clearTimeout(guard);
      child.stdout.off('data', onOutput);
      child.stdout.on('data', (more: Buffer) => (output += more.toString('utf8')));
      const origin = ready[1]!;
      const token = ready[2]!;
      resolve({
        url: `${origin}/?token=${token}`,
        origin,
        token,
        output: () => output,
        stop: () => {
          if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
          return exited;
        },
      });
    };
    child.stdout.on('data', onOutput);
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.once('error', (error) => {
      clearTimeout(guard);
      reject(new HostStartError(`Could not run the host: ${error.message}`, null, output));
    });
    void exited.then((code) => {
      clearTimeout(guard);
      reject(new HostStartError(`The host exited with code ${code} before it was ready.`, code, output));
    });
  });
}

const isLocal = (raw: string): boolean => {
  const url = new URL(raw);
  return url.protocol === 'data:' || url.protocol === 'blob:' || url.hostname === '127.0.0.1';
};

/**
 * Aborts every request that would leave 127.0.0.1 and records its URL. Carrel never touches the
 * network, so a spec asserts the returned list is still empty at its end.
 */
export async function blockExternalRequests(target: Page | BrowserContext): Promise<string[]> {
  const blocked: string[] = [];
  await target.route('**/*', async (route) => {
    const url = route.request().url();
    if (isLocal(url)) return route.continue();
    blocked.push(url);
    return route.abort('blockedbyclient');
  });
  await target.routeWebSocket(
    (url) => !isLocal(url.href),
    (ws) => {
      blocked.push(ws.url());
      ws.close();
    },
  );
  return blocked;
}
