import { existsSync, readdirSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync, gzipSync } from 'node:zlib';
import type { Gemoji } from 'gemoji';
import type { ShortcodeResolver } from './markdown/shortcodes.js';

/**
 * Where icon and emoji shortcodes get their pictures. The icon packages (Font Awesome, Material
 * Design Icons, Octicons) and the emoji list are tens of megabytes of small files, too much to ship
 * inside the app, while the app must compile imported courses. So `npm run build` writes every
 * icon and emoji into one gzipped JSON file, dist/course-data/shortcodes.json.gz (a few MB), and
 * the built app and CLI read it the first time a course is compiled. Running from source (tests,
 * the build itself), the same names are read from the packages, one file per icon used.
 */
export interface ShortcodeData {
  icons: Record<string, string>;
  emoji: Record<string, string>;
}

const DATA_FILE_NAME = 'shortcodes.json.gz';
/** Bundles sit in dist/<name>/ (dist/main/index.js, dist/cli/carrel.js) or in dist/<name>/chunks/. */
const BUNDLED_DATA_FILE =
  ['../course-data/', '../../course-data/']
    .map((dir) => fileURLToPath(new URL(dir + DATA_FILE_NAME, import.meta.url)))
    .find((file) => existsSync(file)) ?? '';

interface IconSet {
  prefix: string;
  /** Folder of the SVG files and how a file name maps to the icon name after the prefix. */
  dir: string;
}

function iconSets(): IconSet[] {
  const require = createRequire(import.meta.url);
  const packageDir = (name: string) => path.dirname(require.resolve(`${name}/package.json`));
  const fontAwesome = path.join(packageDir('@fortawesome/fontawesome-free'), 'svgs');
  return [
    { prefix: 'fontawesome-solid-', dir: path.join(fontAwesome, 'solid') },
    { prefix: 'fontawesome-regular-', dir: path.join(fontAwesome, 'regular') },
    { prefix: 'fontawesome-brands-', dir: path.join(fontAwesome, 'brands') },
    { prefix: 'material-', dir: path.join(packageDir('@mdi/svg'), 'svg') },
    { prefix: 'octicons-', dir: path.join(packageDir('@primer/octicons'), 'build', 'svg') },
  ];
}

/** One icon's SVG as it goes into a page: no comments, ids or fixed size; hidden from screen readers. */
function cleanSvg(svg: string): string {
  return svg
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/\s(?:id|width|height|class)="[^"]*"/g, '')
    .replace(/^<svg\b/, '<svg aria-hidden="true" focusable="false"')
    .replace(/>\s+</g, '><')
    .trim();
}

function loadEmojiFromPackage(): Record<string, string> {
  // gemoji is an ES module; Node (>= 20.19) loads it with require, which keeps this path synchronous.
  const { gemoji } = createRequire(import.meta.url)('gemoji') as { gemoji: Gemoji[] };
  const emoji: Record<string, string> = {};
  for (const entry of gemoji) for (const name of entry.names) emoji[name] = entry.emoji;
  return emoji;
}

function packageResolver(emoji: Record<string, string>): ShortcodeResolver {
  const sets = iconSets();
  const cache = new Map<string, string | undefined>();
  return {
    emoji: (name) => (Object.hasOwn(emoji, name) ? emoji[name] : undefined),
    icon(name) {
      if (!cache.has(name)) {
        const set = sets.find((s) => name.startsWith(s.prefix));
        const file = set && path.join(set.dir, `${name.slice(set.prefix.length)}.svg`);
        cache.set(name, file && existsSync(file) ? cleanSvg(readFileSync(file, 'utf8')) : undefined);
      }
      return cache.get(name);
    },
  };
}

function dataResolver(data: ShortcodeData): ShortcodeResolver {
  return {
    emoji: (name) => (Object.hasOwn(data.emoji, name) ? data.emoji[name] : undefined),
    icon: (name) => (Object.hasOwn(data.icons, name) ? data.icons[name] : undefined),
  };
}

let loaded: ShortcodeResolver | undefined;

/** The shortcode pictures: the built data file when running from dist/, else the packages. */
export function loadShortcodes(dataFile = BUNDLED_DATA_FILE): ShortcodeResolver {
  if (dataFile !== BUNDLED_DATA_FILE) return dataResolver(readShortcodeData(dataFile));
  loaded ??= dataFile ? dataResolver(readShortcodeData(dataFile)) : packageResolver(loadEmojiFromPackage());
  return loaded;
}

export function readShortcodeData(file: string): ShortcodeData {
  return JSON.parse(gunzipSync(readFileSync(file)).toString('utf8')) as ShortcodeData;
}

/** Writes every icon and emoji from the packages into `<dir>/shortcodes.json.gz`; returns the file. */
export function writeShortcodeData(dir: string): string {
  const icons: Record<string, string> = {};
  for (const set of iconSets()) {
    for (const file of readdirSync(set.dir)
      .filter((f) => f.endsWith('.svg'))
      .sort()) {
      icons[set.prefix + file.slice(0, -4)] = cleanSvg(readFileSync(path.join(set.dir, file), 'utf8'));
    }
  }
  const data: ShortcodeData = { icons, emoji: loadEmojiFromPackage() };
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, DATA_FILE_NAME);
  writeFileSync(file, gzipSync(JSON.stringify(data), { level: 9 }));
  return file;
}
