import { describe, expect, it } from 'vitest';
import { fold, stem, tokenize } from '../../../electron/core/search/tokenizer.js';

const terms = (text: string) => tokenize(text).map((token) => token.term);

describe('tokenize', () => {
  it('splits on punctuation and lowercases', () => {
    expect(terms('Hello, World! (Really?) "Quoted"; semi:colon')).toEqual([
      'hello',
      'world',
      'really',
      'quoted',
      'semi',
      'colon',
    ]);
  });

  it('folds accents so that "naïve" and "naive" are the same word', () => {
    expect(terms('Naïve café Ångström façade')).toEqual(['naive', 'cafe', 'angstrom', 'facade']);
    expect(terms('naïve')).toEqual(terms('naive'));
    expect(terms('straße Øresund')).toEqual(['strasse', 'oresund']);
  });

  it('keeps accented words whole even when the accent is a separate combining mark', () => {
    expect(terms('nai\u0308ve')).toEqual(['naive']);
  });

  it('indexes a hyphenated word as its joined form and as its parts at consecutive positions', () => {
    const tokens = tokenize('zero-shot learning');
    expect(tokens.map(({ term, role, position }) => [term, role, position])).toEqual([
      ['zeroshot', 'compound', 0],
      ['zero', 'part', 0],
      ['shot', 'part', 1],
      ['learning', 'word', 2],
    ]);
  });

  it('treats fine-tune and GPT-4 the same way', () => {
    expect(terms('fine-tune')).toEqual(['finetune', 'fine', 'tune']);
    expect(terms('GPT-4')).toEqual(['gpt4', 'gpt', '4']);
    expect(terms('gpt-3.5 snake_case')).toEqual(['gpt35', 'gpt', '3', '5', 'snakecase', 'snake', 'case']);
    // The joined form is stemmed like any word, so it matches the compound typed without its joiner.
    expect(terms('node.js')[0]).toBe(terms('nodejs')[0]);
  });

  it('does not join across a hyphen or a full stop that ends a word', () => {
    expect(terms('pre- and post-training. Next')).toEqual(['pre', 'and', 'posttraining', 'post', 'training', 'next']);
  });

  it('drops apostrophes inside words', () => {
    expect(terms("doesn't model’s")).toEqual(['doesnt', 'model']);
  });

  it('gives the offsets of each token in the original text', () => {
    const text = 'Les modèles naïfs, GPT-4.';
    for (const token of tokenize(text)) expect(fold(text.slice(token.start, token.end)).length).toBeGreaterThan(0);
    const gpt = tokenize(text).find((token) => token.term === 'gpt4')!;
    expect(text.slice(gpt.start, gpt.end)).toBe('GPT-4');
    const naifs = tokenize(text).find((token) => token.term === 'naif')!;
    expect(text.slice(naifs.start, naifs.end)).toBe('naïfs');
  });

  it('returns nothing for blank or punctuation-only text', () => {
    expect(tokenize('')).toEqual([]);
    expect(tokenize('   \n\t ')).toEqual([]);
    expect(tokenize('!?-- ... ——')).toEqual([]);
  });
});

describe('stem', () => {
  it('folds plurals onto the singular', () => {
    expect(['models', 'studies', 'classes', 'transformers'].map(stem)).toEqual([
      'model',
      'study',
      'class',
      'transformer',
    ]);
  });

  it('leaves alone words that only look plural, short words and words with digits', () => {
    expect(['loss', 'corpus', 'analysis', 'gas', 'llms4'].map(stem)).toEqual([
      'loss',
      'corpus',
      'analysis',
      'gas',
      'llms4',
    ]);
  });
});
