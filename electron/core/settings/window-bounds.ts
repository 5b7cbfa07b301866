import type { WindowBounds } from './settings-repository.js';

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export const DEFAULT_WINDOW_SIZE = { width: 1200, height: 800 } as const;
export const MIN_WINDOW_SIZE = { width: 720, height: 480 } as const;

const isFiniteNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);

const clamp = (value: number, min: number, max: number) => Math.min(Math.max(value, min), max);

/**
 * The bounds to open the window with, given what was saved last time and the work area of the
 * display those bounds match now. Displays come and go (a laptop leaves its external monitor), so
 * the window is shrunk to fit and moved fully onto the work area. Without a usable position the
 * window is left to be centred. The settings file is user-editable, so anything that is not a
 * finite number counts as missing.
 */
export function fitToWorkArea(saved: WindowBounds | null, workArea: Rect): WindowBounds {
  const minWidth = Math.min(MIN_WINDOW_SIZE.width, workArea.width);
  const minHeight = Math.min(MIN_WINDOW_SIZE.height, workArea.height);
  const width = Math.round(
    clamp(isFiniteNumber(saved?.width) ? saved.width : DEFAULT_WINDOW_SIZE.width, minWidth, workArea.width),
  );
  const height = Math.round(
    clamp(isFiniteNumber(saved?.height) ? saved.height : DEFAULT_WINDOW_SIZE.height, minHeight, workArea.height),
  );
  const maximized = saved?.maximized === true;
  if (!isFiniteNumber(saved?.x) || !isFiniteNumber(saved?.y)) return { width, height, maximized };
  return {
    x: Math.round(clamp(saved.x, workArea.x, workArea.x + workArea.width - width)),
    y: Math.round(clamp(saved.y, workArea.y, workArea.y + workArea.height - height)),
    width,
    height,
    maximized,
  };
}

/** The rectangle to look a display up by: the saved one, or nothing when no position was saved. */
export function savedRect(saved: WindowBounds | null): Rect | null {
  if (!saved) return null;
  const { x, y, width, height } = saved;
  if (!isFiniteNumber(x) || !isFiniteNumber(y) || !isFiniteNumber(width) || !isFiniteNumber(height)) return null;
  return { x, y, width, height };
}
