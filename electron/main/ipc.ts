import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import type { Envelope } from '../contract.js';
import { CHANNELS, type HandlerTable } from '../core/api.js';
import { isAppUrl } from './app-url.js';

/**
 * Only the top frame of Carrel's own window, showing Carrel's own page, may call in. Anything else
 * (a subframe, another window, a page that somehow navigated away) gets a refusal, not an answer.
 */
function isFromAppWindow(event: IpcMainInvokeEvent, window: BrowserWindow | null): boolean {
  const frame = event.senderFrame;
  if (!frame || !window || window.isDestroyed()) return false;
  const main = window.webContents.mainFrame;
  return event.sender.id === window.webContents.id && frame.frameToken === main.frameToken && isAppUrl(frame.url);
}

/**
 * Binds every channel of the handler table to ipcMain. Handlers are registered before the window
 * loads and wait for the services, which load after the window has been created.
 */
export function bindIpc(handlers: () => Promise<HandlerTable>, appWindow: () => BrowserWindow | null): void {
  for (const channel of CHANNELS) {
    ipcMain.handle(channel, async (event, payload: unknown): Promise<Envelope<unknown>> => {
      if (!isFromAppWindow(event, appWindow())) {
        return {
          ok: false,
          error: { code: 'not-allowed', message: `${channel} may only be called by Carrel's own window.` },
        };
      }
      return (await handlers())[channel](payload);
    });
  }
}
