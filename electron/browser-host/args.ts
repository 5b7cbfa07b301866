import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';

export const USAGE = 'Usage: node dist/browser-host/index.js [--user-data DIR] [--port N]';

export interface HostArgs {
  /** Absolute path of the folder that holds settings and study data. */
  userDataDir: string;
  /** True when --user-data was not given and the shared temp folder is used. */
  userDataDefaulted: boolean;
  /** 0 asks the OS for a free port. */
  port: number;
  help: boolean;
}

export class ArgsError extends Error {
  override name = 'ArgsError';
}

/** Parses the host's command line; anything it does not know is an error, never ignored. */
export function parseHostArgs(argv: string[]): HostArgs {
  let values: { 'user-data'?: string; port?: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        'user-data': { type: 'string' },
        port: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    throw new ArgsError((error as Error).message);
  }

  const rawPort = values.port ?? '0';
  if (!/^\d{1,5}$/.test(rawPort) || Number(rawPort) > 65535) {
    throw new ArgsError(`--port must be a whole number from 0 to 65535 (0 picks a free port); got "${rawPort}".`);
  }
  const userData = values['user-data'];
  if (userData !== undefined && userData.trim() === '') {
    throw new ArgsError('--user-data needs a folder path; got an empty string.');
  }
  return {
    userDataDir: path.resolve(userData ?? path.join(os.tmpdir(), 'carrel-preview')),
    userDataDefaulted: userData === undefined,
    port: Number(rawPort),
    help: values.help ?? false,
  };
}
