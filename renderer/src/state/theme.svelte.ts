import type { Theme } from '../../../electron/contract';
import { api } from '../lib/api';
import { toasts } from './toasts.svelte';

const darkQuery = window.matchMedia('(prefers-color-scheme: dark)');

/** Light, dark, or following the system; the choice is saved in the app's settings. */
export class ThemeState {
  preference = $state<Theme>('system');
  private systemDark = $state(darkQuery.matches);
  resolved = $derived<'light' | 'dark'>(this.preference === 'system' ? (this.systemDark ? 'dark' : 'light') : this.preference);

  constructor() {
    darkQuery.addEventListener('change', (event) => (this.systemDark = event.matches));
  }

  async choose(theme: Theme): Promise<void> {
    const previous = this.preference;
    this.preference = theme;
    try {
      await api.setTheme({ theme });
    } catch (error) {
      this.preference = previous;
      toasts.error(error);
    }
  }
}

export const theme = new ThemeState();
