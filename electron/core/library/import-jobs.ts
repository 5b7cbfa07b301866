import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { CourseImportReport, ImportedFile, ImportJob } from '../../contract.js';
import { CarrelError, invalidPayload, notFound } from '../errors.js';
import { resolveInside } from '../protocol/path-guard.js';
import { courseText, reanchorHighlights } from '../study/reanchor-highlights.js';
import type { StudyRepository } from '../study/study-repository.js';
import { importError, type CourseInstaller, type InstallRequest } from './course-installer.js';
import type { Library } from './library.js';

/** What an import may bring in before it is even looked at; the pack reader has its own caps. */
const MAX_IMPORT_BYTES = 500 * 1024 * 1024;
const MAX_FOLDER_FILES = 20_000;
/** Finished jobs are kept this long so a slow poll still sees the outcome. */
const KEEP_FINISHED_MS = 10 * 60 * 1000;

/**
 * Imports run in the background: the handler answers at once with a job, and the renderer asks
 * for its status to draw a progress bar. Received files are staged in a temporary folder that is
 * always removed; the library changes only when the installer has finished successfully.
 */
export class ImportJobs {
  private readonly jobs = new Map<string, ImportJob>();

  constructor(
    private readonly library: Library,
    private readonly study: StudyRepository,
    private readonly install: CourseInstaller,
    private readonly now: () => Date = () => new Date(),
  ) {}

  startPack(fileName: string, base64: string): ImportJob {
    if (!fileName.toLowerCase().endsWith('.carrel')) {
      throw invalidPayload(`${fileName} is not a Carrel course pack (a .carrel file). To import an MkDocs project, choose its folder.`);
    }
    const bytes = decode(base64, fileName);
    return this.start((staging) => {
      // Staged under the student's own file name, so messages about the pack name the file they chose.
      const file = path.join(staging, path.basename(fileName.replace(/[\\/:*?"<>|\0]/g, '_')));
      writeFileSync(file, bytes);
      return { kind: 'pack', file, installedDir: this.library.ensureInstalledDir() };
    }, 'unpacking');
  }

  startFolder(folderName: string, files: ImportedFile[]): ImportJob {
    if (files.length > MAX_FOLDER_FILES) {
      throw invalidPayload(`The folder ${folderName} holds ${files.length} files; Carrel imports at most ${MAX_FOLDER_FILES}.`);
    }
    if (!files.some((f) => f.path === 'mkdocs.yml' || f.path === 'mkdocs.yaml')) {
      throw invalidPayload(`The folder ${folderName} has no mkdocs.yml at its top level, so it is not an MkDocs project.`);
    }
    const decoded = files.map((f) => ({ path: f.path, bytes: decode(f.data, f.path) }));
    const total = decoded.reduce((n, f) => n + f.bytes.length, 0);
    if (total > MAX_IMPORT_BYTES) throw invalidPayload(`The folder ${folderName} is larger than ${MAX_IMPORT_BYTES / 1024 / 1024} MB.`);
    return this.start((staging) => {
      const dir = path.join(staging, 'project');
      for (const file of decoded) {
        const target = resolveInside(dir, file.path.split('/').map(encodeURIComponent).join('/'));
        if (!target) throw invalidPayload(`The file path ${file.path} leaves the folder ${folderName}.`);
        mkdirSync(path.dirname(target), { recursive: true });
        writeFileSync(target, file.bytes);
      }
      return { kind: 'folder', dir, installedDir: this.library.ensureInstalledDir() };
    }, 'compiling');
  }

  status(jobId: string): ImportJob {
    const job = this.jobs.get(jobId);
    if (!job) throw notFound(`There is no import with id ${jobId}.`);
    return { ...job };
  }

  private start(stage: (staging: string) => InstallRequest, working: ImportJob['phase']): ImportJob {
    const job: ImportJob = { id: randomUUID(), phase: 'reading', progress: 0, report: null, error: null };
    this.jobs.set(job.id, job);
    void this.run(job, stage, working);
    return { ...job };
  }

  private async run(job: ImportJob, stage: (staging: string) => InstallRequest, working: ImportJob['phase']): Promise<void> {
    const staging = mkdtempSync(path.join(tmpdir(), 'carrel-import-'));
    try {
      const request = stage(staging);
      job.phase = working;
      job.progress = 0.05;
      const result = await this.install(request, (fraction) => {
        job.progress = 0.05 + 0.85 * fraction;
      });
      job.phase = 'installing';
      job.progress = 0.92;
      const replaced = this.library.has(result.manifest.id);
      const manifest = this.library.registerImport(result.dir, this.now());
      if (replaced) reanchorHighlights(this.study.forCourse(manifest.id), courseText(this.library, manifest.id), this.now());
      const report: CourseImportReport = {
        courseId: manifest.id,
        title: manifest.title,
        replaced,
        pageCount: this.library.list().find((c) => c.id === manifest.id)?.pageCount ?? 0,
        warnings: result.warnings,
      };
      Object.assign(job, { phase: 'done', progress: 1, report });
    } catch (error) {
      Object.assign(job, { phase: 'failed', error: importError(error).toPayload() });
    } finally {
      rmSync(staging, { recursive: true, force: true });
      setTimeout(() => this.jobs.delete(job.id), KEEP_FINISHED_MS).unref();
    }
  }
}

function decode(base64: string, name: string): Buffer {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(base64)) throw invalidPayload(`${name} did not arrive intact (its data is not base64).`);
  const bytes = Buffer.from(base64, 'base64');
  if (bytes.length > MAX_IMPORT_BYTES) {
    throw new CarrelError('invalid-payload', `${name} is larger than ${MAX_IMPORT_BYTES / 1024 / 1024} MB.`);
  }
  return bytes;
}
