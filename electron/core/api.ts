import type { AppInfo, Channel, Channels, Envelope, Note } from '../contract.js';
import { CarrelError } from './errors.js';
import type { Library } from './library/library.js';
import type { NoticeBoard } from './notices.js';
import { isAllowedExternalUrl } from './shell/external-links.js';
import type { SettingsRepository } from './settings/settings-repository.js';
import type { StudyRepository } from './study/study-repository.js';
import {
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
  /** Hands a vetted http(s) or mailto URL to the operating system. */
  openExternal(url: string): Promise<void>;
}

/** Notes are Markdown typed by a person; 1 MB is far beyond any real note and keeps files sane. */
const NOTE_BODY_LIMIT = 1_000_000;
const timestamp = string({ min: 1, max: 40, pattern: /^\d{4}-\d\d-\d\dT[\d:.]+Z$/, hint: 'an ISO timestamp' });
const noteBody = string({ max: NOTE_BODY_LIMIT });

const validators: { [C in Channel]: Validator<Channels[C]['payload']> } = {
  'app:getInfo': empty,
  'app:setTheme': object({ theme: oneOf(['light', 'dark', 'system'] as const) }),
  'app:dismissNotice': object({ noticeId: string({ min: 1, max: 100 }) }),
  'library:list': empty,
  'course:open': object({ courseId }),
  'course:getPage': object({ courseId, pagePath }),
  'study:getState': object({ courseId }),
  'study:addBookmark': object({ courseId, sectionId }),
  'study:removeBookmark': object({ courseId, bookmarkId: recordId }),
  'study:saveNote': object({ courseId, sectionId, noteId: nullable(recordId), body: noteBody }),
  'study:deleteNote': object({ courseId, noteId: recordId }),
  'study:restoreNote': object({
    courseId,
    note: object({ id: recordId, sectionId, body: noteBody, createdAt: timestamp, updatedAt: timestamp }) as Validator<Note>,
  }),
  'study:setLocation': object({
    courseId,
    location: object({ sectionId, scrollRatio: number({ min: 0, max: 1 }) }),
  }),
  'shell:openExternal': object({ url: string({ min: 1, max: 4000 }) }),
};

type Implementations = { [C in Channel]: (payload: Channels[C]['payload']) => Channels[C]['result'] | Promise<Channels[C]['result']> };

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
  const requireSection = (id: string, section: string) => {
    const manifest = library.manifest(id);
    const pageNodes = JSON.stringify(manifest.nav);
    if (!pageNodes.includes(JSON.stringify(section))) {
      throw new CarrelError('not-found', `The course "${manifest.title}" has no section ${section}.`);
    }
    return study.forCourse(id);
  };

  const implementations: Implementations = {
    'app:getInfo': (): AppInfo => ({
      name: deps.appName,
      version: deps.appVersion,
      theme: settings.theme,
      lastCourseId: settings.lastCourseId,
      notices: notices.list(),
    }),
    'app:setTheme': ({ theme }) => {
      settings.theme = theme;
      return theme;
    },
    'app:dismissNotice': ({ noticeId }) => {
      notices.dismiss(noticeId);
      return null;
    },
    'library:list': () => library.list(),
    'course:open': ({ courseId: id }) => {
      const manifest = library.manifest(id);
      settings.lastCourseId = id;
      return manifest;
    },
    'course:getPage': ({ courseId: id, pagePath: page }) => library.page(id, page),
    'study:getState': ({ courseId: id }) => requireCourse(id).state(),
    'study:addBookmark': ({ courseId: id, sectionId: section }) => requireSection(id, section).addBookmark(section),
    'study:removeBookmark': ({ courseId: id, bookmarkId }) => {
      requireCourse(id).removeBookmark(bookmarkId);
      return null;
    },
    'study:saveNote': ({ courseId: id, sectionId: section, noteId, body }) =>
      requireSection(id, section).saveNote(section, noteId, body),
    'study:deleteNote': ({ courseId: id, noteId }) => requireCourse(id).deleteNote(noteId),
    'study:restoreNote': ({ courseId: id, note }) => requireCourse(id).restoreNote(note),
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
