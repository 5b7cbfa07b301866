import { describe, expect, it } from 'vitest';
import {
  type Anchor,
  type CourseText,
  describeSelection,
  indexCourse,
  reanchor,
} from '../../../electron/core/study/anchoring/index.js';

const OVERVIEW =
  'Overview\n' +
  'Since 2017, there has been a lot of work in the area of generative AI. Broadly speaking, generative AI ' +
  'refers to models that generate content, usually in the form of images, text, video or audio.\n' +
  'In many ways, generative AI is similar to supervised learning. The models output predictions that are ' +
  'content. However, for the kinds of content that is popular with Generative AI, there are orders of ' +
  'magnitude more data available online than for other tasks.\n' +
  'Generative AI with text comes from language modelling - the task of predicting the next word in a sentence. ' +
  'This model is a very powerful autocomplete model.';

const FOUNDATION =
  'Frontier/Foundation Models\n' +
  'As organisations have trained increasingly larger and larger models, they have got more expensive to train. ' +
  'A typical way of working now is that these large foundation models are trained once by an organisation with ' +
  'the money and resources to do so, and then used by many others.\n' +
  'We do not usually know the data they are trained on. If a model is behind an API, we cannot be sure about ' +
  'reproducibility.';

const RESOURCES =
  'More Resources\n' +
  'Accelerate Science has two workshops related to generative AI, each with online material that you can work ' +
  'through at your own pace: LLMs and Diffusion Models.';

const DIFFUSION =
  'Diffusion\n' +
  'A diffusion model learns to remove noise from an image step by step, and generates new images by starting ' +
  'from pure noise.';

type Sections = Record<string, string>;

/** A course as pages of sections; section ids follow the compiler's `pagePath#slug` scheme. */
function courseOf(pages: Record<string, Sections>): CourseText {
  return {
    pages: Object.entries(pages).map(([path, sections]) => ({
      path,
      sections: Object.entries(sections).map(([slug, text]) => ({ id: `${path}#${slug}`, text })),
    })),
  };
}

const original = (): Record<string, Sections> => ({
  'generative-ai.md': { overview: OVERVIEW, foundation: FOUNDATION, resources: RESOURCES },
  'diffusion.md': { diffusion: DIFFUSION },
});

/** The anchor a student makes by selecting the `occurrence`-th appearance of `quote` in a section. */
function highlight(pages: Record<string, Sections>, sectionId: string, quote: string, occurrence = 0): Anchor {
  const [path, slug] = sectionId.split('#') as [string, string];
  const text = pages[path]![slug]!;
  let start = -1;
  for (let i = 0; i <= occurrence; i++) start = text.indexOf(quote, start + 1);
  if (start < 0) throw new Error(`test setup: "${quote}" is not in ${sectionId}`);
  return describeSelection(text, start, start + quote.length, sectionId);
}

/** What the student sees highlighted after the course changed: the section and the words. */
function landing(pages: Record<string, Sections>, anchor: Anchor) {
  const result = reanchor(anchor, indexCourse(courseOf(pages)));
  if (result.status === 'orphaned') return { result, sectionId: undefined, words: undefined };
  const [path, slug] = result.sectionId.split('#') as [string, string];
  return { result, sectionId: result.sectionId, words: pages[path]![slug]!.slice(result.start, result.end) };
}

const nthIndexOf = (text: string, part: string, n: number) => {
  let at = -1;
  for (let i = 0; i <= n; i++) at = text.indexOf(part, at + 1);
  return at;
};

describe('describeSelection', () => {
  it('keeps the selected words, their offsets and 32 code units of context on each side', () => {
    const start = OVERVIEW.indexOf('supervised learning');
    const anchor = describeSelection(OVERVIEW, start, start + 19, 'generative-ai.md#overview');
    expect(anchor).toEqual({
      sectionId: 'generative-ai.md#overview',
      quote: {
        type: 'TextQuoteSelector',
        exact: 'supervised learning',
        prefix: OVERVIEW.slice(start - 32, start),
        suffix: OVERVIEW.slice(start + 19, start + 19 + 32),
      },
      position: { type: 'TextPositionSelector', start, end: start + 19 },
    });
    expect(anchor.quote.prefix).toBe('ys, generative AI is similar to ');
  });

  it('keeps shorter context at the edges of a section', () => {
    const anchor = describeSelection(DIFFUSION, 0, 9, 'diffusion.md#diffusion');
    expect(anchor.quote.prefix).toBe('');
    expect(anchor.quote.exact).toBe('Diffusion');
    const last = describeSelection(DIFFUSION, DIFFUSION.length - 11, DIFFUSION.length, 'diffusion.md#diffusion');
    expect(last.quote.exact).toBe('pure noise.');
    expect(last.quote.suffix).toBe('');
  });

  it('rejects an empty selection, offsets outside the text and offsets that are not whole numbers', () => {
    expect(() => describeSelection(DIFFUSION, 5, 5, 'diffusion.md#diffusion')).toThrow(/at least one character/);
    expect(() => describeSelection(DIFFUSION, 7, 3, 'diffusion.md#diffusion')).toThrow(/from 7 to 3 is empty/);
    expect(() => describeSelection(DIFFUSION, 0, 5000, 'diffusion.md#diffusion')).toThrow(
      `end 5000 is past the end of the section's text (${DIFFUSION.length} code units)`,
    );
    expect(() => describeSelection(DIFFUSION, 1.5, 4, 'diffusion.md#diffusion')).toThrow(
      /start must be a whole number/,
    );
    expect(() => describeSelection(DIFFUSION, -1, 4, 'diffusion.md#diffusion')).toThrow(/start must be a whole number/);
    expect(() => describeSelection(DIFFUSION, 0, 4, '')).toThrow(/needs a section id/);
  });
});

describe('indexCourse', () => {
  it('names a section id that appears twice', () => {
    const course = courseOf(original());
    course.pages[1]!.sections[0]!.id = 'generative-ai.md#overview';
    expect(() => indexCourse(course)).toThrow(/Section "generative-ai.md#overview" appears twice/);
  });

  it('names a page that appears twice', () => {
    const course = courseOf(original());
    expect(() => indexCourse({ pages: [...course.pages, course.pages[0]!] })).toThrow(
      /Page "generative-ai.md" appears twice/,
    );
  });
});

describe('reanchor: the quote is still where it was', () => {
  it('finds an unchanged highlight at its stored position with a full score', () => {
    const pages = original();
    const anchor = highlight(pages, 'generative-ai.md#overview', 'orders of magnitude more data');
    const { result, words } = landing(pages, anchor);
    expect(result).toEqual({
      status: 'exact',
      sectionId: 'generative-ai.md#overview',
      start: anchor.position.start,
      end: anchor.position.end,
      score: 1,
    });
    expect(words).toBe('orders of magnitude more data');
  });

  it('stays exact when the section is rewritten after the quote', () => {
    const pages = original();
    const anchor = highlight(pages, 'generative-ai.md#overview', 'supervised learning');
    pages['generative-ai.md']!.overview = OVERVIEW.replace(
      'This model is a very powerful autocomplete model.',
      'Think of it as autocomplete, trained on a large share of the public web.',
    );
    const { result, words } = landing(pages, anchor);
    expect(result.status).toBe('exact');
    expect(words).toBe('supervised learning');
  });

  it('stays exact when words are added right after the quote', () => {
    const pages = original();
    const anchor = highlight(pages, 'generative-ai.md#overview', 'similar to supervised learning');
    pages['generative-ai.md']!.overview = OVERVIEW.replace(
      'supervised learning. The models',
      'supervised learning (with labels). The models',
    );
    const { result, words } = landing(pages, anchor);
    expect(result.status).toBe('exact');
    expect(words).toBe('similar to supervised learning');
  });
});

describe('reanchor: the quote moved inside its section', () => {
  it('follows the quote when a sentence is inserted before it', () => {
    const pages = original();
    const anchor = highlight(pages, 'generative-ai.md#overview', 'predicting the next word in a sentence');
    const inserted = 'Image models such as diffusion models work differently and are covered later. ';
    pages['generative-ai.md']!.overview = OVERVIEW.replace('In many ways', `${inserted}In many ways`);
    const { result, sectionId, words } = landing(pages, anchor);
    expect(result).toMatchObject({ status: 'moved', start: anchor.position.start + inserted.length });
    expect(sectionId).toBe('generative-ai.md#overview');
    expect(words).toBe('predicting the next word in a sentence');
  });

  it('follows the quote when an earlier paragraph is rewritten shorter', () => {
    const pages = original();
    const anchor = highlight(pages, 'generative-ai.md#overview', 'very powerful autocomplete');
    pages['generative-ai.md']!.overview = OVERVIEW.replace(
      /In many ways[^\n]*\n/,
      'Generative AI is close to supervised learning, with far more data.\n',
    );
    const { result, words } = landing(pages, anchor);
    expect(result.status).toBe('moved');
    expect(words).toBe('very powerful autocomplete');
  });

  it('follows the quote when words are inserted inside the text just before it', () => {
    const pages = original();
    const anchor = highlight(pages, 'generative-ai.md#overview', 'orders of magnitude more data');
    pages['generative-ai.md']!.overview = OVERVIEW.replace(
      'with Generative AI, there are',
      'with Generative AI, today there are',
    );
    const { result, words } = landing(pages, anchor);
    expect(result.status).toBe('moved');
    expect(words).toBe('orders of magnitude more data');
    expect(result.status !== 'orphaned' && result.score).toBeGreaterThan(0.9);
  });

  it('picks the occurrence whose context matches when the quote appears twice', () => {
    const pages = original();
    // "generative AI" appears in the first sentence and again in the second; the student chose the second.
    const anchor = highlight(pages, 'generative-ai.md#overview', 'generative AI', 1);
    const second = nthIndexOf(OVERVIEW, 'generative AI', 1);
    pages['generative-ai.md']!.overview = OVERVIEW.replace('Since 2017', 'Since the transformer paper of 2017');
    const { result, words } = landing(pages, anchor);
    const text = pages['generative-ai.md']!.overview!;
    expect(result).toMatchObject({ status: 'moved', start: nthIndexOf(text, 'generative AI', 1) });
    expect(result.status !== 'orphaned' && result.start).not.toBe(second);
    expect(words).toBe('generative AI');
  });

  it('keeps a highlight on its own copy of a duplicated paragraph', () => {
    const paragraph = 'Remember: models can be wrong, so check their output against a source you trust.';
    const pages = original();
    pages['diffusion.md']!.diffusion = `${DIFFUSION}\n${paragraph}\n${paragraph}`;
    const anchor = highlight(pages, 'diffusion.md#diffusion', 'check their output', 1);
    const { result } = landing(pages, anchor);
    expect(result).toMatchObject({ status: 'exact', start: anchor.position.start });
  });
});

describe('reanchor: the section changed id or page', () => {
  it('finds a highlight in its section after the section was renamed', () => {
    const pages = original();
    const anchor = highlight(pages, 'generative-ai.md#foundation', 'trained once by an organisation');
    const page = pages['generative-ai.md']!;
    pages['generative-ai.md'] = {
      overview: page.overview!,
      'foundation-models': FOUNDATION.replace('Frontier/Foundation Models', 'Foundation Models'),
      resources: page.resources!,
    };
    const { result, sectionId, words } = landing(pages, anchor);
    expect(result.status).toBe('moved');
    expect(sectionId).toBe('generative-ai.md#foundation-models');
    expect(words).toBe('trained once by an organisation');
  });

  it('finds a highlight in its section after the section moved to another page', () => {
    const pages = original();
    const anchor = highlight(pages, 'generative-ai.md#foundation', 'we cannot be sure about reproducibility');
    delete pages['generative-ai.md']!.foundation;
    pages['models.md'] = { foundation: FOUNDATION };
    const { result, sectionId, words } = landing(pages, anchor);
    expect(result.status).toBe('moved');
    expect(sectionId).toBe('models.md#foundation');
    expect(words).toBe('we cannot be sure about reproducibility');
  });

  it('finds a short highlight in a renamed section through its context', () => {
    const pages = original();
    const anchor = highlight(pages, 'generative-ai.md#foundation', 'API');
    const page = pages['generative-ai.md']!;
    pages['generative-ai.md'] = { overview: page.overview!, models: FOUNDATION, resources: page.resources! };
    const { result, sectionId, words } = landing(pages, anchor);
    expect(result.status).toBe('moved');
    expect(sectionId).toBe('generative-ai.md#models');
    expect(words).toBe('API');
  });

  it('finds a highlighted heading again when its section is renamed', () => {
    const pages = original();
    const anchor = highlight(pages, 'diffusion.md#diffusion', 'Diffusion');
    pages['diffusion.md'] = { 'diffusion-models': DIFFUSION };
    const { result, sectionId, words } = landing(pages, anchor);
    expect(result).toMatchObject({ status: 'moved', start: 0 });
    expect(sectionId).toBe('diffusion.md#diffusion-models');
    expect(words).toBe('Diffusion');
  });

  it('orphans a highlighted heading whose section is gone rather than landing on the same word elsewhere', () => {
    const pages = original();
    const anchor = highlight(pages, 'generative-ai.md#overview', 'Overview');
    delete pages['generative-ai.md']!.overview;
    pages['diffusion.md']!.diffusion = `${DIFFUSION}\nOverview of the method: noise in, image out.`;
    expect(landing(pages, anchor).result).toEqual({ status: 'orphaned' });
  });

  it('prefers the moved section over a weaker match that stayed on the old page', () => {
    const pages = original();
    const anchor = highlight(pages, 'generative-ai.md#resources', 'two workshops related to generative AI');
    const page = pages['generative-ai.md']!;
    pages['generative-ai.md'] = {
      overview: `${page.overview!}\nThere are two workshops related to generative AI listed at the end.`,
      foundation: page.foundation!,
    };
    pages['diffusion.md']!.resources = RESOURCES;
    const { result, sectionId } = landing(pages, anchor);
    expect(result.status).toBe('moved');
    expect(sectionId).toBe('diffusion.md#resources');
  });
});

describe('reanchor: the quote itself changed', () => {
  it('lands on the corrected words when a typo in the quote is fixed', () => {
    const pages = original();
    pages['generative-ai.md']!.foundation = FOUNDATION.replace('increasingly larger', 'increasingly lagrer');
    const anchor = highlight(pages, 'generative-ai.md#foundation', 'trained increasingly lagrer and larger models');
    pages['generative-ai.md']!.foundation = FOUNDATION;
    const { result, words } = landing(pages, anchor);
    expect(result.status).toBe('fuzzy');
    expect(words).toBe('trained increasingly larger and larger models');
    expect(result.status !== 'orphaned' && result.score).toBeGreaterThan(0.9);
  });

  it('lands on the new words when one word of the quote is changed', () => {
    const pages = original();
    const anchor = highlight(
      pages,
      'generative-ai.md#overview',
      'there are orders of magnitude more data available online',
    );
    pages['generative-ai.md']!.overview = OVERVIEW.replace('more data available online', 'more text available online');
    const { result, words } = landing(pages, anchor);
    expect(result.status).toBe('fuzzy');
    expect(words).toBe('there are orders of magnitude more text available online');
  });

  it('lands on a long quote whose wording changed in several places', () => {
    const pages = original();
    const quote =
      'A typical way of working now is that these large foundation models are trained once by an organisation ' +
      'with the money and resources to do so, and then used by many others.';
    const anchor = highlight(pages, 'generative-ai.md#foundation', quote);
    const reworded = quote
      .replace('A typical way', 'The usual way')
      .replace('money and resources', 'money and the hardware')
      .replace('many others', 'everyone else');
    pages['generative-ai.md']!.foundation = FOUNDATION.replace(quote, reworded);
    const { result, words } = landing(pages, anchor);
    expect(result.status).toBe('fuzzy');
    expect(words).toBe(reworded);
  });

  it('lands on the changed quote in its renamed section on the same page', () => {
    const pages = original();
    const anchor = highlight(pages, 'generative-ai.md#foundation', 'more expensive to train');
    const page = pages['generative-ai.md']!;
    pages['generative-ai.md'] = {
      overview: page.overview!,
      'foundation-models': FOUNDATION.replace('more expensive to train', 'more expensive to run'),
      resources: page.resources!,
    };
    const { result, sectionId, words } = landing(pages, anchor);
    expect(result.status).toBe('fuzzy');
    expect(sectionId).toBe('generative-ai.md#foundation-models');
    expect(words).toBe('more expensive to run');
  });

  it('lands on the changed quote after its section moved to another page', () => {
    const pages = original();
    const anchor = highlight(pages, 'diffusion.md#diffusion', 'learns to remove noise from an image step by step');
    pages['generative-ai.md']!.diffusion = DIFFUSION.replace(
      'from an image step by step',
      'from a picture step by step',
    );
    delete pages['diffusion.md'];
    const { result, sectionId, words } = landing(pages, anchor);
    expect(result.status).toBe('fuzzy');
    expect(sectionId).toBe('generative-ai.md#diffusion');
    expect(words).toBe('learns to remove noise from a picture step by step');
  });

  it('orphans a highlight whose sentence was deleted', () => {
    const pages = original();
    const anchor = highlight(pages, 'generative-ai.md#overview', 'This model is a very powerful autocomplete model.');
    pages['generative-ai.md']!.overview = OVERVIEW.replace(' This model is a very powerful autocomplete model.', '');
    expect(landing(pages, anchor).result).toEqual({ status: 'orphaned' });
  });

  it('orphans a highlight whose section was deleted', () => {
    const pages = original();
    const anchor = highlight(pages, 'diffusion.md#diffusion', 'generates new images by starting from pure noise');
    delete pages['diffusion.md'];
    expect(landing(pages, anchor).result).toEqual({ status: 'orphaned' });
  });

  it('orphans a highlight whose words were rewritten beyond recognition', () => {
    const pages = original();
    const anchor = highlight(
      pages,
      'generative-ai.md#foundation',
      'We do not usually know the data they are trained on.',
    );
    pages['generative-ai.md']!.foundation = FOUNDATION.replace(
      'We do not usually know the data they are trained on.',
      'Their training sets are rarely published.',
    );
    expect(landing(pages, anchor).result).toEqual({ status: 'orphaned' });
  });
});

describe('reanchor: very short quotes rely on their context', () => {
  it('follows a two-letter highlight past an insertion instead of jumping to the first match', () => {
    const pages = original();
    const anchor = highlight(pages, 'generative-ai.md#overview', 'AI', 3);
    const fourth = nthIndexOf(OVERVIEW, 'AI', 3);
    expect(OVERVIEW.slice(fourth - 16, fourth + 4)).toBe('with Generative AI, ');
    pages['generative-ai.md']!.overview = OVERVIEW.replace('Overview\n', 'Overview\nA short history of the field. ');
    const text = pages['generative-ai.md']!.overview!;
    const { result } = landing(pages, anchor);
    expect(result).toMatchObject({ status: 'moved', start: nthIndexOf(text, 'AI', 3) });
  });

  it('follows a one-character highlight whose text before it changed but not after', () => {
    const pages = original();
    const anchor = highlight(pages, 'generative-ai.md#foundation', 'A', 1);
    expect(FOUNDATION.slice(anchor.position.start, anchor.position.start + 9)).toBe('A typical');
    pages['generative-ai.md']!.foundation = FOUNDATION.replace(
      'they have got more expensive to train. A typical',
      'training them now costs a fortune. A typical',
    );
    const text = pages['generative-ai.md']!.foundation!;
    const { result } = landing(pages, anchor);
    expect(result).toMatchObject({ status: 'moved', start: text.indexOf('A typical') });
  });

  it('orphans a short highlight whose sentence is gone rather than landing on another occurrence', () => {
    const pages = original();
    const anchor = highlight(pages, 'generative-ai.md#foundation', 'API');
    pages['generative-ai.md']!.foundation = FOUNDATION.replace(
      'If a model is behind an API, we cannot be sure about reproducibility.',
      'Results from a hosted model may change without notice.',
    );
    pages['generative-ai.md']!.resources = `${RESOURCES} Both use an API key that you get on the day.`;
    expect(landing(pages, anchor).result).toEqual({ status: 'orphaned' });
  });

  it('does not keep a one-letter highlight on a letter that only happens to sit at the old offset', () => {
    const pages = original();
    const anchor = highlight(pages, 'generative-ai.md#foundation', 'A', 1);
    const at = anchor.position.start;
    const other = 'Budgets grew each year, so only a few labs could keep up with the pace of it all.';
    // The whole sentence around the letter is rewritten; by chance the new text has an "A" at the same offset.
    pages['generative-ai.md']!.foundation =
      FOUNDATION.slice(0, at - 40) + other.slice(0, 40) + 'A' + other.slice(41, 81) + FOUNDATION.slice(at + 41);
    expect(landing(pages, anchor).result).toEqual({ status: 'orphaned' });
  });
});

describe('reanchor: offsets count UTF-16 code units', () => {
  const EMOJI =
    'Café culture ☕ and naïve questions\nAsk the model “what’s next?” 🤔 and it continues the sentence ' +
    'with the most likely word 🎲, one token at a time.';

  it('stores an emoji as two code units and accented letters as one', () => {
    const start = EMOJI.indexOf('🤔');
    const anchor = describeSelection(EMOJI, start, start + 2, 'emoji.md#intro');
    expect(anchor.quote.exact).toBe('🤔');
    expect(EMOJI.indexOf('naïve')).toBe('Café culture ☕ and '.length);
    expect('Café culture ☕ and '.length).toBe(19);
  });

  it('rejects a selection that cuts an emoji in half', () => {
    const start = EMOJI.indexOf('🤔');
    expect(() => describeSelection(EMOJI, start + 1, start + 6, 'emoji.md#intro')).toThrow(
      /start \d+ falls inside a character made of two UTF-16 code units/,
    );
    expect(() => describeSelection(EMOJI, start - 3, start + 1, 'emoji.md#intro')).toThrow(/end \d+ falls inside/);
  });

  it('widens the context rather than cutting an emoji at its edge', () => {
    const text = `${'x'.repeat(10)}🎲${'y'.repeat(31)}QUOTE`;
    const start = text.indexOf('QUOTE');
    const anchor = describeSelection(text, start, start + 5, 'emoji.md#dice');
    expect(anchor.quote.prefix).toBe(`🎲${'y'.repeat(31)}`);
    expect(anchor.quote.prefix).toHaveLength(33);
  });

  it('moves a highlight by two per emoji and one per accented letter inserted before it', () => {
    const pages = { 'emoji.md': { intro: EMOJI } };
    const anchor = highlight(pages, 'emoji.md#intro', 'the most likely word 🎲');
    const inserted = '☕ 🥐 crème brûlée';
    // Seventeen code units although sixteen characters: the croissant is outside the Basic Multilingual Plane.
    expect([inserted.length, [...inserted].length]).toEqual([17, 16]);
    pages['emoji.md'].intro = EMOJI.replace('Café culture ☕', `Café culture ☕${inserted}`);
    const { result, words } = landing(pages, anchor);
    expect(result).toMatchObject({ status: 'moved', start: anchor.position.start + 17 });
    expect(words).toBe('the most likely word 🎲');
  });

  it('lands on whole characters when an emoji inside a quote is replaced', () => {
    const pages = { 'emoji.md': { intro: EMOJI } };
    const anchor = highlight(pages, 'emoji.md#intro', '“what’s next?” 🤔 and it continues');
    pages['emoji.md'].intro = EMOJI.replace('🤔', '💭');
    const { result, words } = landing(pages, anchor);
    expect(result.status).toBe('fuzzy');
    expect(words).toBe('“what’s next?” 💭 and it continues');
  });

  it('lands on the corrected accents when a quote gains them', () => {
    const pages = { 'emoji.md': { intro: EMOJI.replace('naïve', 'naive') } };
    const anchor = highlight(pages, 'emoji.md#intro', 'and naive questions');
    pages['emoji.md'].intro = EMOJI;
    const { result, words } = landing(pages, anchor);
    expect(result.status).toBe('fuzzy');
    expect(words).toBe('and naïve questions');
  });
});

describe('reanchor: stored anchors that are damaged', () => {
  it('names what is missing', () => {
    const course = indexCourse(courseOf(original()));
    const anchor = highlight(original(), 'diffusion.md#diffusion', 'pure noise');
    expect(() => reanchor({ ...anchor, quote: { ...anchor.quote, exact: '' } }, course)).toThrow(
      /needs a quote of at least one character/,
    );
    expect(() => reanchor({ ...anchor, position: { ...anchor.position, start: -4 } }, course)).toThrow(
      /needs a start of at least 0, not -4/,
    );
  });
});
