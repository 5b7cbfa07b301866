import type { CarrelErrorPayload, ErrorCode } from '../contract.js';

/** An error meant for the user: its message says what was wrong, in words a person can act on. */
export class CarrelError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'CarrelError';
  }

  toPayload(): CarrelErrorPayload {
    return { code: this.code, message: this.message };
  }
}

export const invalidPayload = (message: string) => new CarrelError('invalid-payload', message);
export const notFound = (message: string) => new CarrelError('not-found', message);
