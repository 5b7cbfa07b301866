import { contextBridge, ipcRenderer } from 'electron';
import { MENU_COMMAND_CHANNEL, methodChannels, type CarrelBridge, type Channel, type MenuCommand } from '../contract.js';

/**
 * `window.carrel`: one method per channel of the contract, each bound to its own fixed channel.
 * The page can pass a payload and nothing else; which channel it reaches is decided here.
 */
const methods = Object.fromEntries(
  Object.entries(methodChannels).map(([method, channel]: [string, Channel]) => [
    method,
    (payload: unknown) => ipcRenderer.invoke(channel, payload),
  ]),
);

/** Menu commands reach the page as plain strings; the IPC event object never does. */
function onMenuCommand(listener: (command: MenuCommand) => void): () => void {
  const forward = (_event: unknown, command: MenuCommand) => listener(command);
  ipcRenderer.on(MENU_COMMAND_CHANNEL, forward);
  return () => ipcRenderer.off(MENU_COMMAND_CHANNEL, forward);
}

const bridge = { ...methods, onMenuCommand } as CarrelBridge;

contextBridge.exposeInMainWorld('carrel', bridge);
