import Conf from 'conf';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { compileBundledCourse } from '../../../build/scripts/compile-bundled-course.js';
import { createAppServices, type AppServices } from '../../../electron/core/app-services.js';
import type { ConfConstructor } from '../../../electron/core/storage/store.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/** conf is electron-store's base class: the same files and format, usable in plain Node. */
export const NodeStore = Conf as unknown as ConfConstructor;

export const tempDir = (prefix = 'carrel-test-') => mkdtempSync(path.join(tmpdir(), prefix));

let bundledPack: string | undefined;

/** The real bundled course, compiled once per test file into a temp folder. */
export function bundledCoursePack(): string {
  if (!bundledPack) {
    const out = tempDir('carrel-pack-');
    const { id } = compileBundledCourse(repoRoot, out);
    bundledPack = path.join(out, id);
  }
  return bundledPack;
}

export interface TestServices extends AppServices {
  userDataDir: string;
  opened: string[];
  /** Course files handed to the operating system, by their path on disk. */
  openedFiles: string[];
}

/** The app's services as both hosts wire them, over real files in a fresh user-data folder. */
export function startServices(userDataDir = tempDir()): TestServices {
  const opened: string[] = [];
  const openedFiles: string[] = [];
  const services = createAppServices({
    appName: 'Carrel',
    appVersion: '0.0.0-test',
    userDataDir,
    bundledCourseDirs: [bundledCoursePack()],
    Store: NodeStore,
    openExternal: async (url) => {
      opened.push(url);
    },
    openPath: async (file) => {
      openedFiles.push(file);
    },
  });
  return { ...services, userDataDir, opened, openedFiles };
}
