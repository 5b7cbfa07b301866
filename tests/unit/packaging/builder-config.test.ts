/**
 * The packaging config (electron-builder.yml) checked without building a runnable package: no
 * Electron binary can be downloaded on our build machines, so nothing here starts the app.
 *
 * 1. The FILE SELECTION ONLY: the config is validated by electron-builder's own schema and its
 *    `files` globs are applied to the repository by electron-builder's own matcher, which tells
 *    what would go into app.asar.
 * 2. On Linux, the real electron-builder packs the app around a stand-in for the Electron
 *    folder; the resulting app.asar is listed and the fuses it flipped are read back. The
 *    stand-in is not a program: it carries only Electron's fuse wire, so the package cannot run.
 */
import * as asar from '@electron/asar';
import { FuseV1Options, getCurrentFuseWire } from '@electron/fuses';
import type { Configuration } from 'app-builder-lib';
import { execFile } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
  type Stats,
} from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

const { getConfig, validateConfiguration } = require('app-builder-lib/out/util/config/config') as {
  getConfig(projectDir: string, configPath: string | null, configFromOptions: null): Promise<Configuration>;
  validateConfiguration(config: Configuration, logger: unknown): Promise<void>;
};
const { DebugLogger } = require('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };

interface FileMatcher {
  createFilter(): (file: string, stat: Stats) => boolean;
}
/**
 * electron-builder's own matcher for the app's files: it adds its default exclusions (build
 * resources, the output folder, lock files...) to the config's globs. Internal to app-builder-lib,
 * whose version package.json pins through electron-builder; it needs only these packager fields.
 */
const { getMainFileMatchers } = require('app-builder-lib/out/fileMatcher') as {
  getMainFileMatchers(
    appDir: string,
    destination: string,
    macroExpander: (pattern: string) => string,
    platformOptions: object,
    packager: { info: object },
    outDir: string,
    isElectronCompile: boolean,
  ): FileMatcher[];
};

/** What `npm run build` leaves in dist/ that the app needs at run time. */
const BUILT = [
  'dist/main/index.js',
  'dist/preload/index.cjs',
  'dist/renderer/index.html',
  'dist/courses/generative-ai/manifest.json',
  'dist/courses/generative-ai/assets/imgs/gen1.png',
  'dist/courses/generative-ai/search/index.bin',
  'dist/main/install-worker.js',
  'dist/course-data/shortcodes.json.gz',
];
const APP_FOLDERS = ['dist/main/', 'dist/preload/', 'dist/renderer/', 'dist/courses/', 'dist/course-data/'];

function requireBuild(): void {
  const missing = BUILT.filter((file) => !existsSync(path.join(root, file)));
  if (missing.length > 0) {
    throw new Error(`dist/ is incomplete (missing ${missing.join(', ')}): run npm run build first.`);
  }
}

async function loadConfig(): Promise<Configuration> {
  return getConfig(root, null, null);
}

/** Walks the repository the way electron-builder does: a folder the filter refuses is not entered. */
function selectAppFiles(config: Configuration): string[] {
  const debugLogger = new DebugLogger(false);
  const info = {
    projectDir: root,
    buildResourcesDir: config.directories!.buildResources!,
    isPrepackedAppAsar: false,
    config,
    debugLogger,
  };
  const outDir = path.join(root, config.directories!.output!);
  const [matcher, ...others] = getMainFileMatchers(root, root, (pattern) => pattern, {}, { info }, outDir, false);
  expect(others).toEqual([]);
  const filter = matcher!.createFilter();
  const selected: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const file = path.join(dir, name);
      const stat = statSync(file);
      if (!filter(file, stat)) continue;
      if (stat.isDirectory()) walk(file);
      else selected.push(path.relative(root, file).split(path.sep).join('/'));
    }
  };
  walk(root);
  return selected.sort();
}

/** Files that exist in the repository and must never ship. */
function sourcesThatMustStayOut(): string[] {
  const candidates = [
    'electron/main/index.ts',
    'electron/preload/index.ts',
    'electron/core/api.ts',
    'electron/contract.ts',
    'renderer/index.html',
    'renderer/src/main.ts',
    'content/course.json',
    'imgs/gen1.png',
    'tests/unit/packaging/builder-config.test.ts',
    'build/icon.png',
    'electron-builder.yml',
    'dist/main/index.js.map',
    'dist/browser-host/index.js',
    'dist/cli/carrel.js',
  ];
  return candidates.filter((file) => existsSync(path.join(root, file)));
}

describe('electron-builder config', () => {
  beforeAll(requireBuild);

  it('passes electron-builder’s own validation and turns the security fuses on', async () => {
    const config = await loadConfig();
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
    });
    expect(config.publish).toBeNull();
  });

  it('FILE SELECTION ONLY: app.asar would hold the compiled app and the course pack, and no sources', async () => {
    const selected = selectAppFiles(await loadConfig());

    for (const file of [...BUILT, 'package.json']) expect(selected).toContain(file);
    const stray = selected.filter(
      (file) => file !== 'package.json' && !APP_FOLDERS.some((folder) => file.startsWith(folder)),
    );
    expect(stray).toEqual([]);
    expect(selected.filter((file) => file.endsWith('.map'))).toEqual([]);
    const leaked = sourcesThatMustStayOut().filter((file) => selected.includes(file));
    expect(leaked).toEqual([]);
  });
});

/**
 * Electron's fuse wire as @electron/fuses finds it in a binary: a sentinel, the wire version, the
 * number of fuses, then one byte per fuse ('1' on, '0' off), here with Electron's defaults.
 */
const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
const DEFAULT_FUSES = '10110001';

const packSkipReason =
  process.platform === 'linux'
    ? undefined
    : `packing around a stand-in Electron folder is set up for Linux only (this is ${process.platform})`;

describe.skipIf(packSkipReason !== undefined)('electron-builder --dir with a stand-in Electron folder', () => {
  let work: string;
  let unpacked: string;

  beforeAll(async () => {
    requireBuild();
    work = mkdtempSync(path.join(os.tmpdir(), 'carrel-builder-'));
    const electronDist = path.join(work, 'electron-dist');
    mkdirSync(electronDist);
    writeFileSync(
      path.join(electronDist, 'electron'),
      Buffer.concat([
        Buffer.from('Stand-in for the Electron executable; it only carries the fuse wire.\n'),
        Buffer.from(FUSE_SENTINEL),
        Buffer.from([1, DEFAULT_FUSES.length]),
        Buffer.from(DEFAULT_FUSES),
      ]),
      { mode: 0o755 },
    );
    const output = path.join(work, 'release');
    await promisify(execFile)(
      process.execPath,
      [
        require.resolve('electron-builder/cli.js'),
        '--linux',
        '--dir',
        `-c.electronDist=${electronDist}`,
        `-c.directories.output=${output}`,
      ],
      { cwd: root, env: { ...process.env, CI: '1' } },
    );
    unpacked = path.join(output, 'linux-unpacked');
  }, 180_000);

  afterAll(() => {
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('packs exactly the compiled app, the course pack and the runtime dependencies into app.asar', () => {
    const archive = path.join(unpacked, 'resources', 'app.asar');
    const entries = asar.listPackage(archive, { isPack: false }).map((entry) => entry.split(path.sep).join('/'));

    for (const file of [...BUILT, 'package.json']) expect(entries).toContain(`/${file}`);
    // Every runtime dependency: imports compile courses inside the app (marked, yaml, ignore…).
    const { dependencies } = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
      dependencies: Record<string, string>;
    };
    for (const dependency of Object.keys(dependencies))
      expect(entries).toContain(`/node_modules/${dependency}/package.json`);

    const topLevel = [...new Set(entries.map((entry) => entry.split('/')[1]))].sort();
    expect(topLevel).toEqual(['dist', 'node_modules', 'package.json']);
    const distFolders = [...new Set(entries.filter((e) => e.startsWith('/dist/')).map((e) => e.split('/')[2]))].sort();
    expect(distFolders).toEqual(['course-data', 'courses', 'main', 'preload', 'renderer']);
    const ours = entries.filter((entry) => !entry.startsWith('/node_modules/'));
    expect(ours.filter((entry) => entry.endsWith('.map') || entry.endsWith('.ts'))).toEqual([]);
    for (const devOnly of ['electron', 'electron-builder', 'vite', 'svelte', '@playwright']) {
      expect(entries).not.toContain(`/node_modules/${devOnly}`);
    }

    const manifest = JSON.parse(asar.extractFile(archive, 'package.json').toString('utf8')) as { main: string };
    expect(entries).toContain(`/${manifest.main}`);
  });

  it('flips the security fuses in the packaged executable', async () => {
    const executable = readdirSync(unpacked).find((name) => statSync(path.join(unpacked, name)).isFile());
    const wire = (await getCurrentFuseWire(path.join(unpacked, executable!))) as unknown as Record<number, number>;
    const on = (fuse: number) => String.fromCharCode(wire[fuse]!) === '1';
    expect({
      runAsNode: on(FuseV1Options.RunAsNode),
      enableCookieEncryption: on(FuseV1Options.EnableCookieEncryption),
      enableNodeOptionsEnvironmentVariable: on(FuseV1Options.EnableNodeOptionsEnvironmentVariable),
      enableNodeCliInspectArguments: on(FuseV1Options.EnableNodeCliInspectArguments),
      enableEmbeddedAsarIntegrityValidation: on(FuseV1Options.EnableEmbeddedAsarIntegrityValidation),
      onlyLoadAppFromAsar: on(FuseV1Options.OnlyLoadAppFromAsar),
      grantFileProtocolExtraPrivileges: on(FuseV1Options.GrantFileProtocolExtraPrivileges),
    }).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });
});
