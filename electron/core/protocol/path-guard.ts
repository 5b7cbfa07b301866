import path from 'node:path';

/**
 * Resolves a URL path (still percent-encoded) to a file inside `root`, or undefined when it could
 * point anywhere else: `..` segments, encoded dots or slashes, backslashes, NUL bytes, absolute
 * paths and drive letters are all refused before the file system is asked anything.
 */
export function resolveInside(root: string, urlPath: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return undefined;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return undefined;
  if (/%2f|%5c/i.test(urlPath)) return undefined;
  if (/^[a-zA-Z]:/.test(decoded) || decoded.startsWith('/')) return undefined;
  const segments = decoded.split('/');
  if (segments.some((segment) => segment === '..' || segment === '.')) return undefined;
  const rootResolved = path.resolve(root);
  const file = path.resolve(rootResolved, ...segments.filter(Boolean));
  if (file !== rootResolved && !file.startsWith(rootResolved + path.sep)) return undefined;
  return file;
}
