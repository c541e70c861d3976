import { describe, expect, it } from 'vitest';
import { domainPosition, imageColour, imageDomain } from './image-colour.js';

describe('image colours', () => {
  it('gives a diverging set symmetric limits shared by all its images', () => {
    expect(
      imageDomain('diverging', [
        [-0.5, 0.25],
        [2, 0],
      ]),
    ).toEqual([-2, 2]);
    expect(imageDomain('diverging', [[0, 0]])).toEqual([-1, 1]);
    expect(imageDomain('diverging', [[Number.NaN, -3]])).toEqual([-3, 3]);
  });

  it('gives a sequential set its smallest to largest value, a unit range when flat', () => {
    expect(imageDomain('sequential', [[0.2, 0.5], [0.8]])).toEqual([0.2, 0.8]);
    expect(imageDomain('sequential', [[3, 3]])).toEqual([3, 4]);
    expect(imageDomain('sequential', [])).toEqual([0, 1]);
  });

  it('places values in the domain, clamped, a missing value as 0', () => {
    expect(domainPosition([-2, 2], 1)).toBe(0.75);
    expect(domainPosition([-2, 2], 5)).toBe(1);
    expect(domainPosition([-2, 2], Number.NaN)).toBe(0.5);
  });

  it('draws diverging sets red to blue through near-white, sequential white paper to black ink', () => {
    expect(imageColour('diverging', 0)).toEqual([0x8c, 0x0d, 0x25]);
    expect(imageColour('diverging', 0.5)).toEqual([0xf2, 0xef, 0xee]);
    expect(imageColour('diverging', 1)).toEqual([0x13, 0x4b, 0x85]);
    expect(imageColour('sequential', 0)).toEqual([255, 255, 255]);
    expect(imageColour('sequential', 1)).toEqual([0, 0, 0]);
    expect(imageColour('sequential', 7)).toEqual([0, 0, 0]);
  });
});
