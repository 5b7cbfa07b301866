/**
 * The browser host: serves the built renderer to an ordinary browser on 127.0.0.1 and binds the
 * app's handler table to POST /api/<channel>, for end-to-end tests and `npm run preview:web`.
 * It runs the very services the Electron app runs, over the same store files; it is never shipped.
 */
import Conf from 'conf';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createAppServices } from '../core/app-services.js';
import type { ConfConstructor } from '../core/storage/store.js';
import { ArgsError, parseHostArgs, USAGE, type HostArgs } from './args.js';
import { createHostServer } from './server.js';
import { CarrelError } from '../core/errors.js';
import { acquireWriterLock } from '../core/storage/writer-lock.js';

const PREFIX = 'Carrel preview:';
/** The bundle lives in dist/browser-host/; everything it serves sits beside it in dist/. */
const hostDir = path.dirname(fileURLToPath(import.meta.url));
const distDir = path.resolve(hostDir, '..');

function fail(message: string, exitCode: number): never {
  console.error(`${PREFIX} ${message}`);
  process.exit(exitCode);
}

function readArgs(): HostArgs {
  try {
    return parseHostArgs(process.argv.slice(2));
  } catch (error) {
    if (error instanceof ArgsError) fail(`${error.message}\n${USAGE}`, 2);
    throw error;
  }
}

function requireBuilt(files: string[]): void {
  const missing = files.filter((file) => !existsSync(file));
  if (missing.length > 0) fail(`missing ${missing.join(', ')}. Run npm run build first.`, 1);
}

async function main(): Promise<void> {
  const args = readArgs();
  if (args.help) {
    console.log(USAGE);
    return;
  }

  const rendererDir = path.join(distDir, 'renderer');
  const shimFile = path.join(hostDir, 'shim.js');
  const courseDir = path.join(distDir, 'courses', 'generative-ai');
  requireBuilt([path.join(rendererDir, 'index.html'), shimFile, courseDir]);

  if (args.userDataDefaulted) {
    console.log(`${PREFIX} no --user-data given; keeping settings and study data in ${args.userDataDir}`);
  }
  mkdirSync(args.userDataDir, { recursive: true });
  let releaseLock: () => void;
  try {
    // The stores take this same lock when they open; claiming it first gives a clear early refusal.
    releaseLock = acquireWriterLock(args.userDataDir);
  } catch (error) {
    if (error instanceof CarrelError) fail(error.message, 1);
    throw error;
  }
  // Every exit Node sees, an uncaught error included; a killed host leaves a lock the next host finds stale.
  process.on('exit', () => releaseLock());

  const pkg = JSON.parse(readFileSync(path.join(distDir, '..', 'package.json'), 'utf8')) as {
    productName: string;
    version: string;
  };
  const services = createAppServices({
    appName: pkg.productName,
    appVersion: pkg.version,
    userDataDir: args.userDataDir,
    bundledCourseDirs: [courseDir],
    Store: Conf as unknown as ConfConstructor,
    installWorkerScript: path.join(distDir, 'browser-host', 'install-worker.js'),
    // There is no desktop to hand the link to; saying so is the preview's equivalent, and the
    // host itself never fetches anything.
    openExternal: async (url) => {
      console.log(`${PREFIX} would open ${url}`);
    },
    openPath: async (file) => {
      console.log(`${PREFIX} would open file ${file}`);
    },
  });

  const token = randomBytes(24).toString('base64url');
  const server = createHostServer({
    handlers: services.handlers,
    library: services.library,
    rendererDir,
    shimFile,
    token,
  });
  server.on('error', (error: NodeJS.ErrnoException) => {
    const reason =
      error.code === 'EADDRINUSE' ? `port ${args.port} is already in use; pass another --port or 0` : error.message;
    fail(`cannot listen on 127.0.0.1: ${reason}.`, 1);
  });
  server.listen(args.port, '127.0.0.1', () => {
    const { port } = server.address() as AddressInfo;
    console.log(`${PREFIX} http://127.0.0.1:${port}/?token=${token}`);
  });

  const stop = () => {
    server.close(() => {
      // Pending study changes are folded into their files before the host exits.
      try {
        services.close();
      } finally {
        process.exit(0);
      }
    });
    server.closeAllConnections();
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => fail(`could not start: ${(error as Error).stack ?? String(error)}`, 1));
