import { timingSafeEqual } from 'node:crypto';
import { createReadStream, readFileSync, statSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type { Channel, Envelope, ErrorCode } from '../contract.js';
import type { HandlerTable } from '../core/api.js';
import type { Library } from '../core/library/library.js';
import { CONTENT_SECURITY_POLICY, resolveAppRequest } from '../core/protocol/app-requests.js';

export const SHIM_URL_PATH = '/carrel-shim.js';
export const TOKEN_HEADER = 'x-carrel-token';
/**
 * A note may hold a million characters; as UTF-8 inside JSON that can approach 4 MB. Anything
 * larger than a valid call could ever be is refused before it is buffered.
 */
export const BODY_LIMIT_BYTES = 4 * 1024 * 1024;
/** Imports are far larger: a study backup (up to 32 million characters) or a course as base64. */
export const IMPORT_BODY_LIMIT_BYTES = 128 * 1024 * 1024;
const IMPORT_CHANNELS: ReadonlySet<string> = new Set([
  'study:previewImport',
  'study:importBackup',
  'library:importPack',
  'library:importFolder',
]);

export interface HostServerOptions {
  handlers: HandlerTable;
  library: Library;
  /** The built renderer (dist/renderer). */
  rendererDir: string;
  /** The bundled window.carrel shim (dist/browser-host/shim.js). */
  shimFile: string;
  /** The per-run secret every API call must carry. */
  token: string;
}

const BASE_HEADERS = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Cache-Control': 'no-store',
};

type Response = http.ServerResponse;

function send(
  res: Response,
  status: number,
  contentType: string,
  body: string | Buffer,
  extra: Record<string, string> = {},
): void {
  res.writeHead(status, {
    ...BASE_HEADERS,
    ...extra,
    'Content-Type': contentType,
    'Content-Length': Buffer.byteLength(body),
  });
  res.end(body);
}

const sendText = (res: Response, status: number, message: string, extra?: Record<string, string>) =>
  send(res, status, 'text/plain; charset=utf-8', `${message}\n`, extra);

const sendEnvelope = (res: Response, status: number, envelope: Envelope<unknown>, extra?: Record<string, string>) =>
  send(res, status, 'application/json; charset=utf-8', JSON.stringify(envelope), extra);

const sendError = (res: Response, status: number, code: ErrorCode, message: string, extra?: Record<string, string>) =>
  sendEnvelope(res, status, { ok: false, error: { code, message } }, extra);

/** The script tag goes before the renderer's own, so window.carrel exists when the app starts. */
export function injectShim(html: string, file: string): string {
  const at = html.search(/<script\b/i);
  if (at === -1) throw new Error(`${file} has no <script> tag: the renderer build looks incomplete.`);
  return `${html.slice(0, at)}<script src="${SHIM_URL_PATH}"></script>${html.slice(at)}`;
}

/**
 * A page on another site can point a name it controls at 127.0.0.1 (DNS rebinding); its requests
 * then carry that name in Host. Only the loopback names of this very port are served.
 */
function hostAllowed(req: http.IncomingMessage): boolean {
  const port = req.socket.localPort;
  const host = req.headers.host?.toLowerCase();
  return host === `127.0.0.1:${port}` || host === `localhost:${port}`;
}

function originAllowed(req: http.IncomingMessage): boolean {
  const origin = req.headers.origin;
  if (origin === undefined) return true;
  const port = req.socket.localPort;
  return origin === `http://127.0.0.1:${port}` || origin === `http://localhost:${port}`;
}

function tokenMatches(given: string | string[] | undefined, token: string): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Reads the body, or returns undefined once it passes the limit (the rest is drained, not kept). */
function readBody(req: http.IncomingMessage, limit: number): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
    });
    req.on('end', () => resolve(size <= limit ? Buffer.concat(chunks) : undefined));
    req.on('error', reject);
  });
}

async function handleApi(
  req: http.IncomingMessage,
  res: Response,
  urlPath: string,
  options: HostServerOptions,
): Promise<void> {
  if (req.method !== 'POST') {
    return sendError(res, 405, 'not-allowed', 'API calls must be POST requests.', { Allow: 'POST' });
  }
  if (!originAllowed(req)) {
    return sendError(res, 403, 'not-allowed', `Refused a call from another origin (${req.headers.origin}).`);
  }
  if (!tokenMatches(req.headers[TOKEN_HEADER], options.token)) {
    return sendError(
      res,
      403,
      'not-allowed',
      'The preview host refused the call: the token is missing or wrong. Open the address the host printed, with its ?token=.',
    );
  }
  const channel = urlPath.slice('/api/'.length);
  if (!Object.hasOwn(options.handlers, channel)) {
    return sendError(res, 404, 'not-found', `There is no channel "${channel.slice(0, 100)}".`);
  }
  const limit = IMPORT_CHANNELS.has(channel) ? IMPORT_BODY_LIMIT_BYTES : BODY_LIMIT_BYTES;
  const body = await readBody(req, limit);
  if (body === undefined) {
    return sendError(res, 413, 'invalid-payload', `The request body is larger than ${limit / 1024 / 1024} MB.`);
  }
  let payload: unknown;
  try {
    payload = JSON.parse(body.toString('utf8'));
  } catch (error) {
    return sendError(res, 400, 'invalid-payload', `The request body is not valid JSON: ${(error as Error).message}`);
  }
  const envelope = await options.handlers[channel as Channel](payload);
  sendEnvelope(res, 200, envelope);
}

function serveFile(res: Response, file: string, contentType: string): void {
  const { size } = statSync(file);
  res.writeHead(200, { ...BASE_HEADERS, 'Content-Type': contentType, 'Content-Length': size });
  createReadStream(file)
    .on('error', () => res.destroy())
    .pipe(res);
}

function handleStatic(
  req: http.IncomingMessage,
  res: Response,
  url: string,
  urlPath: string,
  options: HostServerOptions,
): void {
  if (req.method !== 'GET') return sendText(res, 405, 'Only GET is served here.', { Allow: 'GET' });
  if (urlPath === SHIM_URL_PATH) return serveFile(res, options.shimFile, 'text/javascript; charset=utf-8');

  const response = resolveAppRequest(url, options.rendererDir, options.library);
  if (response.status !== 200) return sendText(res, response.status, response.message);
  if (response.file === path.join(options.rendererDir, 'index.html')) {
    return send(res, 200, response.contentType, injectShim(readFileSync(response.file, 'utf8'), response.file));
  }
  serveFile(res, response.file, response.contentType);
}

/**
 * The browser host's HTTP server: the built renderer and course assets exactly as the carrel://
 * protocol serves them, plus POST /api/<channel> bound to the same handler table as Electron's IPC.
 */
export function createHostServer(options: HostServerOptions): http.Server {
  return http.createServer((req, res) => {
    const handle = async () => {
      if (!hostAllowed(req)) return sendText(res, 403, `Refused: unexpected Host header "${req.headers.host ?? ''}".`);
      const url = req.url ?? '/';
      const urlPath = url.split(/[?#]/)[0]!;
      if (urlPath === '/api' || urlPath.startsWith('/api/')) return handleApi(req, res, urlPath, options);
      handleStatic(req, res, url, urlPath, options);
    };
    handle().catch((error: unknown) => {
      console.error(`Carrel preview: ${req.method} ${req.url} failed:`, error);
      if (res.headersSent) res.destroy();
      else sendText(res, 500, `Internal error: ${(error as Error).message}`);
    });
  });
}
