import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { IconResolver } from './markdown/icons.js';

/**
 * Icons from the icon packages installed with the app's build tools. Only the icons a course uses
 * end up in its compiled pages, so the packages themselves are never needed at run time for the
 * bundled course.
 */
export function createPackageIconResolver(): IconResolver {
  const require = createRequire(import.meta.url);
  const fontAwesome = path.dirname(require.resolve('@fortawesome/fontawesome-free/package.json'));
  const cache = new Map<string, string | undefined>();
  const styles: Record<string, string> = { solid: 'solid', regular: 'regular', brands: 'brands' };

  function load(name: string): string | undefined {
    const match = /^fontawesome-(solid|regular|brands)-(.+)$/.exec(name);
    if (!match) return undefined;
    const file = path.join(fontAwesome, 'svgs', styles[match[1]!]!, `${match[2]}.svg`);
    if (!existsSync(file)) return undefined;
    return readFileSync(file, 'utf8')
      .replace(/<!--[\s\S]*?-->/g, '')
      .replace('<svg ', '<svg aria-hidden="true" focusable="false" ')
      .trim();
  }

  return {
    resolve(name) {
      if (!cache.has(name)) cache.set(name, load(name));
      return cache.get(name);
    },
  };
}
