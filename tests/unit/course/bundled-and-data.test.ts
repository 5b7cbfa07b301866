import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileCourse } from '../../../electron/core/course/compile-course.js';
import { loadContentSource } from '../../../electron/core/course/content-source.js';
import { loadShortcodes, readShortcodeData, writeShortcodeData } from '../../../electron/core/course/shortcode-data.js';
import { pageHtml, query, repoRoot, tempDir } from './support.js';

describe('the bundled course', () => {
  const course = compileCourse(loadContentSource(path.join(repoRoot, 'content')), { shortcodes: loadShortcodes() });
  const page = query(pageHtml(course.pages[0]!));

  it('compiles without errors, with its centred figure and the contact button icon', () => {
    expect(course.report.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(page.one('figure').attribs.class).toBe('figure figure--center');
    expect(page.one('img').attribs.src).toBe('assets/imgs/gen1.png');
    const button = page.one('a', 'md-button');
    expect(button.attribs.href).toBe('mailto:accelerate-mle@cst.cam.ac.uk');
    expect(page.one('span', 'twemoji').parent).toBe(button);
    expect(course.manifest.assets).toEqual(['imgs/gen1.png']);
  });
});

describe('the shortcode data file the build writes for the packaged app', () => {
  it('holds every icon and emoji the packages have, drawn the same way', () => {
    const file = writeShortcodeData(tempDir());
    const data = readShortcodeData(file);
    const fromPackages = loadShortcodes();
    const fromFile = loadShortcodes(file);
    for (const name of [
      'fontawesome-solid-paper-plane',
      'fontawesome-brands-github',
      'fontawesome-regular-bell',
      'material-school',
      'octicons-mark-github-16',
    ]) {
      expect(fromFile.icon(name)).toBe(fromPackages.icon(name));
      expect(fromFile.icon(name)).toMatch(/^<svg aria-hidden="true" focusable="false"[^>]*viewBox/);
    }
    expect(fromFile.emoji('smile')).toBe('😄');
    expect(fromFile.emoji('+1')).toBe('👍');
    expect(fromFile.icon('material-not-an-icon')).toBeUndefined();
    expect(Object.keys(data.icons).length).toBeGreaterThan(9000);
  });
});
