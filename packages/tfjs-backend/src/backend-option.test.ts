import { describeOptions } from '@digitlab/core';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { backendOption } from './backend-option.js';

describe('backendOption', () => {
  it('takes a backend choice with its default, shown with the runtime settings and not in the header', () => {
    const schema = z.strictObject({ backend: backendOption('cpu') });
    expect(schema.parse({})).toEqual({ backend: 'cpu' });
    expect(schema.parse({ backend: 'wasm' })).toEqual({ backend: 'wasm' });
    expect(() => schema.parse({ backend: 'webgl' })).toThrow();
    expect(describeOptions(schema)).toEqual([
      {
        name: 'backend',
        type: 'enum',
        description:
          'TensorFlow.js backend: auto (wasm if it starts, else cpu), wasm (fast) or cpu (reference)',
        default: 'cpu',
        choices: ['auto', 'wasm', 'cpu'],
        group: 'runtime',
        header: false,
      },
    ]);
    const own = z.strictObject({ backend: backendOption('auto', 'Where tensors live') });
    expect(describeOptions(own)[0]?.description).toBe('Where tensors live');
  });
});
