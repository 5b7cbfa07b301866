import type { CourseManifest, NavNode } from '../../../contract.js';
import { PACK_FORMAT } from '../compile-course.js';
import { MANIFEST_FILE, pageFileName, SEARCH_DOCUMENTS_FILE, SEARCH_INDEX_FILE } from '../pack-format.js';
import { isPageFile } from '../source.js';
import { PackError } from './pack-error.js';
import { DEFAULT_ZIP_LIMITS, unsafeEntryName, ZipReader, type ZipEntry, type ZipLimits } from './zip-reader.js';

/**
 * Opens a `.carrel` file and checks it completely before anything is unpacked: the zip itself
 * (zip-reader.ts), then the manifest, then that every page and asset the manifest names is there
 * and nothing else is. Every problem is a PackError whose message names what is wrong.
 */
export interface OpenedPack {
  manifest: CourseManifest;
  reader: ZipReader;
  /** The entries to unpack, in archive order. */
  entries: ZipEntry[];
}

export const COURSE_ID = /^[a-z0-9][a-z0-9_-]{0,99}$/;

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function fail(label: string, problem: string): never {
  throw new PackError(`${label} has an invalid manifest.json: ${problem}.`);
}

const isObject = (value: Json | undefined): value is { [key: string]: Json } =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const isString = (value: Json | undefined): value is string => typeof value === 'string';

function checkNav(nodes: Json | undefined, label: string, where: string): void {
  if (!Array.isArray(nodes)) fail(label, `${where} must be a list`);
  for (const node of nodes) {
    if (!isObject(node) || !isString(node.title)) fail(label, `an entry of ${where} has no title`);
    if (node.kind === 'group') checkNav(node.children, label, `the group "${node.title}"`);
    else if (node.kind === 'link') {
      if (!isString(node.url)) fail(label, `the link "${node.title}" has no url`);
    } else if (node.kind === 'page') {
      if (!isString(node.path) || !isPageFile(node.path, true) || unsafeEntryName(node.path))
        fail(label, `the page "${node.title}" has an invalid path`);
      if (!Array.isArray(node.sections)) fail(label, `the page "${node.title}" has no section list`);
      for (const section of node.sections) {
        if (
          !isObject(section) ||
          !isString(section.id) ||
          !isString(section.title) ||
          !Array.isArray(section.toc) ||
          typeof section.empty !== 'boolean'
        ) {
          fail(label, `a section of "${node.title}" is incomplete`);
        }
      }
    } else fail(label, `the entry "${node.title}" has an unknown kind`);
  }
}

/** Checks a parsed manifest.json; returns it typed, or throws PackError. */
export function validateManifest(value: Json, label: string): CourseManifest {
  if (!isObject(value)) fail(label, 'it is not a JSON object');
  if (typeof value.format !== 'number' || !Number.isInteger(value.format) || value.format < 1)
    fail(label, 'format must be a positive whole number');
  if (value.format > PACK_FORMAT) {
    throw new PackError(
      `This pack needs a newer Carrel (format ${value.format}); this Carrel reads packs up to format ${PACK_FORMAT}.`,
    );
  }
  if (!isString(value.id) || !COURSE_ID.test(value.id))
    fail(label, 'id must be lowercase letters, digits, dashes and underscores');
  if (!isString(value.title) || !value.title.trim()) fail(label, 'title is missing');
  if (!isString(value.version)) fail(label, 'version is missing');
  checkNav(value.nav, label, 'nav');
  if (!Array.isArray(value.assets) || !value.assets.every((a) => isString(a) && !unsafeEntryName(a)))
    fail(label, 'assets must be a list of relative paths');
  return value as unknown as CourseManifest;
}

function pagePaths(nav: NavNode[]): string[] {
  return nav.flatMap((node) =>
    node.kind === 'page' ? [node.path] : node.kind === 'group' ? pagePaths(node.children) : [],
  );
}

export function openPack(file: string, limits: ZipLimits = DEFAULT_ZIP_LIMITS, label = file): OpenedPack {
  const reader = ZipReader.open(file, limits, label);
  try {
    const byName = new Map(reader.entries.map((e) => [e.name, e]));
    const manifestEntry = byName.get(MANIFEST_FILE);
    if (!manifestEntry)
      throw new PackError(`${label} is not a Carrel course pack: it has no manifest.json at its root.`);
    let parsed: Json;
    const manifestText = reader.read(manifestEntry).toString('utf8');
    try {
      parsed = JSON.parse(manifestText) as Json;
    } catch {
      fail(label, 'it is not valid JSON');
    }
    const manifest = validateManifest(parsed, label);
    const optional = new Set([SEARCH_DOCUMENTS_FILE, SEARCH_INDEX_FILE]);
    const expected = new Set([MANIFEST_FILE, ...optional]);
    const pages = pagePaths(manifest.nav);
    if (new Set(pages).size !== pages.length) fail(label, 'a page appears twice in the nav');
    for (const page of pages) expected.add(pageFileName(page));
    for (const asset of manifest.assets) expected.add(`assets/${asset}`);
    for (const name of expected) {
      if (!optional.has(name) && !byName.has(name)) throw new PackError(`${label} is incomplete: ${name} is missing.`);
    }
    const unexpected = reader.entries.find((e) => !expected.has(e.name));
    if (unexpected) throw new PackError(`${label} contains ${unexpected.name}, which its manifest does not list.`);
    return { manifest, reader, entries: reader.entries };
  } catch (error) {
    reader.close();
    throw error;
  }
}
