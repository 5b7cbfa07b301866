import { isScalar, parseDocument, Scalar, visit, type Node } from 'yaml';

/**
 * YAML as MkDocs projects write it, read without ever running anything. PyYAML's Python tags
 * (`!!python/name:material.extensions.emoji.twemoji`, `!!python/object/apply:…`) name Python
 * objects; here they read as null. `!ENV [NAME, default]` reads as its default (or null), never
 * from the environment, so the same project always compiles the same way.
 */
export interface YamlResult {
  value: unknown;
  error: string | undefined;
}

const PYTHON_TAG = /^tag:yaml\.org,2002:python\//;

export function parseYaml(text: string): YamlResult {
  const doc = parseDocument(text, { prettyErrors: false, uniqueKeys: false });
  if (doc.errors.length) {
    const first = doc.errors[0]!;
    const line = text.slice(0, first.pos[0]).split('\n').length;
    return { value: undefined, error: `${first.message.split('\n')[0]} (line ${line})` };
  }
  visit(doc, {
    Node(_, node: Node) {
      const tag = (node as { tag?: string }).tag;
      if (!tag) return undefined;
      if (PYTHON_TAG.test(tag)) return new Scalar(null);
      if (tag === '!ENV') {
        const items = isScalar(node) ? [node] : ((node as { items?: unknown[] }).items ?? []);
        const fallback = items.length > 1 ? items.at(-1) : undefined;
        return isScalar(fallback) ? new Scalar(fallback.value) : new Scalar(null);
      }
      return undefined;
    },
  });
  return { value: doc.toJS({ maxAliasCount: 100 }) as unknown, error: undefined };
}
