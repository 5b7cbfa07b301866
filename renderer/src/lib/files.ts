import type { ImportedFile } from '../../../electron/contract';

/** Folders of an MkDocs project that are never part of the course: build output, tooling, VCS. */
const SKIPPED_FOLDERS = new Set(['site', '.git', 'node_modules', '.venv', 'venv', '__pycache__', '.cache']);

export function base64Of(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(new Error(`Could not read ${file instanceof File ? file.name : 'the file'}: ${reader.error?.message}`));
    reader.readAsDataURL(file);
  });
}

const keep = (relativePath: string) => !relativePath.split('/').some((part) => SKIPPED_FOLDERS.has(part));

/** Files chosen with <input webkitdirectory>: paths inside the chosen folder, and its name. */
export async function readChosenFolder(files: FileList): Promise<{ folderName: string; files: ImportedFile[] }> {
  const list = [...files];
  const folderName = list[0]?.webkitRelativePath.split('/')[0] ?? 'course';
  const kept = list
    .map((file) => ({ file, path: file.webkitRelativePath.split('/').slice(1).join('/') }))
    .filter(({ path }) => path && keep(path));
  return { folderName, files: await Promise.all(kept.map(async ({ file, path }) => ({ path, data: await base64Of(file) }))) };
}

function readEntries(directory: FileSystemDirectoryEntry): Promise<FileSystemEntry[]> {
  const reader = directory.createReader();
  const all: FileSystemEntry[] = [];
  return new Promise((resolve, reject) => {
    // readEntries answers in batches; an empty batch means the folder is done.
    const next = () =>
      reader.readEntries((batch) => {
        if (!batch.length) resolve(all);
        else {
          all.push(...batch);
          next();
        }
      }, reject);
    next();
  });
}

const fileOf = (entry: FileSystemFileEntry) => new Promise<File>((resolve, reject) => entry.file(resolve, reject));

/** A folder dropped on the window, read recursively. */
export async function readDroppedFolder(directory: FileSystemDirectoryEntry): Promise<{ folderName: string; files: ImportedFile[] }> {
  const files: ImportedFile[] = [];
  async function walk(folder: FileSystemDirectoryEntry, prefix: string): Promise<void> {
    for (const entry of await readEntries(folder)) {
      const path = prefix + entry.name;
      if (!keep(path)) continue;
      if (entry.isDirectory) await walk(entry as FileSystemDirectoryEntry, `${path}/`);
      else files.push({ path, data: await base64Of(await fileOf(entry as FileSystemFileEntry)) });
    }
  }
  await walk(directory, '');
  return { folderName: directory.name, files };
}
