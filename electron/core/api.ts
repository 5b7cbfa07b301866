import type { AppInfo, Channel, Channels, CourseManifest, Envelope, SectionSummary } from '../contract.js';
import { CarrelError, invalidPayload } from './errors.js';
import type { ImportJobs } from './library/import-jobs.js';
import { pagesOf, type Library } from './library/library.js';
import type { NoticeBoard } from './notices.js';
import { isAllowedExternalUrl } from './shell/external-links.js';
import { readingPreferences, type SettingsRepository } from './settings/settings-repository.js';
import { BACKUP_CONTENT_LIMIT, exportBackup, importBackup, previewImport, type CourseCatalog } from './study/backup.js';
import { exportMarkdown } from './study/markdown-export.js';
import type { StudyRepository } from './study/study-repository.js';
import {
  checkSpan,
  headingId,
  highlight,
  highlightColor,
  note,
  noteBody,
  positionSelector,
  quoteSelector,
} from './study/study-schema.js';
import {
  arrayOf,
  boolean,
  courseId,
  empty,
  nullable,
  number,
  object,
  oneOf,
  pagePath,
  recordId,
  sectionId,
  string,
  type Validator,
} from './validate.js';

export interface ApiDependencies {
  appName: string;
  appVersion: string;
  library: Library;
  study: StudyRepository;
  settings: SettingsRepository;
  notices: NoticeBoard;
  imports: ImportJobs;
  /** Hands a vetted http(s) or mailto URL to the operating system. */
  openExternal(url: string): Promise<void>;
  /** Opens a file of an installed course with the app the operating system chooses for it. */
  openPath(file: string): Promise<void>;
}

/** Files arrive base64-encoded; 700 million characters is a little over the 500 MB an import may be. */
const base64Data = string({ max: 700_000_000 });
const importedFile = object({ path: string({ min: 1, max: 1000 }), data: base64Data });

const newHighlight = object({
  courseId,
  sectionId,
  color: highlightColor,
  quote: quoteSelector,
  position: positionSelector,
  note: noteBody,
});

const backupContent: Validator<string> = (value, path) => {
  if (typeof value !== 'string') throw invalidPayload(`${path} must be the text of a backup file.`);
  if (value.length > BACKUP_CONTENT_LIMIT) {
    throw invalidPayload(
      `This backup is ${(value.length / 1e6).toFixed(1)} million characters long; Carrel imports backups of up to ${BACKUP_CONTENT_LIMIT / 1e6} million.`,
    );
  }
  return value;
};

const validators: { [C in Channel]: Validator<Channels[C]['payload']> } = {
  'app:getInfo': empty,
  'app:setTheme': object({ theme: oneOf(['light', 'dark', 'system'] as const) }),
  'app:setReading': readingPreferences,
  'app:dismissNotice': object({ noticeId: string({ min: 1, max: 100 }) }),
  'library:list': empty,
  'library:importPack': object({ fileName: string({ min: 1, max: 500 }), data: base64Data }),
  'library:importFolder': object({
    folderName: string({ min: 1, max: 500 }),
    files: arrayOf(importedFile, { max: 20_000, noun: 'files' }),
  }),
  'library:importStatus': object({ jobId: string({ min: 1, max: 100 }) }),
  'library:remove': object({ courseId, deleteStudyData: boolean }),
  'library:exportPack': object({ courseId }),
  'course:open': object({ courseId }),
  'course:getPage': object({ courseId, pagePath }),
  'study:getState': object({ courseId }),
  'study:addBookmark': object({ courseId, sectionId, headingId: nullable(headingId) }),
  'study:removeBookmark': object({ courseId, bookmarkId: recordId }),
  'study:saveNote': object({ courseId, sectionId, noteId: nullable(recordId), body: noteBody }),
  'study:deleteNote': object({ courseId, noteId: recordId }),
  'study:restoreNote': object({ courseId, note }),
  'study:addHighlight': (value, path) => {
    const payload = newHighlight(value, path);
    checkSpan(payload.quote, payload.position, path);
    return payload;
  },
  'study:updateHighlight': object({ courseId, highlightId: recordId, color: highlightColor, note: noteBody }),
  'study:deleteHighlight': object({ courseId, highlightId: recordId }),
  'study:restoreHighlight': object({ courseId, highlight }),
  'study:setSectionRead': object({ courseId, sectionId, read: boolean }),
  'study:exportMarkdown': object({ courseId }),
  'study:exportBackup': empty,
  'study:previewImport': object({ content: backupContent }),
  'study:importBackup': object({ content: backupContent }),
  'study:setLocation': object({
    courseId,
    location: object({ sectionId, scrollRatio: number({ min: 0, max: 1 }) }),
  }),
  'shell:openExternal': object({ url: string({ min: 1, max: 4000 }) }),
  'shell:openCourseFile': object({ courseId, path: string({ min: 1, max: 4000 }) }),
};

type Implementations = {
  [C in Channel]: (payload: Channels[C]['payload']) => Channels[C]['result'] | Promise<Channels[C]['result']>;
};

export type HandlerTable = { [C in Channel]: (payload: unknown) => Promise<Envelope<Channels[C]['result']>> };

/**
 * The handler table: the only way into Carrel's services from outside the main process. Every
 * payload is validated first; every answer is an envelope, so errors reach the renderer with a
 * code and a message instead of a rejected promise with a stack trace.
 */
export function createHandlers(deps: ApiDependencies): HandlerTable {
  const { library, study, settings, notices } = deps;

  const requireCourse = (id: string) => {
    library.manifest(id);
    return study.forCourse(id);
  };
  const findSection = (manifest: CourseManifest, section: string): SectionSummary => {
    for (const page of pagesOf(manifest.nav)) {
      const found = page.sections.find((s) => s.id === section);
      if (found) return found;
    }
    throw new CarrelError('not-found', `The course "${manifest.title}" has no section ${section}.`);
  };
  const requireSection = (id: string, section: string, heading: string | null = null) => {
    const manifest = library.manifest(id);
    const summary = findSection(manifest, section);
    if (heading !== null && !summary.toc.some((entry) => entry.id === heading)) {
      throw new CarrelError('not-found', `The section "${summary.title}" has no heading ${heading}.`);
    }
    return study.forCourse(id);
  };
  const catalog: CourseCatalog = { titleOf: (id) => (library.has(id) ? library.manifest(id).title : undefined) };

  const implementations: Implementations = {
    'app:getInfo': (): AppInfo => ({
      name: deps.appName,
      version: deps.appVersion,
      theme: settings.theme,
      reading: settings.reading,
      lastCourseId: settings.lastCourseId,
      notices: notices.list(),
    }),
    'app:setTheme': ({ theme }) => {
      settings.theme = theme;
      return theme;
    },
    'app:setReading': (reading) => {
      settings.reading = reading;
      return settings.reading;
    },
    'app:dismissNotice': ({ noticeId }) => {
      notices.dismiss(noticeId);
      return null;
    },
    'library:list': () => library.list(),
    'library:importPack': ({ fileName, data }) => deps.imports.startPack(fileName, data),
    'library:importFolder': ({ folderName, files }) => deps.imports.startFolder(folderName, files),
    'library:importStatus': ({ jobId }) => deps.imports.status(jobId),
    'library:exportPack': ({ courseId: id }) => ({
      fileName: `${id}.carrel`,
      mimeType: 'application/zip',
      content: library.packBytes(id).toString('base64'),
      encoding: 'base64',
    }),
    'library:remove': ({ courseId: id, deleteStudyData }) => {
      library.remove(id);
      if (deleteStudyData && !library.has(id)) study.deleteCourse(id);
      if (settings.lastCourseId === id && !library.has(id)) settings.lastCourseId = null;
      return null;
    },
    'course:open': ({ courseId: id }) => {
      const manifest = library.manifest(id);
      settings.lastCourseId = id;
      return manifest;
    },
    'course:getPage': ({ courseId: id, pagePath: page }) => library.page(id, page),
    'study:getState': ({ courseId: id }) => requireCourse(id).state(),
    'study:addBookmark': ({ courseId: id, sectionId: section, headingId: heading }) =>
      requireSection(id, section, heading).addBookmark(section, heading),
    'study:removeBookmark': ({ courseId: id, bookmarkId }) => {
      requireCourse(id).removeBookmark(bookmarkId);
      return null;
    },
    'study:saveNote': ({ courseId: id, sectionId: section, noteId, body }) =>
      requireSection(id, section).saveNote(section, noteId, body),
    'study:deleteNote': ({ courseId: id, noteId }) => requireCourse(id).deleteNote(noteId),
    'study:restoreNote': ({ courseId: id, note: restored }) => requireCourse(id).restoreNote(restored),
    'study:addHighlight': ({ courseId: id, ...input }) => requireSection(id, input.sectionId).addHighlight(input),
    'study:updateHighlight': ({ courseId: id, highlightId, color, note: body }) =>
      requireCourse(id).updateHighlight(highlightId, color, body),
    'study:deleteHighlight': ({ courseId: id, highlightId }) => requireCourse(id).deleteHighlight(highlightId),
    'study:restoreHighlight': ({ courseId: id, highlight: restored }) => requireCourse(id).restoreHighlight(restored),
    'study:setSectionRead': ({ courseId: id, sectionId: section, read }) =>
      requireSection(id, section).setSectionRead(section, read),
    'study:exportMarkdown': ({ courseId: id }) =>
      exportMarkdown(library.manifest(id), study.forCourse(id).state(), new Date()),
    'study:exportBackup': () => exportBackup(study, catalog, new Date()),
    'study:previewImport': ({ content }) => previewImport(content, study, catalog),
    'study:importBackup': ({ content }) => importBackup(content, study, catalog),
    'study:setLocation': ({ courseId: id, location }) => {
      requireSection(id, location.sectionId).setLocation(location);
      return null;
    },
    'shell:openExternal': async ({ url }) => {
      if (!isAllowedExternalUrl(url)) {
        throw new CarrelError('not-allowed', `Carrel only opens web and email links; refused ${url.slice(0, 200)}.`);
      }
      await deps.openExternal(url);
      return null;
    },
    'shell:openCourseFile': async ({ courseId: id, path }) => {
      const manifest = library.manifest(id);
      // The same guard as the course's assets, and only a file the manifest lists (never a folder).
      const file = library.packFile(id, 'assets', path);
      if (!file || !manifest.assets.includes(decodeURIComponent(path))) {
        throw new CarrelError('not-found', `The course "${manifest.title}" has no file ${path.slice(0, 200)}.`);
      }
      await deps.openPath(file);
      return null;
    },
  };

  const table = {} as Record<Channel, (payload: unknown) => Promise<Envelope<unknown>>>;
  for (const channel of Object.keys(validators) as Channel[]) {
    table[channel] = async (payload) => {
      try {
        const valid = (validators[channel] as Validator<unknown>)(payload, 'payload');
        const result = await (implementations[channel] as (p: unknown) => unknown)(valid);
        return { ok: true, result };
      } catch (error) {
        if (error instanceof CarrelError) return { ok: false, error: error.toPayload() };
        return { ok: false, error: { code: 'internal', message: `Something went wrong: ${(error as Error).message}` } };
      }
    };
  }
  return table as HandlerTable;
}

export const CHANNELS = Object.keys(validators) as Channel[];
