import { invalidPayload } from './errors.js';

/**
 * Run-time validation of what arrives over IPC or HTTP. The renderer is treated as untrusted:
 * every payload is checked against an exact shape (no missing or extra keys, no prototype tricks)
 * before a handler sees it, so a malformed call is rejected before anything is written.
 */
export type Validator<T> = (value: unknown, path: string) => T;

function fail(path: string, expectation: string): never {
  throw invalidPayload(`${path} ${expectation}.`);
}

export function string(options: { max: number; min?: number; pattern?: RegExp; hint?: string }): Validator<string> {
  const min = options.min ?? 0;
  return (value, path) => {
    if (typeof value !== 'string') fail(path, 'must be a string');
    if (value.length < min) fail(path, min === 1 ? 'must not be empty' : `must be at least ${min} characters`);
    if (value.length > options.max) fail(path, `must be at most ${options.max} characters`);
    if (options.pattern && !options.pattern.test(value)) fail(path, `must be ${options.hint ?? `like ${options.pattern}`}`);
    return value;
  };
}

export function number(options: { min: number; max: number }): Validator<number> {
  return (value, path) => {
    if (typeof value !== 'number' || !Number.isFinite(value)) fail(path, 'must be a finite number');
    if (value < options.min || value > options.max) fail(path, `must be between ${options.min} and ${options.max}`);
    return value;
  };
}

export function oneOf<const T extends readonly string[]>(values: T): Validator<T[number]> {
  return (value, path) => {
    if (typeof value !== 'string' || !values.includes(value)) fail(path, `must be one of ${values.join(', ')}`);
    return value as T[number];
  };
}

export function nullable<T>(inner: Validator<T>): Validator<T | null> {
  return (value, path) => (value === null ? null : inner(value, path));
}

export function integer(options: { min: number; max: number }): Validator<number> {
  return (value, path) => {
    if (typeof value !== 'number' || !Number.isInteger(value)) fail(path, 'must be a whole number');
    if (value < options.min || value > options.max) fail(path, `must be between ${options.min} and ${options.max}`);
    return value;
  };
}

export const boolean: Validator<boolean> = (value, path) => {
  if (typeof value !== 'boolean') fail(path, 'must be true or false');
  return value;
};

export function literal<const T extends string | number>(expected: T): Validator<T> {
  return (value, path) => {
    if (value !== expected) fail(path, `must be ${JSON.stringify(expected)}`);
    return expected;
  };
}

/** A list of at most `max` items; `noun` names the items in the message about the limit. */
export function arrayOf<T>(item: Validator<T>, options: { max: number; noun: string }): Validator<T[]> {
  return (value, path) => {
    if (!Array.isArray(value)) fail(path, 'must be a list');
    if (value.length > options.max) {
      fail(
        path,
        `holds ${value.length.toLocaleString('en-US')} ${options.noun}; Carrel accepts at most ${options.max.toLocaleString('en-US')}`,
      );
    }
    return value.map((entry, index) => item(entry, `${path}[${index}]`));
  };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

type Shape = Record<string, Validator<unknown>>;
type ShapeResult<S extends Shape> = { [K in keyof S]: ReturnType<S[K]> };

/** An object with exactly these keys. Unknown keys, `__proto__` among them, are refused. */
export function object<S extends Shape>(shape: S): Validator<ShapeResult<S>> {
  return (value, path) => {
    if (!isPlainObject(value)) fail(path, 'must be an object');
    for (const key of Object.keys(value)) {
      if (!Object.hasOwn(shape, key)) fail(`${path}.${key}`, 'is not an expected field');
    }
    // A null prototype: the result cannot be used to reach Object.prototype.
    const result = Object.create(null) as Record<string, unknown>;
    for (const [key, validate] of Object.entries(shape)) {
      if (!Object.hasOwn(value, key)) fail(`${path}.${key}`, 'is missing');
      result[key] = validate(value[key], `${path}.${key}`);
    }
    return { ...result } as ShapeResult<S>;
  };
}

export const empty = object({});

/** Course ids are used in file names, so they are restricted to a safe alphabet. */
export const courseId = string({ min: 1, max: 80, pattern: /^[a-z0-9][a-z0-9-]*$/, hint: 'a course id (lowercase letters, digits and dashes)' });
export const recordId = string({ min: 1, max: 100, pattern: /^[A-Za-z0-9_-]+$/, hint: 'an id (letters, digits, - and _)' });
export const sectionId = string({ min: 1, max: 600, pattern: /^[^\0]+#[^\0]*$/, hint: 'a section id such as "page.md#heading"' });
export const pagePath = string({
  min: 1,
  max: 500,
  pattern: /^[^\0\\]+\.(?:md|ipynb)$/,
  hint: 'a page path ending in .md (or .ipynb, for a notebook)',
});
