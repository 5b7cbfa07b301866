import { contextBridge, ipcRenderer } from 'electron';
import { methodChannels, type CarrelBridge, type Channel } from '../contract.js';

/**
 * `window.carrel`: one method per channel of the contract, each bound to its own fixed channel.
 * The page can pass a payload and nothing else; which channel it reaches is decided here.
 */
const bridge = Object.fromEntries(
  Object.entries(methodChannels).map(([method, channel]: [string, Channel]) => [
    method,
    (payload: unknown) => ipcRenderer.invoke(channel, payload),
  ]),
) as CarrelBridge;

contextBridge.exposeInMainWorld('carrel', bridge);
