import { describe, expect, it } from 'vitest';
import { scopeSvgIds } from './scope-svg-ids.js';

describe('scopeSvgIds', () => {
  it('prefixes the ids an SVG defines and every reference to them', () => {
    const svg =
      '<svg><defs><linearGradient id="gradient_0"/><clipPath id="clip1"/></defs>' +
      '<rect fill="url(#gradient_0)" clip-path="url(\'#clip1\')"/><use href="#clip1"/><use xlink:href="#gradient_0"/></svg>';
    expect(scopeSvgIds(svg, 'weights')).toBe(
      '<svg><defs><linearGradient id="weights-gradient_0"/><clipPath id="weights-clip1"/></defs>' +
        '<rect fill="url(#weights-gradient_0)" clip-path="url(\'#weights-clip1\')"/><use href="#weights-clip1"/><use xlink:href="#weights-gradient_0"/></svg>',
    );
  });

  it('leaves references to ids it does not define, and an SVG without ids, as they are', () => {
    expect(scopeSvgIds('<svg><a href="#top"/></svg>', 'x')).toBe('<svg><a href="#top"/></svg>');
    expect(scopeSvgIds('<svg id="a"><a href="#top"/></svg>', 'x')).toBe(
      '<svg id="x-a"><a href="#top"/></svg>',
    );
  });
});
