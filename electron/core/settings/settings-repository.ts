import type { Theme } from '../../contract.js';
import type { NoticeBoard } from '../notices.js';
import type { StoreFile, StoreOpener } from '../storage/store.js';

export interface WindowBounds {
  x?: number;
  y?: number;
  width: number;
  height: number;
  maximized: boolean;
}

interface SettingsData extends Record<string, unknown> {
  schemaVersion: 1;
  theme: Theme;
  lastCourseId: string | null;
  windowBounds: WindowBounds | null;
}

const DEFAULTS: SettingsData = { schemaVersion: 1, theme: 'system', lastCourseId: null, windowBounds: null };

/** App-wide preferences, kept in one file (`settings.json`) in the user-data folder. */
export class SettingsRepository {
  private readonly file: StoreFile<SettingsData>;

  constructor(openStore: StoreOpener, dir: string, notices: NoticeBoard) {
    this.file = openStore({ dir, name: 'settings', defaults: DEFAULTS, description: 'settings', notices });
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

  get lastCourseId(): string | null {
    return this.file.read().lastCourseId ?? null;
  }

  set lastCourseId(courseId: string | null) {
    this.update({ lastCourseId: courseId });
  }

  get windowBounds(): WindowBounds | null {
    return this.file.read().windowBounds ?? null;
  }

  set windowBounds(bounds: WindowBounds | null) {
    this.update({ windowBounds: bounds });
  }
}
