import { TEXT_SIZES, type ReadingPreferences, type TextSize } from '../../../electron/contract';
import { api } from '../lib/api';
import { toasts } from './toasts.svelte';

/** Text size and focus mode; each change is saved in the app's settings, and undone if it cannot be. */
export class ReadingState {
  textSize = $state<TextSize>('normal');
  focus = $state(false);

  canShrink = $derived(TEXT_SIZES.indexOf(this.textSize) > 0);
  canGrow = $derived(TEXT_SIZES.indexOf(this.textSize) < TEXT_SIZES.length - 1);

  load(preferences: ReadingPreferences): void {
    this.textSize = preferences.textSize;
    this.focus = preferences.focus;
  }

  /** One size up (`step` 1) or down (-1), within the sizes there are. */
  resize(step: 1 | -1): Promise<void> {
    const next = TEXT_SIZES[TEXT_SIZES.indexOf(this.textSize) + step];
    return next ? this.save({ textSize: next, focus: this.focus }) : Promise.resolve();
  }

  toggleFocus(): Promise<void> {
    return this.save({ textSize: this.textSize, focus: !this.focus });
  }

  private async save(preferences: ReadingPreferences): Promise<void> {
    const previous = { textSize: this.textSize, focus: this.focus };
    this.load(preferences);
    try {
      await api.setReading(preferences);
    } catch (error) {
      this.load(previous);
      toasts.error(error);
    }
  }
}

export const reading = new ReadingState();

/** What each size is called where the student chooses it. */
export const TEXT_SIZE_LABELS: Record<TextSize, string> = {
  small: 'Small',
  normal: 'Normal',
  large: 'Large',
  larger: 'Larger',
};
