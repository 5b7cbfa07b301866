/**
 * The one description of what crosses the boundary between the renderer and the app:
 * channel names, payloads and results. The handler table (core/api.ts) implements it,
 * the preload and the browser-host shim expose it as `window.carrel`, and the renderer
 * calls it. This module holds types and one small constant table, and imports nothing.
 */

export type Theme = 'light' | 'dark' | 'system';

/** How large course text is drawn; the reading column widens with it, so lines keep their length. */
export type TextSize = 'small' | 'normal' | 'large' | 'larger';
export const TEXT_SIZES: readonly TextSize[] = ['small', 'normal', 'large', 'larger'];

/** How the student likes to read, kept between sessions. */
export interface ReadingPreferences {
  textSize: TextSize;
  /** Focus mode: the course's contents and the side panel are hidden, the text has the window. */
  focus: boolean;
}

/** A heading inside a section (H3 and deeper), for the section's table of contents. */
export interface TocEntry {
  id: string;
  title: string;
  level: number;
}

/** A section of a page: every H2 starts one. Its id is `pagePath#slug`, stable across builds. */
export interface SectionSummary {
  id: string;
  title: string;
  toc: TocEntry[];
  /** True when the section has no content below its heading. */
  empty: boolean;
}

export interface PageNode {
  kind: 'page';
  title: string;
  path: string;
  sections: SectionSummary[];
}

export interface GroupNode {
  kind: 'group';
  title: string;
  children: NavNode[];
}

export interface LinkNode {
  kind: 'link';
  title: string;
  url: string;
}

export type NavNode = PageNode | GroupNode | LinkNode;

export interface CourseManifest {
  format: number;
  id: string;
  title: string;
  /** Hash of the compiled content: changes whenever the course's text or assets change. */
  version: string;
  nav: NavNode[];
  assets: string[];
}

export interface CompiledSection {
  id: string;
  title: string;
  /** Sanitized HTML of the section, its H2 included. */
  html: string;
  toc: TocEntry[];
  empty: boolean;
}

export interface CompiledPage {
  path: string;
  title: string;
  /**
   * The page's opening (its H1 and the text before the first H2; id: the page path), when it has
   * text or the page has no H2, then one section per H2.
   */
  sections: CompiledSection[];
}

export interface CourseSummary {
  id: string;
  title: string;
  pageCount: number;
  sectionCount: number;
  bundled: boolean;
  /** Size of the installed pack on disk. */
  sizeBytes: number;
  /** When the course was imported; null for the course that ships with Carrel. */
  importedAt: string | null;
  version: string;
}

/** A problem found while checking a course, with where it is. */
export interface CourseDiagnostic {
  severity: 'error' | 'warning';
  file: string;
  line?: number;
  message: string;
}

export interface CourseImportReport {
  courseId: string;
  title: string;
  /** True when an older version of the same course was replaced; study data is kept. */
  replaced: boolean;
  pageCount: number;
  warnings: CourseDiagnostic[];
}

/** An import running in the background; the renderer asks for its status to show progress. */
export interface ImportJob {
  id: string;
  phase: 'reading' | 'checking' | 'compiling' | 'unpacking' | 'installing' | 'done' | 'failed';
  /** 0..1 */
  progress: number;
  report: CourseImportReport | null;
  error: CarrelErrorPayload | null;
}

/** A file of a course folder chosen for import, with its path inside the folder. */
export interface ImportedFile {
  path: string;
  /** The file's bytes, base64-encoded. */
  data: string;
}

/** Commands from the application menu that the page carries out. */
export type MenuCommand = 'import-course' | 'search' | 'notes-view';

export interface Bookmark {
  id: string;
  sectionId: string;
  /** A heading inside the section (H3 and deeper), or null for the section itself. */
  headingId: string | null;
  createdAt: string;
}

/** W3C Web Annotation selectors: the quoted words with some context, as Hypothesis stores them. */
export interface TextQuoteSelector {
  type: 'TextQuoteSelector';
  exact: string;
  prefix: string;
  suffix: string;
}

/** Offsets in the section's plain text (UTF-16 code units, as JavaScript strings count). */
export interface TextPositionSelector {
  type: 'TextPositionSelector';
  start: number;
  end: number;
}

export type HighlightColor = 'yellow' | 'green' | 'blue' | 'pink';

export interface Highlight {
  id: string;
  sectionId: string;
  color: HighlightColor;
  quote: TextQuoteSelector;
  position: TextPositionSelector;
  /** Markdown; empty when the highlight has no note. */
  note: string;
  createdAt: string;
  updatedAt: string;
  /** True when a new version of the course no longer has the quoted text: kept, never deleted. */
  orphaned: boolean;
}

export interface SectionProgress {
  sectionId: string;
  readAt: string;
}

export interface ExportFile {
  fileName: string;
  mimeType: string;
  /** The file's text, or its bytes in base64 when `encoding` says so. */
  content: string;
  encoding?: 'base64';
}

export interface ChangeCounts {
  added: number;
  updated: number;
  unchanged: number;
}

/** What importing a backup changes (or changed), course by course. */
export interface ImportSummary {
  courses: {
    courseId: string;
    title: string | null;
    notes: ChangeCounts;
    bookmarks: ChangeCounts;
    highlights: ChangeCounts;
    readSections: ChangeCounts;
  }[];
}

export interface Note {
  id: string;
  sectionId: string;
  body: string;
  createdAt: string;
  updatedAt: string;
}

export interface ReadingLocation {
  sectionId: string;
  scrollRatio: number;
}

export interface StudyState {
  bookmarks: Bookmark[];
  notes: Note[];
  highlights: Highlight[];
  readSections: SectionProgress[];
  lastLocation: ReadingLocation | null;
}

/** Something the user must be told about, such as a data file that could not be read. */
export interface Notice {
  id: string;
  level: 'info' | 'warning' | 'error';
  title: string;
  message: string;
}

export interface AppInfo {
  name: string;
  version: string;
  theme: Theme;
  reading: ReadingPreferences;
  lastCourseId: string | null;
  notices: Notice[];
}

export type ErrorCode = 'invalid-payload' | 'not-found' | 'not-allowed' | 'storage' | 'internal';

export interface CarrelErrorPayload {
  code: ErrorCode;
  message: string;
}

export type Envelope<T> = { ok: true; result: T } | { ok: false; error: CarrelErrorPayload };

/** Every channel with its payload and result. Channel names are `domain:verb`. */
export interface Channels {
  'app:getInfo': { payload: Record<string, never>; result: AppInfo };
  'app:setTheme': { payload: { theme: Theme }; result: Theme };
  'app:setReading': { payload: ReadingPreferences; result: ReadingPreferences };
  'app:dismissNotice': { payload: { noticeId: string }; result: null };
  'library:list': { payload: Record<string, never>; result: CourseSummary[] };
  'library:importPack': { payload: { fileName: string; data: string }; result: ImportJob };
  'library:importFolder': { payload: { folderName: string; files: ImportedFile[] }; result: ImportJob };
  'library:importStatus': { payload: { jobId: string }; result: ImportJob };
  'library:remove': { payload: { courseId: string; deleteStudyData: boolean }; result: null };
  /** The course as a `.carrel` file, to pass on (a USB stick in a workshop room). */
  'library:exportPack': { payload: { courseId: string }; result: ExportFile };
  'course:open': { payload: { courseId: string }; result: CourseManifest };
  'course:getPage': { payload: { courseId: string; pagePath: string }; result: CompiledPage };
  'study:getState': { payload: { courseId: string }; result: StudyState };
  'study:addBookmark': {
    payload: { courseId: string; sectionId: string; headingId: string | null };
    result: Bookmark;
  };
  'study:removeBookmark': { payload: { courseId: string; bookmarkId: string }; result: null };
  'study:saveNote': {
    payload: { courseId: string; sectionId: string; noteId: string | null; body: string };
    result: Note;
  };
  'study:deleteNote': { payload: { courseId: string; noteId: string }; result: Note };
  'study:restoreNote': { payload: { courseId: string; note: Note }; result: Note };
  'study:addHighlight': {
    payload: {
      courseId: string;
      sectionId: string;
      color: HighlightColor;
      quote: TextQuoteSelector;
      position: TextPositionSelector;
      note: string;
    };
    result: Highlight;
  };
  'study:updateHighlight': {
    payload: { courseId: string; highlightId: string; color: HighlightColor; note: string };
    result: Highlight;
  };
  'study:deleteHighlight': { payload: { courseId: string; highlightId: string }; result: Highlight };
  'study:restoreHighlight': { payload: { courseId: string; highlight: Highlight }; result: Highlight };
  'study:setSectionRead': {
    payload: { courseId: string; sectionId: string; read: boolean };
    result: SectionProgress[];
  };
  'study:exportMarkdown': { payload: { courseId: string }; result: ExportFile };
  'study:exportBackup': { payload: Record<string, never>; result: ExportFile };
  'study:previewImport': { payload: { content: string }; result: ImportSummary };
  'study:importBackup': { payload: { content: string }; result: ImportSummary };
  'study:setLocation': {
    payload: { courseId: string; location: ReadingLocation };
    result: null;
  };
  'shell:openExternal': { payload: { url: string }; result: null };
  /** A course file that is not a page (a `carrel:file/` link), opened by the operating system. */
  'shell:openCourseFile': { payload: { courseId: string; path: string }; result: null };
}

export type Channel = keyof Channels;
export type Payload<C extends Channel> = Channels[C]['payload'];
export type Result<C extends Channel> = Channels[C]['result'];

/**
 * The method name `window.carrel` exposes for each channel. Kept as data so the preload and the
 * browser-host shim build the same bridge without restating it, one fixed channel per method.
 */
export const methodChannels = {
  getAppInfo: 'app:getInfo',
  setTheme: 'app:setTheme',
  setReading: 'app:setReading',
  dismissNotice: 'app:dismissNotice',
  listCourses: 'library:list',
  importPack: 'library:importPack',
  importFolder: 'library:importFolder',
  importStatus: 'library:importStatus',
  removeCourse: 'library:remove',
  exportPack: 'library:exportPack',
  openCourse: 'course:open',
  getPage: 'course:getPage',
  getStudyState: 'study:getState',
  addBookmark: 'study:addBookmark',
  removeBookmark: 'study:removeBookmark',
  saveNote: 'study:saveNote',
  deleteNote: 'study:deleteNote',
  restoreNote: 'study:restoreNote',
  addHighlight: 'study:addHighlight',
  updateHighlight: 'study:updateHighlight',
  deleteHighlight: 'study:deleteHighlight',
  restoreHighlight: 'study:restoreHighlight',
  setSectionRead: 'study:setSectionRead',
  exportMarkdown: 'study:exportMarkdown',
  exportBackup: 'study:exportBackup',
  previewImport: 'study:previewImport',
  importBackup: 'study:importBackup',
  setLocation: 'study:setLocation',
  openExternal: 'shell:openExternal',
  openCourseFile: 'shell:openCourseFile',
} as const satisfies Record<string, Channel>;

export type MethodName = keyof typeof methodChannels;

export type CarrelBridge = {
  [M in MethodName]: (
    payload: Payload<(typeof methodChannels)[M]>,
  ) => Promise<Envelope<Result<(typeof methodChannels)[M]>>>;
} & {
  /** The one message the app sends unasked: a menu command. Returns a function that unsubscribes. */
  onMenuCommand(listener: (command: MenuCommand) => void): () => void;
};

/** The channel the menu's commands travel on, from main to the page. */
export const MENU_COMMAND_CHANNEL = 'menu:command';
