import { TEXT_SIZES, type ReadingPreferences, type Theme } from '../../contract.js';
import { invalidPayload } from '../errors.js';
import type { NoticeBoard } from '../notices.js';
import type { DocumentSchema } from '../storage/document.js';
import type { StoreFile, StoreOpener } from '../storage/store.js';
import { boolean, literal, nullable, object, oneOf, string, type Validator } from '../validate.js';

export interface WindowBounds {
  x?: number;
  y?: number;
  width: number;
  height: number;
  maximized: boolean;
}

interface SettingsData extends Record<string, unknown> {
  schemaVersion: 2;
  theme: Theme;
  reading: ReadingPreferences;
  lastCourseId: string | null;
  windowBounds: WindowBounds | null;
}

const DEFAULT_READING: ReadingPreferences = { textSize: 'normal', focus: false };

const DEFAULTS: SettingsData = {
  schemaVersion: 2,
  theme: 'system',
  reading: DEFAULT_READING,
  lastCourseId: null,
  windowBounds: null,
};

/** Text size and focus mode, as the app's handler table checks them too. */
export const readingPreferences: Validator<ReadingPreferences> = object({
  textSize: oneOf(TEXT_SIZES),
  focus: boolean,
});

/** Any object: window-bounds.ts treats each odd value in it as missing, since people edit this file. */
const windowBounds: Validator<WindowBounds> = (value, path) => {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw invalidPayload(`${path} must be an object.`);
  return value as WindowBounds;
};

const validateSettings: Validator<SettingsData> = object({
  schemaVersion: literal(2),
  theme: oneOf(['light', 'dark', 'system'] as const),
  reading: readingPreferences,
  lastCourseId: nullable(string({ max: 200 })),
  windowBounds: nullable(windowBounds),
});

const settingsSchema: DocumentSchema<SettingsData> = {
  version: 2,
  validate: validateSettings,
  migrations: {
    // Version 2 keeps reading preferences; a version 1 file gets the defaults.
    1: (document) => ({ ...document, schemaVersion: 2, reading: DEFAULT_READING }),
  },
  readNewer: (value, path) => {
    const newer = value as Partial<SettingsData>;
    return validateSettings(
      {
        ...DEFAULTS,
        theme: newer.theme,
        reading: newer.reading ?? DEFAULT_READING,
        lastCourseId: newer.lastCourseId ?? null,
        windowBounds: newer.windowBounds ?? null,
      },
      path,
    );
  },
};

/** App-wide preferences, kept in one file (`settings.json`) in the user-data folder. */
export class SettingsRepository {
  private readonly file: StoreFile<SettingsData>;

  constructor(openStore: StoreOpener, dir: string, notices: NoticeBoard) {
    this.file = openStore.file({
      dir,
      name: 'settings',
      schema: settingsSchema,
      defaults: () => DEFAULTS,
      description: 'settings',
      notices,
    });
  }

  get path(): string {
    return this.file.path;
  }

  private update(change: Partial<SettingsData>): void {
    this.file.write({ ...DEFAULTS, ...this.file.read(), ...change });
  }

  get theme(): Theme {
    return this.file.read().theme ?? 'system';
  }

  set theme(theme: Theme) {
    this.update({ theme });
  }

  get reading(): ReadingPreferences {
    return this.file.read().reading ?? DEFAULT_READING;
  }

  set reading(reading: ReadingPreferences) {
    this.update({ reading: { textSize: reading.textSize, focus: reading.focus } });
  }

  get lastCourseId(): string | null {
    return this.file.read().lastCourseId ?? null;
  }

  set lastCourseId(courseId: string | null) {
    // Remembered in passing, never asked for: a file only a newer Carrel may change keeps its value.
    if (this.file.readOnly) return;
    this.update({ lastCourseId: courseId });
  }

  get windowBounds(): WindowBounds | null {
    return this.file.read().windowBounds ?? null;
  }

  set windowBounds(bounds: WindowBounds | null) {
    if (this.file.readOnly) return;
    this.update({ windowBounds: bounds });
  }

  close(): void {
    this.file.close();
  }
}
