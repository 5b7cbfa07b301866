import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { resolveInside } from '../../../electron/core/protocol/path-guard.js';

const parent = mkdtempSync(path.join(os.tmpdir(), 'carrel-path-guard-'));
const root = path.join(parent, 'app');
mkdirSync(path.join(root, 'assets'), { recursive: true });
writeFileSync(path.join(root, 'index.html'), '<!doctype html>');
// A sibling whose name starts like the root: a prefix check alone would let it through.
mkdirSync(path.join(parent, 'app-secrets'));
writeFileSync(path.join(parent, 'app-secrets', 'key.txt'), 'secret');

afterAll(() => rmSync(parent, { recursive: true, force: true }));

describe('resolveInside', () => {
  it.each([
    ['index.html', 'index.html'],
    ['assets/app.js', 'assets/app.js'],
    ['imgs/gen1.png', 'imgs/gen1.png'],
    ['a/b/c/deep.txt', 'a/b/c/deep.txt'],
    ['name%20with%20spaces.png', 'name with spaces.png'],
    ['caf%C3%A9.png', 'café.png'],
    ['file..name.txt', 'file..name.txt'],
    ['...', '...'],
    ['.hidden', '.hidden'],
    ['a//b.txt', 'a/b.txt'],
    ['assets/', 'assets'],
    // Decoded once only: a double-encoded dot-dot is a folder literally named "%2e%2e", inside the root.
    ['%252e%252e/manifest.json', '%2e%2e/manifest.json'],
    ['%252f', '%2f'],
  ])('resolves %j inside the root', (urlPath, relative) => {
    expect(resolveInside(root, urlPath)).toBe(path.join(root, relative));
  });

  it.each([
    '..',
    '../package.json',
    'assets/../../package.json',
    'assets/..',
    './index.html',
    'assets/./app.js',
    '%2e%2e/package.json',
    '%2E%2E/package.json',
    '.%2e/package.json',
    '%2e./package.json',
    'assets/%2e%2e/%2e%2e/package.json',
    '..%2fpackage.json',
    '..%2Fpackage.json',
    'assets%2f..%2f..%2fpackage.json',
    '%2fetc%2fpasswd',
    '..%5cpackage.json',
    '..%5Cpackage.json',
    '%5cetc%5cpasswd',
    '..\\package.json',
    'assets\\..\\..\\package.json',
    '\\\\server\\share\\file',
    'index.html%00.png',
    'index.html\0.png',
    '%00',
    '/etc/passwd',
    '//etc/passwd',
    '%2Fetc/passwd',
    'C:\\Windows\\win.ini',
    'C:/Windows/win.ini',
    'c:win.ini',
    'C%3A%5CWindows%5Cwin.ini',
    'C%3A/Windows/win.ini',
    '../app-secrets/key.txt',
    '%2e%2e%2fapp-secrets%2fkey.txt',
    '%E0%A4%A',
    '%',
    '%zz',
  ])('refuses %j', (urlPath) => {
    expect(resolveInside(root, urlPath)).toBeUndefined();
  });

  it('keeps odd but harmless names inside the root', () => {
    const candidates = ['a/%2e%2e%2e/b', '%252e%252e%252f%252e%252e', 'a/.../b', '..a/b', 'a/b..'];
    for (const candidate of candidates) {
      const file = resolveInside(root, candidate);
      expect(file === undefined || file.startsWith(root + path.sep)).toBe(true);
    }
  });
});
