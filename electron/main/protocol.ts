import { protocol } from 'electron';
import { readFile } from 'node:fs/promises';
import type { Library } from '../core/library/library.js';
import { CONTENT_SECURITY_POLICY, resolveAppRequest } from '../core/protocol/app-requests.js';
import { APP_HOST, APP_SCHEME } from './app-url.js';

const SECURITY_HEADERS = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
};

/**
 * `carrel://` behaves like https for the page: a standard scheme has an origin (so `'self'` in the
 * CSP means the app) and a secure one gets secure-context APIs. Must be called before `ready`.
 */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

function refuse(status: number, message: string): Response {
  return new Response(message, {
    status,
    headers: { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' },
  });
}

/**
 * Serves the renderer and course assets from disk (or app.asar) through the same path rules as the
 * browser host. Files are read here rather than fetched over file://, so the window never gains
 * a file:// origin to reach from.
 */
export function serveApp(rendererDir: string, library: () => Promise<Library>): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
    if (url.host !== APP_HOST) return refuse(404, `Unknown app host: ${url.host}.`);
    if (request.method !== 'GET') return refuse(405, `Method ${request.method} is not allowed.`);
    const answer = resolveAppRequest(url.pathname, rendererDir, await library());
    if (answer.status !== 200) return refuse(answer.status, answer.message);
    try {
      const body = await readFile(answer.file);
      return new Response(body, { status: 200, headers: { ...SECURITY_HEADERS, 'Content-Type': answer.contentType } });
    } catch (error) {
      return refuse(404, `Could not read ${url.pathname}: ${(error as NodeJS.ErrnoException).code ?? 'error'}.`);
    }
  });
}
