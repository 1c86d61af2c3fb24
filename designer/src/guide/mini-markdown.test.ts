import { describe, expect, it } from 'vitest';
import { parseBlocks } from './mini-markdown';
import { CATALOGUE } from '../../../nodes/errors/catalogue';
import { GUIDES } from './guides';

describe('the guides’ markdown', () => {
  it('reads headings, paragraphs and both kinds of lists', () => {
    const text = '# Title\n\nOne line\nand the next.\n\n## Steps\n1. first\n2. second\n- a\n- b\n';
    expect(parseBlocks(text)).toEqual([
      { kind: 'h1', text: 'Title' },
      { kind: 'p', text: 'One line and the next.' },
      { kind: 'h2', text: 'Steps' },
      { kind: 'ol', items: ['first', 'second'] },
      { kind: 'ul', items: ['a', 'b'] },
    ]);
  });

  it('has the four operator guides the catalogue links to', () => {
    expect(GUIDES.map((g) => g.name).sort()).toEqual([
      'catching-up',
      'connection-troubleshooting',
      'daily-flow-management',
      'single-user-mode',
    ]);
    for (const e of CATALOGUE)
      if (e.guide)
        expect(
          GUIDES.map((g) => g.name),
          e.id,
        ).toContain(e.guide);
  });
});
