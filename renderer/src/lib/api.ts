import type { CarrelBridge, CarrelErrorPayload, ErrorCode, MethodName } from '../../../electron/contract';

/**
 * The renderer's only door to the app: `window.carrel`, provided by the preload in Electron and by
 * a shim under the browser host. Calls return results and throw `ApiError` for `{ ok: false }`.
 */
declare global {
  interface Window {
    carrel?: CarrelBridge;
  }
}

export class ApiError extends Error {
  readonly code: ErrorCode;

  constructor(error: CarrelErrorPayload) {
    super(error.message);
    this.name = 'ApiError';
    this.code = error.code;
  }
}

type Unwrapped = {
  [M in MethodName]: (
    ...args: Parameters<CarrelBridge[M]>
  ) => Promise<Extract<Awaited<ReturnType<CarrelBridge[M]>>, { ok: true }>['result']>;
};

function bridge(): CarrelBridge {
  if (!window.carrel) throw new ApiError({ code: 'internal', message: 'Carrel could not reach its data (no bridge).' });
  return window.carrel;
}

export const api = new Proxy({} as Unwrapped, {
  get(_target, method: string) {
    return async (payload: never) => {
      const call = bridge()[method as MethodName] as (p: never) => Promise<{ ok: boolean; result?: unknown; error?: CarrelErrorPayload }>;
      const envelope = await call(payload);
      if (!envelope.ok) throw new ApiError(envelope.error!);
      return envelope.result;
    };
  },
});

/** Where a course's pack files are served, under both hosts (see electron/core/protocol/app-requests.ts). */
export const coursePackBase = (courseId: string) => `/course/${encodeURIComponent(courseId)}/`;
export const courseAssetBase = (courseId: string) => `${coursePackBase(courseId)}assets/`;
