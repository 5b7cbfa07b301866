import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { packFileBytes } from '../../../electron/core/course/pack-format.js';
import { installFolder, installPack } from '../../../electron/core/course/pack/install.js';
import { PackError } from '../../../electron/core/course/pack/pack-error.js';
import { writeZip, type ZipInput } from '../../../electron/core/course/pack/zip-writer.js';
import type { SearchDocument } from '../../../electron/core/course/search-documents.js';
import { Library } from '../../../electron/core/library/library.js';
import { compileFolder, fixture, fixtureCopy, tempDir } from './support.js';

const featuresPack = packFileBytes(compileFolder(fixture('features')));

function packFile(bytes: Buffer, name = 'course.carrel'): string {
  const file = path.join(tempDir('carrel-pack-'), name);
  writeFileSync(file, bytes);
  return file;
}

/** The entries of the features pack, to build altered packs from. */
function featureEntries(): ZipInput[] {
  const dir = installPack(packFile(featuresPack), tempDir()).dir;
  const entries: ZipInput[] = [];
  const walk = (folder: string, prefix: string) => {
    for (const name of readdirSync(folder, { withFileTypes: true })) {
      if (name.isDirectory()) walk(path.join(folder, name.name), `${prefix}${name.name}/`);
      else entries.push({ name: prefix + name.name, data: readFileSync(path.join(folder, name.name)) });
    }
  };
  walk(dir, '');
  return entries;
}

/** A library folder with one course already in it, to check failures leave it exactly as it was. */
function libraryWithCourse(): { library: string; before: string[] } {
  const library = tempDir('carrel-library-');
  installPack(packFile(featuresPack), library);
  return { library, before: listTree(library) };
}

function listTree(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).sort();
}

/** Sets the Unix mode of one entry in the central directory, as zip tools record symlinks. */
function withMode(zip: Buffer, entryName: string, mode: number): Buffer {
  const copy = Buffer.from(zip);
  for (let i = 0; i < copy.length - 46; i++) {
    if (copy.readUInt32LE(i) !== 0x02014b50) continue;
    const nameLength = copy.readUInt16LE(i + 28);
    if (copy.subarray(i + 46, i + 46 + nameLength).toString() === entryName)
      copy.writeUInt32LE((mode << 16) >>> 0, i + 38);
  }
  return copy;
}

/** Rewrites the unpacked size an entry declares, in both headers. */
function withDeclaredSize(zip: Buffer, entryName: string, size: number): Buffer {
  const copy = Buffer.from(zip);
  for (let i = 0; i < copy.length - 30; i++) {
    const signature = copy.readUInt32LE(i);
    if (signature === 0x02014b50 && copy.subarray(i + 46, i + 46 + copy.readUInt16LE(i + 28)).toString() === entryName)
      copy.writeUInt32LE(size, i + 24);
    if (signature === 0x04034b50 && copy.subarray(i + 30, i + 30 + copy.readUInt16LE(i + 26)).toString() === entryName)
      copy.writeUInt32LE(size, i + 22);
  }
  return copy;
}

describe('course packs', () => {
  it('are deterministic: the same course gives the same bytes, wherever it is compiled', () => {
    expect(packFileBytes(compileFolder(fixtureCopy('features'))).equals(featuresPack)).toBe(true);
  });

  it('install into the library and open there, with search documents beside the pages', () => {
    const library = tempDir('carrel-library-');
    const progress: number[] = [];
    const result = installPack(packFile(featuresPack), library, { onProgress: (f) => progress.push(f) });
    expect(result.manifest.id).toBe('feature-tour');
    expect(readdirSync(library)).toEqual(['feature-tour']);
    expect(progress[0]).toBe(0);
    expect(progress.at(-1)).toBe(1);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));

    const opened = new Library({ bundledCourseDirs: [], installedDir: library });
    expect(opened.page('feature-tour', 'guide/code.md').sections.map((s) => s.title)).toEqual(['Code', 'Math']);
    const documents = JSON.parse(
      readFileSync(path.join(result.dir, 'search/documents.json'), 'utf8'),
    ) as SearchDocument[];
    expect(documents.find((d) => d.id === 'index.md#getting-started')).toEqual({
      id: 'index.md#getting-started',
      pagePath: 'index.md',
      pageTitle: 'Home',
      sectionTitle: 'Getting started',
      headings: ['Heading with id'],
      text: 'Getting started Read the guide first, then the admonitions. Download the slides or visit MkDocs. Start This paragraph has a class. Heading with id Jump to the custom heading.',
    });
  });

  it('replace an installed course with the same id, leaving nothing else behind', () => {
    const { library } = libraryWithCourse();
    const result = installPack(packFile(featuresPack), library);
    expect(readdirSync(library)).toEqual(['feature-tour']);
    expect(existsSync(path.join(result.dir, 'manifest.json'))).toBe(true);
  });

  it('can be made from an MkDocs folder directly, refusing one with errors', () => {
    const { library, before } = libraryWithCourse();
    const progress: number[] = [];
    const result = installFolder(fixture('defaults'), library, { onProgress: (f) => progress.push(f) });
    // mkdocs.yml's plugin, two extensions, extra_css and extra_javascript, carried into the import report.
    expect(result.warnings.map((w) => `${w.file}:${w.line}`)).toEqual([
      'mkdocs.yml:8',
      'mkdocs.yml:11',
      'mkdocs.yml:12',
      'mkdocs.yml:15',
      'mkdocs.yml:17',
    ]);
    expect(readdirSync(library).sort()).toEqual(['default-order-101', 'feature-tour']);
    expect(progress.at(-1)).toBe(1);

    const other = libraryWithCourse();
    expect(() => installFolder(fixture('broken'), other.library)).toThrow(
      /The course "Broken Course" has 5 errors and was not imported:\ndocs\/index\.md:5: The image imgs\/gone\.png was not found\./,
    );
    expect(listTree(other.library)).toEqual(other.before);
    expect(before.length).toBeGreaterThan(0);
  });
});

describe('a bad pack is refused with a clear error and the library stays as it was', () => {
  const cases: [string, () => Buffer, RegExp][] = [
    [
      'not a zip',
      () => Buffer.from('This is a text file, not a course.\n'.repeat(10)),
      /bad\.carrel is not a zip file\./,
    ],
    [
      'a truncated zip',
      () => featuresPack.subarray(0, Math.floor(featuresPack.length / 2)),
      /bad\.carrel is truncated/,
    ],
    [
      'an entry climbing out with ../',
      () => writeZip([...featureEntries(), { name: 'pages/../../evil.txt', data: Buffer.from('x') }]),
      /climbs out of the pack with "\.\."/,
    ],
    [
      'an absolute path',
      () => writeZip([...featureEntries(), { name: '/etc/evil', data: Buffer.from('x') }]),
      /has an absolute path/,
    ],
    [
      'a drive letter',
      () => writeZip([...featureEntries(), { name: 'C:/Windows/evil.txt', data: Buffer.from('x') }]),
      /starts with a drive letter/,
    ],
    [
      'a backslash path',
      () => writeZip([...featureEntries(), { name: 'assets\\..\\evil.txt', data: Buffer.from('x') }]),
      /uses backslashes/,
    ],
    [
      'a symlink entry',
      () =>
        withMode(
          writeZip([...featureEntries(), { name: 'assets/link', data: Buffer.from('/etc/passwd') }]),
          'assets/link',
          0o120777,
        ),
      /contains a symbolic link \(assets\/link\)/,
    ],
    [
      'a zip bomb past the total size cap',
      () =>
        withDeclaredSize(
          writeZip([...featureEntries(), { name: 'assets/bomb.bin', data: Buffer.alloc(1024) }]),
          'assets/bomb.bin',
          510 * 1024 * 1024,
        ),
      /would unpack to more than 500 MB/,
    ],
    [
      'too many files',
      () => writeZip(Array.from({ length: 20_001 }, (_, i) => ({ name: `assets/f${i}.txt`, data: Buffer.from('x') }))),
      /has 20001 files; a course pack may have at most 20000/,
    ],
    [
      'an entry compressed like a bomb',
      () => writeZip([...featureEntries(), { name: 'assets/zeros.bin', data: Buffer.alloc(20 * 1024 * 1024) }]),
      /compressed suspiciously well/,
    ],
    [
      'an entry larger than it says',
      () => withDeclaredSize(writeZip(featureEntries()), 'pages/index.html', 10),
      /pages\/index\.html does not unpack to its recorded size/,
    ],
    [
      'a pack from a newer Carrel',
      () =>
        writeZip(
          featureEntries().map((e) =>
            e.name === 'manifest.json'
              ? { ...e, data: Buffer.from(JSON.stringify({ ...JSON.parse(e.data.toString()), format: 7 })) }
              : e,
          ),
        ),
      /^This pack needs a newer Carrel \(format 7\)/,
    ],
    [
      'no manifest',
      () => writeZip(featureEntries().filter((e) => e.name !== 'manifest.json')),
      /has no manifest\.json at its root/,
    ],
    [
      'a manifest that is not JSON',
      () =>
        writeZip(featureEntries().map((e) => (e.name === 'manifest.json' ? { ...e, data: Buffer.from('{ nope') } : e))),
      /invalid manifest\.json: it is not valid JSON/,
    ],
    [
      'a manifest with a bad id',
      () =>
        writeZip(
          featureEntries().map((e) =>
            e.name === 'manifest.json'
              ? { ...e, data: Buffer.from(JSON.stringify({ ...JSON.parse(e.data.toString()), id: '../x' })) }
              : e,
          ),
        ),
      /id must be lowercase letters/,
    ],
    [
      'a page the manifest names but the pack lacks',
      () => writeZip(featureEntries().filter((e) => e.name !== 'pages/extras.html')),
      /is incomplete: pages\/extras\.html is missing/,
    ],
    [
      'a file the manifest does not list',
      () => writeZip([...featureEntries(), { name: 'extra/surprise.exe', data: Buffer.from('MZ') }]),
      /contains extra\/surprise\.exe, which its manifest does not list/,
    ],
  ];

  for (const [name, build, message] of cases) {
    it(`refuses ${name}`, () => {
      const { library, before } = libraryWithCourse();
      const file = packFile(build(), 'bad.carrel');
      let thrown: unknown;
      try {
        installPack(file, library);
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(PackError);
      expect((thrown as Error).message).toMatch(message);
      expect(listTree(library)).toEqual(before);
    });
  }
});
