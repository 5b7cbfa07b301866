import { describe, expect, it } from 'vitest';
import type { WindowBounds } from '../../../electron/core/settings/settings-repository.js';
import {
  DEFAULT_WINDOW_SIZE,
  MIN_WINDOW_SIZE,
  fitToWorkArea,
  savedRect,
} from '../../../electron/core/settings/window-bounds.js';

const laptop = { x: 0, y: 25, width: 1440, height: 875 };
/** An external monitor to the right of the laptop, as macOS and Windows lay them out. */
const external = { x: 1440, y: 0, width: 2560, height: 1440 };

const inside = (bounds: WindowBounds, area: typeof laptop) =>
  bounds.x! >= area.x &&
  bounds.y! >= area.y &&
  bounds.x! + bounds.width <= area.x + area.width &&
  bounds.y! + bounds.height <= area.y + area.height;

describe('fitToWorkArea', () => {
  it('opens a first-time window at the default size, left to be centred', () => {
    expect(fitToWorkArea(null, laptop)).toEqual({ ...DEFAULT_WINDOW_SIZE, maximized: false });
  });

  it('puts a window back exactly where it was when it still fits', () => {
    const saved = { x: 100, y: 80, width: 1000, height: 700, maximized: false };
    expect(fitToWorkArea(saved, laptop)).toEqual(saved);
  });

  it('keeps the maximized flag so the window opens maximized again', () => {
    expect(fitToWorkArea({ x: 100, y: 80, width: 1000, height: 700, maximized: true }, laptop).maximized).toBe(true);
  });

  it('brings back a window left on a monitor that is no longer connected, whole', () => {
    const onExternal = { x: 2000, y: 300, width: 1600, height: 1000, maximized: false };
    const fitted = fitToWorkArea(onExternal, laptop);
    expect(inside(fitted, laptop)).toBe(true);
    expect(fitted.width).toBe(1440);
    expect(fitted.height).toBe(875);
  });

  it('moves a window that hangs off an edge fully onto the screen without resizing it', () => {
    const fitted = fitToWorkArea({ x: 1200, y: 700, width: 800, height: 600, maximized: false }, laptop);
    expect(fitted).toEqual({ x: 640, y: 300, width: 800, height: 600, maximized: false });
  });

  it('keeps a window on a display that starts right of or above the primary one', () => {
    const saved = { x: 3000, y: -200, width: 900, height: 700, maximized: false };
    const fitted = fitToWorkArea(saved, external);
    expect(inside(fitted, external)).toBe(true);
    expect(fitted).toMatchObject({ x: 3000, y: 0, width: 900, height: 700 });
  });

  it('never opens smaller than the minimum size, unless the screen itself is smaller', () => {
    expect(fitToWorkArea({ x: 10, y: 40, width: 50, height: 20, maximized: false }, laptop)).toMatchObject(
      MIN_WINDOW_SIZE,
    );
    const tiny = { x: 0, y: 0, width: 640, height: 400 };
    expect(fitToWorkArea({ x: 0, y: 0, width: 50, height: 20, maximized: false }, tiny)).toMatchObject({
      width: 640,
      height: 400,
    });
  });

  it('treats values a hand-edited settings file made unusable as missing', () => {
    const junk = {
      x: 'left',
      y: null,
      width: Number.NaN,
      height: Infinity,
      maximized: 'yes',
    } as unknown as WindowBounds;
    expect(fitToWorkArea(junk, laptop)).toEqual({ ...DEFAULT_WINDOW_SIZE, maximized: false });
  });

  it('rounds fractional bounds (scaled displays) to whole pixels', () => {
    const fitted = fitToWorkArea({ x: 100.4, y: 80.6, width: 1000.5, height: 700.2, maximized: false }, laptop);
    expect(
      Object.values(fitted)
        .filter((v) => typeof v === 'number')
        .every(Number.isInteger),
    ).toBe(true);
  });
});

describe('savedRect', () => {
  it('gives the saved rectangle to find its display by', () => {
    expect(savedRect({ x: 5, y: 6, width: 700, height: 500, maximized: true })).toEqual({
      x: 5,
      y: 6,
      width: 700,
      height: 500,
    });
  });

  it('gives nothing when no position was saved, so the primary display is used', () => {
    expect(savedRect(null)).toBeNull();
    expect(savedRect({ width: 700, height: 500, maximized: false })).toBeNull();
  });
});
