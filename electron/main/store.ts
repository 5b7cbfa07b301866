import type { ConfConstructor } from '../core/storage/store.js';

/**
 * electron-store as the Store the core services expect. It takes the file name as `name` and
 * overwrites conf's `configName` with it (default "config"), so the name is handed over here;
 * otherwise every store would share one config.json. Imported on demand: conf and its validator
 * are the heaviest modules main loads, and the window does not need them to open.
 */
export async function loadElectronStore(): Promise<ConfConstructor> {
  const { default: ElectronStore } = await import('electron-store');
  class NamedElectronStore extends ElectronStore<Record<string, unknown>> {
    constructor({ configName, ...options }: ConstructorParameters<ConfConstructor>[0]) {
      super({ ...options, name: configName });
    }
  }
  return NamedElectronStore as unknown as ConfConstructor;
}
