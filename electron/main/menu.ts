import { app, Menu, type MenuItemConstructorOptions } from 'electron';
import type { MenuCommand } from '../contract.js';

/**
 * A small standard menu, plus the app's own commands, which the page carries out (`send`).
 * Reload and developer tools exist only when running from source.
 */
export function installMenu(send: (command: MenuCommand) => void): void {
  const isMac = process.platform === 'darwin';
  const fromSource = !app.isPackaged;
  const template: MenuItemConstructorOptions[] = [
    ...(isMac ? [{ role: 'appMenu' } as const] : []),
    {
      label: 'File',
      submenu: [
        { label: 'Import Course…', accelerator: 'CmdOrCtrl+O', click: () => send('import-course') },
        { type: 'separator' },
        isMac ? { role: 'close' } : { role: 'quit' },
      ],
    },
    {
      label: 'Edit',
      submenu: [
        { role: 'undo' },
        { role: 'redo' },
        { type: 'separator' },
        { role: 'cut' },
        { role: 'copy' },
        { role: 'paste' },
        { role: 'selectAll' },
      ],
    },
    {
      label: 'View',
      submenu: [
        ...(fromSource ? ([{ role: 'reload' }, { role: 'toggleDevTools' }, { type: 'separator' }] as const) : []),
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
        { type: 'separator' },
        { label: 'Search…', accelerator: 'CmdOrCtrl+K', click: () => send('search') },
        { label: 'My Notes', accelerator: 'CmdOrCtrl+Shift+M', click: () => send('notes-view') },
      ],
    },
    { role: 'windowMenu' },
    { role: 'help', submenu: [{ label: 'About Carrel', click: () => app.showAboutPanel() }] },
  ];
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}
