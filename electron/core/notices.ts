import { randomUUID } from 'node:crypto';
import type { Notice } from '../contract.js';

/** Messages for the user that arise outside a request, such as a damaged data file at start-up. */
export class NoticeBoard {
  private readonly notices: Notice[] = [];

  add(notice: Omit<Notice, 'id'>): Notice {
    const full = { id: randomUUID(), ...notice };
    this.notices.push(full);
    return full;
  }

  list(): Notice[] {
    return [...this.notices];
  }

  dismiss(id: string): void {
    const index = this.notices.findIndex((n) => n.id === id);
    if (index >= 0) this.notices.splice(index, 1);
  }
}
