export interface Toast {
  id: number;
  message: string;
  tone: 'info' | 'error';
  action?: { label: string; run: () => void | Promise<void> };
}

const VISIBLE_MS = 6000;

/** Short messages at the bottom of the window: confirmations, errors, and Undo after a delete. */
export class Toasts {
  items = $state<Toast[]>([]);
  private nextId = 1;

  show(message: string, options: { tone?: Toast['tone']; action?: Toast['action'] } = {}): number {
    const toast: Toast = { id: this.nextId++, message, tone: options.tone ?? 'info', action: options.action };
    this.items = [...this.items, toast];
    setTimeout(() => this.dismiss(toast.id), options.tone === 'error' ? VISIBLE_MS * 2 : VISIBLE_MS);
    return toast.id;
  }

  error(error: unknown): void {
    this.show(error instanceof Error ? error.message : String(error), { tone: 'error' });
  }

  dismiss(id: number): void {
    this.items = this.items.filter((t) => t.id !== id);
  }
}

export const toasts = new Toasts();
