import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { handleInterrupts } from './interrupt-signals.js';

function setup() {
  const source = new EventEmitter();
  const log: string[] = [];
  const handling = handleInterrupts({
    onInterrupt: (signal) => log.push(`stop ${signal}`),
    beforeExit: () => log.push('restore terminal'),
    write: (line) => log.push(line),
    exit: (code) => log.push(`exit ${code}`),
    source: source as unknown as NodeJS.Process,
  });
  return { source, log, handling };
}

describe('handleInterrupts', () => {
  it.each([
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const)('stops the work once on the first %s and asks for exit code %d', (signal, code) => {
    const { source, log, handling } = setup();
    expect(handling.exitCode).toBeUndefined();
    source.emit(signal);
    expect(log).toEqual([`stop ${signal}`]);
    expect(handling).toMatchObject({ signal, exitCode: code });
  });

  it('exits at once on a second signal, with its code, after restoring the terminal', () => {
    const { source, log, handling } = setup();
    source.emit('SIGINT');
    source.emit('SIGTERM');
    expect(log).toEqual([
      'stop SIGINT',
      'restore terminal',
      expect.stringMatching(/SIGTERM while stopping: exiting at once/),
      'exit 143',
    ]);
    // The run's own exit code is still the first signal's.
    expect(handling.exitCode).toBe(130);
  });

  it('counts a Ctrl-C read as a key like the signal', () => {
    const { source, log, handling } = setup();
    handling.interrupt('SIGINT');
    source.emit('SIGINT');
    expect(log.at(0)).toBe('stop SIGINT');
    expect(log.at(-1)).toBe('exit 130');
  });

  it('stops listening when disposed', () => {
    const { source, log, handling } = setup();
    handling.dispose();
    expect(source.listenerCount('SIGINT') + source.listenerCount('SIGTERM')).toBe(0);
    source.emit('SIGINT');
    expect(log).toEqual([]);
  });
});
