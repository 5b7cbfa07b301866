import { app } from 'electron';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * dist/, found from the compiled main file (dist/main/index.js). Packaged, the same layout sits
 * inside app.asar, whose files Electron's fs reads like any others.
 */
const distDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export const appPaths = {
  renderer: path.join(distDir, 'renderer'),
  preload: path.join(distDir, 'preload', 'index.cjs'),
  installWorker: path.join(distDir, 'main', 'install-worker.js'),
  bundledCourses: [path.join(distDir, 'courses', 'generative-ai')],
};

/**
 * `CARREL_USER_DATA=<folder>` makes Carrel keep its settings and study data in that folder instead
 * of the usual per-user one, so a run can start from a clean slate and a later run can pick the
 * same data up again (the end-to-end tests do exactly this). It must be applied before the app is
 * ready, because Chromium's own session data and the single-instance lock live there too.
 */
export function applyUserDataOverride(): void {
  const dir = process.env.CARREL_USER_DATA;
  if (dir) app.setPath('userData', path.resolve(dir));
}
