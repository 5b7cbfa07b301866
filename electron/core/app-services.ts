import { createHandlers, type HandlerTable } from './api.js';
import path from 'node:path';
import { installInProcess } from './library/course-installer.js';
import { ImportJobs } from './library/import-jobs.js';
import { Library } from './library/library.js';
import { workerInstaller } from './library/worker-installer.js';
import { NoticeBoard } from './notices.js';
import { SettingsRepository } from './settings/settings-repository.js';
import { storeOpener, type ConfConstructor } from './storage/store.js';
import { StudyRepository } from './study/study-repository.js';

export interface AppServicesOptions {
  appName: string;
  appVersion: string;
  /** Where study data and settings live: Electron's userData folder, or the host's --user-data. */
  userDataDir: string;
  /** Pack folders of the courses that ship with the app. */
  bundledCourseDirs: string[];
  /** electron-store in the app, conf in plain Node: the same API over the same files. */
  Store: ConfConstructor;
  openExternal(url: string): Promise<void>;
  openPath(file: string): Promise<void>;
  /**
   * The bundled import worker (dist/<host>/install-worker.js). Without it, imports run on the
   * calling thread: the same code, used by unit tests, but no progress is seen while it runs.
   */
  installWorkerScript?: string;
}

export interface AppServices {
  handlers: HandlerTable;
  library: Library;
  settings: SettingsRepository;
  notices: NoticeBoard;
  /** Folds pending study changes into their files and releases the store files; call on quit. */
  close(): void;
}

/** Wires Carrel's services together. Both hosts (Electron and the browser host) start here. */
export function createAppServices(options: AppServicesOptions): AppServices {
  const notices = new NoticeBoard();
  const openStore = storeOpener(options.Store);
  const settings = new SettingsRepository(openStore, options.userDataDir, notices);
  const study = new StudyRepository(openStore, options.userDataDir, notices);
  const library = new Library({
    bundledCourseDirs: options.bundledCourseDirs,
    installedDir: path.join(options.userDataDir, 'courses'),
  });
  const installer = options.installWorkerScript ? workerInstaller(options.installWorkerScript) : installInProcess;
  const imports = new ImportJobs(library, study, installer);
  const handlers = createHandlers({
    appName: options.appName,
    appVersion: options.appVersion,
    library,
    study,
    settings,
    notices,
    imports,
    openExternal: options.openExternal,
    openPath: options.openPath,
  });
  const close = () => {
    try {
      study.close();
    } finally {
      settings.close();
    }
  };
  return { handlers, library, settings, notices, close };
}
