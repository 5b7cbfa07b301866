/// <reference lib="dom" />
/**
 * window.carrel for a page served by the browser host: the same bridge the preload builds in
 * Electron, one method per channel, each a POST to the host. It runs before the renderer's own
 * script and adds nothing to window but `carrel`.
 */
import { methodChannels, type CarrelBridge, type Envelope, type MethodName } from '../contract.js';

const TOKEN_KEY = 'carrel-preview-token';
const KEEPALIVE_LIMIT = 60_000;

/** The token arrives in the address the host prints; kept per tab so a reload still works. */
function readToken(): string {
  const fromUrl = new URLSearchParams(location.search).get('token');
  if (fromUrl) {
    sessionStorage.setItem(TOKEN_KEY, fromUrl);
    return fromUrl;
  }
  return sessionStorage.getItem(TOKEN_KEY) ?? '';
}

const token = readToken();

async function call(channel: string, payload: unknown): Promise<Envelope<unknown>> {
  let response: Response;
  try {
    const body = JSON.stringify(payload);
    response = await fetch(`/api/${channel}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Carrel-Token': token },
      body,
      // A save sent while the tab closes must still arrive; browsers cap keepalive bodies at 64 KiB.
      keepalive: body.length < KEEPALIVE_LIMIT,
    });
  } catch (error) {
    return {
      ok: false,
      error: { code: 'internal', message: `Carrel preview host is not reachable: ${(error as Error).message}` },
    };
  }
  try {
    return (await response.json()) as Envelope<unknown>;
  } catch {
    return {
      ok: false,
      error: { code: 'internal', message: `Carrel preview host answered ${response.status} without an envelope.` },
    };
  }
}

const methods = Object.fromEntries(
  (Object.keys(methodChannels) as MethodName[]).map((method) => [
    method,
    (payload: unknown) => call(methodChannels[method], payload),
  ]),
);

// A browser tab has no application menu, so no menu command ever arrives.
const bridge = { ...methods, onMenuCommand: () => () => undefined } as unknown as CarrelBridge;

Object.defineProperty(window, 'carrel', { value: Object.freeze(bridge), enumerable: true });
