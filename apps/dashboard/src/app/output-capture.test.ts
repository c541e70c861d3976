import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { captureStrayOutput } from './output-capture.js';

describe('captureStrayOutput', () => {
  it('keeps console output and stderr writes off the screen until released', () => {
    const written: string[] = [];
    const stderr = new Writable({
      write(chunk, _encoding, done) {
        written.push(String(chunk));
        done();
      },
    }) as unknown as NodeJS.WriteStream;
    const originalWarn = console.warn;
    const release = captureStrayOutput(stderr);
    console.warn('tfjs says %s', 'hello');
    console.log({ a: 1 });
    stderr.write('a Node warning\n');
    const lines = release();
    expect(lines).toEqual([
      '[console.warn] tfjs says hello',
      '[console.log] { a: 1 }',
      'a Node warning',
    ]);
    expect(written).toEqual([]);
    expect(console.warn).toBe(originalWarn);
    stderr.write('after\n');
    expect(written).toEqual(['after\n']);
  });
});
