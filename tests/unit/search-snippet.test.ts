import { describe, expect, it } from 'vitest';
import { snippetOf } from '../../src-renderer/features/search/snippet';

const marked = (parts: { text: string; match: boolean }[]) =>
  parts.map((p) => (p.match ? `[${p.text}]` : p.text)).join('');

describe('snippetOf', () => {
  it('marks every match of every word, accents and case aside', () => {
    expect(marked(snippetOf('Tea, then TEA again, then café', ['tea', 'cafe']))).toBe(
      '[Tea], then [TEA] again, then [café]',
    );
  });

  it('shows the words around a match far into a long message, cut at spaces', () => {
    const text = `${'word '.repeat(200)}the needle here ${'more '.repeat(200)}`;
    const parts = snippetOf(text, ['needle']);
    const shown = marked(parts);
    expect(shown.startsWith('…')).toBe(true);
    expect(shown.endsWith('…')).toBe(true);
    expect(shown).toContain('the [needle] here');
    // Cut between words, never inside one.
    expect(shown).toMatch(/^…word /);
    expect(shown.length).toBeLessThan(240);
  });
});
