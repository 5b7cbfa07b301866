import type { CourseImportReport, CourseSummary, ImportJob, ImportedFile } from '../../../electron/contract';
import { api, ApiError } from '../lib/api';

const POLL_MS = 150;

/** The installed courses, and the import running right now, if any. */
export class LibraryState {
  courses = $state.raw<CourseSummary[]>([]);
  job = $state.raw<ImportJob | null>(null);
  /** What the last finished import found, shown until the student closes it. */
  report = $state.raw<CourseImportReport | null>(null);

  async refresh(): Promise<void> {
    this.courses = await api.listCourses({});
  }

  importPack(fileName: string, data: string): Promise<CourseImportReport> {
    return this.follow(api.importPack({ fileName, data }));
  }

  importFolder(folderName: string, files: ImportedFile[]): Promise<CourseImportReport> {
    return this.follow(api.importFolder({ folderName, files }));
  }

  async remove(courseId: string, deleteStudyData: boolean): Promise<void> {
    await api.removeCourse({ courseId, deleteStudyData });
    await this.refresh();
  }

  /** Shows an import's progress until it ends; resolves with its report or throws its error. */
  private async follow(started: Promise<ImportJob>): Promise<CourseImportReport> {
    this.job = { id: '', phase: 'reading', progress: 0, report: null, error: null };
    try {
      let job = await started;
      this.job = job;
      while (job.phase !== 'done' && job.phase !== 'failed') {
        await new Promise((resolve) => setTimeout(resolve, POLL_MS));
        job = await api.importStatus({ jobId: job.id });
        this.job = job;
      }
      if (job.phase === 'failed') throw new ApiError(job.error ?? { code: 'internal', message: 'The import failed.' });
      await this.refresh();
      this.report = job.report;
      return job.report!;
    } finally {
      this.job = null;
    }
  }
}
