import { app, BrowserWindow, dialog, nativeTheme, session, shell } from 'electron';
import { once } from 'node:events';
import type { AppServices } from '../core/app-services.js';
import type { HandlerTable } from '../core/api.js';
import { MENU_COMMAND_CHANNEL } from '../contract.js';
import { APP_ENTRY_URL } from './app-url.js';
import { bindIpc } from './ipc.js';
import { installMenu } from './menu.js';
import { appPaths, applyUserDataOverride } from './paths.js';
import { registerAppScheme, serveApp } from './protocol.js';
import {
  createMainWindow,
  currentBounds,
  guardWebContents,
  limitPermissions,
  restoreBounds,
  windowBackground,
} from './window.js';

const APP_NAME = 'Carrel';

app.setName(APP_NAME);
applyUserDataOverride();
registerAppScheme();

/**
 * The services (stores, library, handler table) are imported only once the window exists, so
 * creating the window and starting its renderer do not wait for them.
 */
async function loadServices(): Promise<AppServices> {
  const [{ createAppServices }, { loadElectronStore }] = await Promise.all([
    import('../core/app-services.js'),
    import('./store.js'),
  ]);
  const services = createAppServices({
    appName: APP_NAME,
    appVersion: app.getVersion(),
    userDataDir: app.getPath('userData'),
    bundledCourseDirs: appPaths.bundledCourses,
    installWorkerScript: appPaths.installWorker,
    Store: await loadElectronStore(),
    openExternal: (url) => shell.openExternal(url),
    // shell.openPath reports failure (no app for the file type) as a message, not a rejection.
    openPath: async (file) => {
      const failure = await shell.openPath(file);
      if (failure) throw new Error(failure);
    },
  });
  nativeTheme.themeSource = services.settings.theme;
  return { ...services, handlers: withNativeTheme(services.handlers) };
}

/** The handler table, with the window's own colours following the theme the user picks. */
function withNativeTheme(handlers: HandlerTable): HandlerTable {
  return {
    ...handlers,
    'app:setTheme': async (payload) => {
      const answer = await handlers['app:setTheme'](payload);
      if (answer.ok) nativeTheme.themeSource = answer.result;
      return answer;
    },
  };
}

/** Shows the window once its page has painted, at the bounds it had last time. */
async function presentWhenReady(window: BrowserWindow, services: Promise<AppServices>): Promise<void> {
  const [, { settings }] = await Promise.all([once(window, 'ready-to-show'), services]);
  if (window.isDestroyed()) return;
  const maximize = restoreBounds(window, settings.windowBounds);
  window.on('close', () => {
    settings.windowBounds = currentBounds(window);
  });
  if (maximize) window.maximize();
  window.show();
}

function start(): void {
  let mainWindow: BrowserWindow | null = null;

  const openMainWindow = (): BrowserWindow => {
    const window = createMainWindow(appPaths.preload);
    mainWindow = window;
    window.on('closed', () => {
      if (mainWindow === window) mainWindow = null;
    });
    return window;
  };

  const showMainWindow = (window: BrowserWindow, ready: Promise<AppServices>) => {
    // A failed start is reported once, by the startup handler; the window just stays hidden.
    presentWhenReady(window, ready).catch(() => undefined);
    void window.loadURL(APP_ENTRY_URL);
  };

  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  app.on('web-contents-created', (_event, contents) => guardWebContents(contents));
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  nativeTheme.on('updated', () => mainWindow?.setBackgroundColor(windowBackground()));

  void app.whenReady().then(() => {
    limitPermissions(session.defaultSession);
    installMenu((command) => mainWindow?.webContents.send(MENU_COMMAND_CHANNEL, command));
    app.setAboutPanelOptions({ applicationName: APP_NAME, applicationVersion: app.getVersion() });

    const window = openMainWindow();
    const services = loadServices();
    // Pending study changes are folded into their files, and the files released, before the app exits.
    void services.then(
      (ready) => app.on('will-quit', () => ready.close()),
      () => undefined,
    );
    services.catch((error: unknown) => {
      dialog.showErrorBox('Carrel could not start', (error as Error).message);
      app.quit();
    });
    serveApp(appPaths.renderer, async () => (await services).library);
    bindIpc(
      async () => (await services).handlers,
      () => mainWindow,
    );
    showMainWindow(window, services);

    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) showMainWindow(openMainWindow(), services);
    });
  });
}

if (app.requestSingleInstanceLock()) {
  start();
} else {
  app.quit();
}
