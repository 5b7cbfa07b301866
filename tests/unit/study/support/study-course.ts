import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { compileCourse } from '../../../../electron/core/course/compile-course.js';
import { loadContentSource } from '../../../../electron/core/course/content-source.js';
import { writePackDirectory } from '../../../../electron/core/course/pack-format.js';
import { loadShortcodes } from '../../../../electron/core/course/shortcode-data.js';
import { createAppServices } from '../../../../electron/core/app-services.js';
import { bundledCoursePack, NodeStore, tempDir, type TestServices } from '../../support/services.js';

/**
 * A two-page course with headings inside its sections, for what the bundled course lacks:
 * heading bookmarks, several pages in the nav, sections in course order.
 */
export const STUDY_COURSE = 'study-skills';
export const SKIMMING = 'reading.md#skimming';
export const CLOSE_READING = 'reading.md#close-reading';
export const DRAFTS = 'writing.md#drafts';
export const REVISING = 'writing.md#revising';
export const WHEN_TO_SKIM = 'when-to-skim';

const PAGES: Record<string, string> = {
  'reading.md': [
    '# Reading',
    '',
    'How to read a course.',
    '',
    '## Skimming',
    '',
    'Skimming means reading quickly for the gist.',
    '',
    '### When to skim',
    '',
    'Before a lecture, skim the chapter.',
    '',
    '### When not to skim',
    '',
    'Never skim instructions.',
    '',
    '## Close reading',
    '',
    'Close reading means slow, careful attention to each word.',
    '',
  ].join('\n'),
  'writing.md': [
    '# Writing',
    '',
    '## Drafts',
    '',
    'Write a first draft quickly.',
    '',
    '## Revising',
    '',
    'Revise with a reader in mind.',
    '',
  ].join('\n'),
};

let pack: string | undefined;

export function studyCoursePack(): string {
  if (!pack) {
    const content = tempDir('carrel-study-course-');
    writeFileSync(
      path.join(content, 'course.json'),
      JSON.stringify({
        id: STUDY_COURSE,
        title: 'Study Skills',
        nav: [
          { title: 'Reading', path: 'reading.md' },
          { title: 'Writing', path: 'writing.md' },
        ],
      }),
    );
    for (const [file, text] of Object.entries(PAGES)) writeFileSync(path.join(content, file), text);
    const compiled = compileCourse(loadContentSource(content), { shortcodes: loadShortcodes() });
    const out = tempDir('carrel-study-pack-');
    writePackDirectory(path.join(out, STUDY_COURSE), compiled);
    pack = path.join(out, STUDY_COURSE);
  }
  return pack;
}

/** The app's services with the bundled course and the study-skills course installed. */
export function startStudyServices(userDataDir = tempDir()): TestServices {
  const opened: string[] = [];
  const openedFiles: string[] = [];
  const services = createAppServices({
    appName: 'Carrel',
    appVersion: '0.0.0-test',
    userDataDir,
    bundledCourseDirs: [bundledCoursePack(), studyCoursePack()],
    Store: NodeStore,
    openExternal: async (url) => {
      opened.push(url);
    },
    openPath: async (file) => {
      openedFiles.push(file);
    },
  });
  return { ...services, userDataDir, opened, openedFiles };
}
