import { copyFileSync, existsSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { NoticeBoard } from '../notices.js';

/**
 * The small storage interface core code depends on. In the app it is backed by electron-store;
 * in plain Node (tests, the browser host) by `conf`, electron-store's base, on real files.
 */
export interface StoreFile<T extends object> {
  readonly path: string;
  read(): T;
  write(value: T): void;
}

/** The part of conf's and electron-store's API that Carrel uses. */
export interface ConfLike<T> {
  readonly path: string;
  store: T;
}

export type ConfConstructor = new <T extends Record<string, unknown>>(options: {
  cwd: string;
  configName: string;
  defaults: T;
  accessPropertiesByDotNotation: boolean;
  clearInvalidConfig: boolean;
  watch: boolean;
}) => ConfLike<T>;

export interface StoreOpenOptions<T extends Record<string, unknown>> {
  dir: string;
  name: string;
  defaults: T;
  /** Says what the file holds, for the notice shown when it cannot be read. */
  description: string;
  notices: NoticeBoard;
}

export type StoreOpener = <T extends Record<string, unknown>>(options: StoreOpenOptions<T>) => StoreFile<T>;

/**
 * Opens a store file. A file that does not parse is never overwritten: it is copied aside with a
 * timestamp, a fresh file is started, and the user is told where the copy is.
 */
export function storeOpener(Conf: ConfConstructor, now: () => Date = () => new Date()): StoreOpener {
  return <T extends Record<string, unknown>>(options: StoreOpenOptions<T>): StoreFile<T> => {
    const open = () =>
      new Conf<T>({
        cwd: options.dir,
        configName: options.name,
        defaults: options.defaults,
        // Keys such as section ids contain dots; they are plain keys, never paths.
        accessPropertiesByDotNotation: false,
        clearInvalidConfig: false,
        watch: false,
      });

    let conf: ConfLike<T>;
    try {
      conf = open();
    } catch (error) {
      const file = path.join(options.dir, `${options.name}.json`);
      if (!existsSync(file)) throw error;
      const stamp = now().toISOString().replace(/[:.]/g, '-');
      const aside = path.join(options.dir, `${options.name}.unreadable-${stamp}.json`);
      copyFileSync(file, aside);
      rmSync(file);
      conf = open();
      options.notices.add({
        level: 'warning',
        title: `Your ${options.description} could not be read`,
        message: `The file ${file} was damaged (${(error as Error).message}). Carrel kept a copy at ${aside} and started a fresh file.`,
      });
    }

    return {
      path: conf.path,
      read: () => conf.store,
      write: (value) => {
        conf.store = value;
      },
    };
  };
}
