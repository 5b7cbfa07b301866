import { BrowserWindow, nativeTheme, screen, shell, type Session, type WebContents } from 'electron';
import { DEFAULT_WINDOW_SIZE, MIN_WINDOW_SIZE, fitToWorkArea, savedRect } from '../core/settings/window-bounds.js';
import type { WindowBounds } from '../core/settings/settings-repository.js';
import { isAllowedExternalUrl } from '../core/shell/external-links.js';
import { isAppUrl } from './app-url.js';

/** The page background (--bg in renderer/src/styles/app.css) of each theme: no flash of another colour. */
const BACKGROUND = { light: '#ffffff', dark: '#1b1d24' } as const;

export function windowBackground(): string {
  return nativeTheme.shouldUseDarkColors ? BACKGROUND.dark : BACKGROUND.light;
}

export function createMainWindow(preload: string): BrowserWindow {
  return new BrowserWindow({
    ...DEFAULT_WINDOW_SIZE,
    minWidth: MIN_WINDOW_SIZE.width,
    minHeight: MIN_WINDOW_SIZE.height,
    title: 'Carrel',
    // Shown once the page has painted and the saved bounds are applied: no blank or jumping window.
    show: false,
    backgroundColor: windowBackground(),
    webPreferences: {
      preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      webviewTag: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
    },
  });
}

function openIfAllowed(url: string): void {
  if (isAllowedExternalUrl(url)) void shell.openExternal(url);
}

/**
 * Applied to every web contents the app creates: it may not open windows, leave carrel://app/ or
 * attach webviews. Web and email links a user clicks go to the operating system instead.
 */
export function guardWebContents(contents: WebContents): void {
  contents.setWindowOpenHandler(({ url }) => {
    openIfAllowed(url);
    return { action: 'deny' };
  });
  contents.on('will-navigate', (event) => {
    if (isAppUrl(event.url)) return;
    event.preventDefault();
    openIfAllowed(event.url);
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

/**
 * Carrel needs no camera, microphone, location, notifications or any other permission, except
 * writing to the clipboard after a click (the Copy button of code blocks); it never reads it.
 */
const ALLOWED_PERMISSION = 'clipboard-sanitized-write';

export function limitPermissions(session: Session): void {
  session.setPermissionRequestHandler((_contents, permission, callback) => callback(permission === ALLOWED_PERMISSION));
  session.setPermissionCheckHandler((_contents, permission) => permission === ALLOWED_PERMISSION);
}

/**
 * Puts the window where it was last time, fitted onto the display it now best matches. Returns
 * whether it should open maximized: maximizing also shows a window, so the caller does it when
 * the page is ready.
 */
export function restoreBounds(window: BrowserWindow, saved: WindowBounds | null): boolean {
  const rect = savedRect(saved);
  const display = rect ? screen.getDisplayMatching(rect) : screen.getPrimaryDisplay();
  const fitted = fitToWorkArea(saved, display.workArea);
  if (fitted.x !== undefined && fitted.y !== undefined) {
    window.setBounds({ x: fitted.x, y: fitted.y, width: fitted.width, height: fitted.height });
  } else {
    window.setSize(fitted.width, fitted.height);
    window.center();
  }
  return fitted.maximized;
}

/** The bounds worth remembering: the un-maximized ones, plus whether the window was maximized. */
export function currentBounds(window: BrowserWindow): WindowBounds {
  return { ...window.getNormalBounds(), maximized: window.isMaximized() };
}
