/**
 * `npm run build`: everything the app and the browser host run, into dist/.
 *   dist/courses/<id>/   the bundled course, compiled into a pack folder (start-up never compiles)
 *   dist/renderer/       the Svelte renderer (Vite)
 *   dist/main/           Electron's main process (ESM; packages stay in node_modules)
 *   dist/preload/        the preload, one CommonJS file as sandboxed preloads require
 *   dist/browser-host/   the test/preview host and its window.carrel shim (not packaged)
 */
import { build as esbuild, type BuildOptions } from 'esbuild';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build as viteBuild } from 'vite';
import { writeShortcodeData } from '../../electron/core/course/shortcode-data.js';
import { compileBundledCourse } from './compile-bundled-course.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const dist = path.join(root, 'dist');
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };

const nodeBundle: BuildOptions = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  sourcemap: true,
  logLevel: 'warning',
  // Runtime packages load from node_modules (inside app.asar when packaged), not from the bundle.
  external: ['electron', ...Object.keys(pkg.dependencies)],
  banner: { js: "import { createRequire as __carrelRequire } from 'node:module'; const require = __carrelRequire(import.meta.url);" },
};

async function main(): Promise<void> {
  const started = Date.now();
  writeShortcodeData(path.join(dist, 'course-data'));
  const course = compileBundledCourse(root, path.join(dist, 'courses'));
  console.log(`course: ${course.title} (${course.sections} sections) -> dist/courses/${course.id}`);

  await viteBuild({ configFile: path.join(root, 'renderer/vite.config.ts'), logLevel: 'warn' });
  console.log('renderer -> dist/renderer');

  const installWorker = path.join(root, 'electron/core/library/install-worker.ts');
  await Promise.all([
    // Split so the services the window does not need to appear load after it opens (dynamic import).
    // Each host gets its own course-import worker beside it (see core/library/worker-installer.ts).
    esbuild({
      ...nodeBundle,
      entryPoints: { index: path.join(root, 'electron/main/index.ts'), 'install-worker': installWorker },
      outdir: path.join(dist, 'main'),
      splitting: true,
      chunkNames: 'chunks/[name]-[hash]',
    }),
    esbuild({
      ...nodeBundle,
      format: 'cjs',
      banner: {},
      entryPoints: [path.join(root, 'electron/preload/index.ts')],
      outfile: path.join(dist, 'preload/index.cjs'),
    }),
    esbuild({
      ...nodeBundle,
      banner: { js: `#!/usr/bin/env node\n${nodeBundle.banner!.js}` },
      entryPoints: [path.join(root, 'electron/core/cli.ts')],
      outfile: path.join(dist, 'cli/carrel.js'),
    }),
    esbuild({
      ...nodeBundle,
      entryPoints: { index: path.join(root, 'electron/browser-host/index.ts'), 'install-worker': installWorker },
      outdir: path.join(dist, 'browser-host'),
      splitting: true,
      chunkNames: 'chunks/[name]-[hash]',
    }),
    esbuild({
      bundle: true,
      platform: 'browser',
      format: 'iife',
      target: 'chrome120',
      logLevel: 'warning',
      entryPoints: [path.join(root, 'electron/browser-host/shim.ts')],
      outfile: path.join(dist, 'browser-host/shim.js'),
    }),
  ]);
  console.log(`main, preload, browser host -> dist/ (${((Date.now() - started) / 1000).toFixed(1)} s)`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
