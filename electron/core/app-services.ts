import { createHandlers, type HandlerTable } from './api.js';
import { Library } from './library/library.js';
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
  const library = new Library(options.bundledCourseDirs);
  const handlers = createHandlers({
    appName: options.appName,
    appVersion: options.appVersion,
    library,
    study,
    settings,
    notices,
    openExternal: options.openExternal,
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
