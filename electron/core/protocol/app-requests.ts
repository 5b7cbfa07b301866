import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Library } from '../library/library.js';
import { resolveInside } from './path-guard.js';

/**
 * How the app's own URLs map to files, shared by the `carrel://app/` protocol handler and the
 * browser host so both serve exactly the same things:
 *   /course/<course id>/assets/<path>   a course's assets
 *   /course/<course id>/search/<file>   its search index, loaded by the renderer's search worker
 *   /<anything else>                     the built renderer (index.html for "/")
 */
export type AppResponse = { status: 200; file: string; contentType: string } | { status: 400 | 404; message: string };

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.pdf': 'application/pdf',
  '.txt': 'text/plain; charset=utf-8',
};

function contentTypeOf(file: string): string {
  return CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/**
 * The security policy of every page Carrel shows: nothing from outside the app, no inline script.
 * Inline styles are allowed because compiled course HTML may carry width/height presentation.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "worker-src 'self'",
  "object-src 'none'",
  "frame-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

export function resolveAppRequest(rawPath: string, rendererDir: string, library: Library): AppResponse {
  const urlPath = rawPath.split(/[?#]/)[0]!;
  const course = /^\/course\/([^/]+)\/(assets|search)\/(.+)$/.exec(urlPath);
  if (course) {
    const file = library.packFile(course[1]!, course[2] as 'assets' | 'search', course[3]!);
    return file ? { status: 200, file, contentType: contentTypeOf(file) } : { status: 404, message: 'No such course file.' };
  }
  if (urlPath.startsWith('/course/')) return { status: 404, message: 'No such course file.' };
  const relative = urlPath === '/' ? 'index.html' : urlPath.slice(1);
  const file = resolveInside(rendererDir, relative);
  if (!file) return { status: 400, message: 'Refused: the path leaves the app folder.' };
  if (!existsSync(file) || !statSync(file).isFile()) return { status: 404, message: 'Not found.' };
  return { status: 200, file, contentType: contentTypeOf(file) };
}
