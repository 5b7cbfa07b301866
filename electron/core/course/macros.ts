import { parseFrontMatter } from './front-matter.js';

/**
 * The mkdocs-macros plugin's variables: `{{ name }}` in a page is replaced by the value mkdocs.yml
 * gives it under `extra:` (`{{ course.code }}` reaches into nested values), by a value of the
 * page's own meta-data, or by `config.site_name`, `page.title` and `page.meta.<name>`. Carrel runs
 * no templates: a variable it does not know, a filter (`{{ x | upper }}`), a macro call or a
 * statement (`{% if %}`) stays as it is written, and check names it. `{% raw %}…{% endraw %}` shows
 * its content as written, and `{# comments #}` are left out, as on the site.
 */

export interface MacroValues {
  /** mkdocs.yml's `extra:` mapping. */
  extra: Record<string, unknown>;
  /** mkdocs.yml's settings that `config.<name>` reads. */
  config: Record<string, unknown>;
}

export interface MacroProblem {
  line: number;
  message: string;
}

const VARIABLE = /^[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*$/;
const TEMPLATE =
  /\{%-?\s*raw\s*-?%\}([\s\S]*?)\{%-?\s*endraw\s*-?%\}|\{#[\s\S]*?#\}|\{\{([\s\S]*?)\}\}|\{%([\s\S]*?)%\}/g;

/** The value at `dotted` in `scope`, when it is one a page can show. */
function lookup(scope: Record<string, unknown>, dotted: string): string | undefined {
  let value: unknown = scope;
  for (const key of dotted.split('.')) {
    if (!value || typeof value !== 'object' || Array.isArray(value) || !Object.hasOwn(value, key)) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

const lineAt = (text: string, index: number) => text.slice(0, index).split('\n').length;

const newlines = (text: string) => text.split('\n').length - 1;

/**
 * The page with its variables filled in. `pageTitle` is the nav's title for the page, if any.
 * Lines a comment or a raw block's tags spanned are kept, so the rest of the page is reported
 * where it was written.
 */
export function renderMacros(
  markdown: string,
  values: MacroValues,
  pageTitle: string | undefined,
  report: (problem: MacroProblem) => void,
): string {
  if (!markdown.includes('{{') && !markdown.includes('{%') && !markdown.includes('{#')) return markdown;
  const { meta } = parseFrontMatter(markdown);
  const scope: Record<string, unknown> = {
    ...values.extra,
    ...meta,
    config: values.config,
    page: { title: (typeof meta.title === 'string' ? meta.title : undefined) ?? pageTitle, meta },
  };
  return markdown.replace(
    TEMPLATE,
    (whole, raw: string | undefined, expression: string | undefined, statement: string | undefined, offset: number) => {
      if (raw !== undefined) return raw + '\n'.repeat(newlines(whole) - newlines(raw));
      if (expression === undefined && statement === undefined) return '\n'.repeat(newlines(whole));
      const line = lineAt(markdown, offset);
      if (statement !== undefined) {
        report({ line, message: `The template statement ${whole.trim()} is not run in Carrel and shows as text.` });
        return whole;
      }
      const name = expression!.trim();
      const value = VARIABLE.test(name) ? lookup(scope, name) : undefined;
      if (value !== undefined) return value;
      report({
        line,
        message: VARIABLE.test(name)
          ? `The variable {{ ${name} }} has no value in mkdocs.yml's extra or the page's meta-data, and shows as text.`
          : `The template expression ${whole.trim()} is not run in Carrel (only plain variables are filled in) and shows as text.`,
      });
      return whole;
    },
  );
}
