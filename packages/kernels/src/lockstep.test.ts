import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { LOCKSTEP_BYTES, Lockstep, LockstepStopped } from './lockstep.js';

// A follower in plain JavaScript (workers cannot load TypeScript): it takes commands until 0 and,
// for command c, in each of three phases writes c·10 + phase into its slot, meets the others,
// counts the slots that do not hold the same (into the last slot), and meets them again.
const FOLLOWER = `
const { workerData, parentPort } = require('node:worker_threads');
const { buffer, parties, index } = workerData;
const cells = new Int32Array(buffer, 0, 5);
const slots = new Int32Array(buffer, ${LOCKSTEP_BYTES});
let seen = Atomics.load(cells, 2);
parentPort.postMessage('ready');
function arrive() {
  const generation = Atomics.load(cells, 1);
  if (Atomics.add(cells, 0, 1) + 1 === parties) {
    Atomics.store(cells, 0, 0); Atomics.add(cells, 1, 1); Atomics.notify(cells, 1); return;
  }
  while (Atomics.load(cells, 1) === generation) {
    if (Atomics.load(cells, 4) === 1) throw new Error('stopped');
    Atomics.wait(cells, 1, generation, 50);
  }
}
for (;;) {
  while (Atomics.load(cells, 2) === seen) Atomics.wait(cells, 2, seen, 50);
  seen = Atomics.load(cells, 2);
  const command = Atomics.load(cells, 3);
  if (command === 0) break;
  for (let phase = 0; phase < 3; phase++) {
    Atomics.store(slots, index, command * 10 + phase);
    arrive();
    for (let p = 0; p < parties; p++) {
      if (Atomics.load(slots, p) !== command * 10 + phase) Atomics.add(slots, parties, 1);
    }
    arrive();
  }
}
parentPort.postMessage('done');
`;

function startFollower(buffer: SharedArrayBuffer, parties: number, index: number): Worker {
  return new Worker(FOLLOWER, { eval: true, workerData: { buffer, parties, index } });
}

const says = (worker: Worker, what: string) =>
  new Promise<void>((resolve, reject) => {
    worker.on('message', (message) => message === what && resolve());
    worker.once('error', reject);
  });

describe('Lockstep', () => {
  it('keeps a leader and followers on the same phase: at each barrier every slot holds it', async () => {
    const parties = 3;
    const buffer = new SharedArrayBuffer(LOCKSTEP_BYTES + 4 * (parties + 1));
    const slots = new Int32Array(buffer, LOCKSTEP_BYTES, parties);
    const followerMismatches = new Int32Array(buffer, LOCKSTEP_BYTES + 4 * parties, 1);
    const lockstep = new Lockstep(buffer, 0, parties, { label: 'test' });
    const followers = [1, 2].map((i) => startFollower(buffer, parties, i));
    const done = followers.map((w) => says(w, 'done'));
    // A follower takes the commands posted after it started.
    await Promise.all(followers.map((w) => says(w, 'ready')));
    const seen: number[][] = [];
    for (let command = 1; command <= 40; command++) {
      lockstep.post(command);
      for (let phase = 0; phase < 3; phase++) {
        Atomics.store(slots, 0, command * 10 + phase);
        lockstep.arrive();
        // Past the first barrier every party has written this phase; none writes the next one
        // before all have passed the second.
        seen.push(Array.from(slots));
        lockstep.arrive();
      }
    }
    lockstep.post(0);
    await Promise.all(done);
    await Promise.all(followers.map((w) => w.terminate()));
    const expected: number[][] = [];
    for (let command = 1; command <= 40; command++) {
      for (let phase = 0; phase < 3; phase++)
        expected.push(Array(parties).fill(command * 10 + phase));
    }
    expect(seen).toEqual(expected);
    expect(followerMismatches[0]).toBe(0);
  });

  it('lets a single party through every barrier at once', () => {
    const lockstep = new Lockstep(new SharedArrayBuffer(LOCKSTEP_BYTES), 0, 1, { label: 'solo' });
    for (let i = 0; i < 1000; i++) lockstep.arrive();
    expect(lockstep.stopped).toBe(false);
  });

  it('gives up on a party that never arrives, saying who waited and how long', () => {
    const lockstep = new Lockstep(new SharedArrayBuffer(LOCKSTEP_BYTES), 0, 2, {
      label: 'mlp parts',
      timeoutMs: 30,
    });
    expect(() => lockstep.arrive()).toThrow(
      /^mlp parts: expected the other parties to arrive within 30 ms, found none after \d+ ms/,
    );
  });

  it('wakes a waiting party with LockstepStopped once any thread stops it', async () => {
    const buffer = new SharedArrayBuffer(LOCKSTEP_BYTES);
    const lockstep = new Lockstep(buffer, 0, 2, { label: 'parts' });
    // Another thread stops the lockstep while this one waits at the barrier.
    const stopper = new Worker(
      `const { workerData } = require('node:worker_threads');
       const cells = new Int32Array(workerData, 0, 5);
       setTimeout(() => { Atomics.store(cells, 4, 1); Atomics.notify(cells, 1); }, 20);`,
      { eval: true, workerData: buffer },
    );
    expect(() => lockstep.arrive()).toThrow(LockstepStopped);
    expect(() => lockstep.post(1)).toThrow('parts: stopped');
    await stopper.terminate();
  });

  it('refuses a lockstep without parties', () => {
    expect(() => new Lockstep(new SharedArrayBuffer(LOCKSTEP_BYTES), 0, 0, { label: 'x' })).toThrow(
      'Lockstep: expected at least one party, found 0',
    );
  });
});
