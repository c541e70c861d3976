import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { afterAll, describe, expect, it } from 'vitest';
import wabt from 'wabt';
import { checkWatModule } from './testing/check-wat-module.js';
import {
  decodeBase64,
  fixedMemory,
  instantiateWasm,
  layOutMemory,
  sharedMemorySupported,
  WASM_PAGE_BYTES,
  wasmModuleSupported,
} from './wasm-module.js';

// Adds 4-lane float vectors: a[i] += b[i] for `count` floats (SIMD, as the kernels use it).
const SOURCE = `(module
  (import "env" "memory" (memory 1))
  (func (export "add") (param $a i32) (param $b i32) (param $count i32)
    (local $end i32)
    (local.set $end (i32.add (local.get $a) (i32.shl (local.get $count) (i32.const 2))))
    (block $done (loop $next
      (br_if $done (i32.ge_u (local.get $a) (local.get $end)))
      (v128.store (local.get $a)
        (f32x4.add (v128.load (local.get $a)) (v128.load (local.get $b))))
      (local.set $a (i32.add (local.get $a) (i32.const 16)))
      (local.set $b (i32.add (local.get $b) (i32.const 16)))
      (br $next)))))`;

async function assemble(source: string): Promise<string> {
  const features = { simd: true, threads: true };
  const module = (await wabt()).parseWat('add.wat', source, features);
  try {
    // (wabt's types omit validate's features argument, which it reads.)
    (module.validate as (features: object) => void)(features);
    return Buffer.from(module.toBinary({}).buffer).toString('base64');
  } finally {
    module.destroy();
  }
}

describe('decodeBase64', () => {
  it('decodes what Buffer encodes', () => {
    const bytes = Uint8Array.from({ length: 300 }, (_, i) => (i * 37) & 255);
    const base64 = Buffer.from(bytes).toString('base64');
    expect(decodeBase64(base64)).toEqual(bytes);
  });
});

describe('layOutMemory', () => {
  it('places regions in order on 16-byte boundaries after a free first 16 bytes', () => {
    const at = layOutMemory({ rows: 5, values: 32, none: 0, last: 1 });
    expect(at).toEqual({ rows: 16, values: 32, none: 64, last: 64, bytes: 80 });
  });

  it('rejects a size that is not a whole number of bytes', () => {
    expect(() => layOutMemory({ w: 2.5 })).toThrow("whole number of bytes for 'w', found 2.5");
  });

  it('lays regions out from a given start (after another layout), which must be 16-byte aligned', () => {
    const first = layOutMemory({ a: 40 });
    const second = layOutMemory({ b: 3, c: 16 }, 4096);
    expect(first).toEqual({ a: 16, bytes: 64 });
    expect(second).toEqual({ b: 4096, c: 4112, bytes: 4128 });
    expect(() => layOutMemory({ b: 3 }, 40)).toThrow(
      'layOutMemory: expected a start at a multiple of 16 bytes from 16, found 40',
    );
  });
});

describe('instantiateWasm', () => {
  it('runs a SIMD module in its own memory of at least the bytes asked for', async () => {
    const base64 = await assemble(SOURCE);
    expect(wasmModuleSupported(base64)).toBe(true);
    const at = layOutMemory({ a: 32, b: 32 });
    const { exports, buffer } = instantiateWasm<{ add(a: number, b: number, n: number): void }>(
      base64,
      at.bytes,
    );
    expect(buffer.byteLength).toBe(WASM_PAGE_BYTES);
    const a = new Float32Array(buffer, at.a, 8);
    const b = new Float32Array(buffer, at.b, 8);
    a.set([1, 2, 3, 4, 5, 6, 7, 8]);
    b.fill(0.5);
    exports.add(at.a, at.b, 8);
    expect(Array.from(a)).toEqual([1.5, 2.5, 3.5, 4.5, 5.5, 6.5, 7.5, 8.5]);
    // Instances of one module have memories of their own.
    expect(instantiateWasm(base64, 3 * WASM_PAGE_BYTES + 1).buffer.byteLength).toBe(
      4 * WASM_PAGE_BYTES,
    );
  });

  it('runs instances of a module that imports a shared memory on one memory, in this thread and a worker', async () => {
    const base64 = await assemble(SOURCE.replace('(memory 1)', '(memory 1 16 shared)'));
    expect(sharedMemorySupported()).toBe(true);
    expect(fixedMemory(10).buffer).toBeInstanceOf(ArrayBuffer);
    const at = layOutMemory({ a: 32, b: 32 });
    const memory = fixedMemory(at.bytes, { shared: true });
    expect(memory.buffer).toBeInstanceOf(SharedArrayBuffer);
    type Add = { add(a: number, b: number, n: number): void };
    const here = instantiateWasm<Add>(base64, memory);
    const other = instantiateWasm<Add>(base64, memory);
    const a = new Float32Array(here.buffer, at.a, 8);
    new Float32Array(here.buffer, at.b, 8).fill(1);
    here.exports.add(at.a, at.b, 8);
    other.exports.add(at.a, at.b, 8);
    // A worker given the memory adds into the same bytes.
    const worker = new Worker(
      `const { parentPort, workerData: w } = require('node:worker_threads');
       const module = new WebAssembly.Module(Buffer.from(w.base64, 'base64'));
       new WebAssembly.Instance(module, { env: { memory: w.memory } }).exports.add(w.a, w.b, 8);
       parentPort.postMessage('added');`,
      { eval: true, workerData: { base64, memory, a: at.a, b: at.b } },
    );
    const reply = await new Promise((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
    });
    await worker.terminate();
    expect(reply).toBe('added');
    expect(Array.from(a)).toEqual([3, 3, 3, 3, 3, 3, 3, 3]);
    // A module that imports an unshared memory cannot take a shared one.
    const unshared = await assemble(SOURCE);
    expect(() => instantiateWasm(unshared, memory)).toThrow();
  });

  it('says an engine cannot run bytes that are not a valid module', () => {
    expect(wasmModuleSupported(Buffer.from('not wasm').toString('base64'))).toBe(false);
  });
});

describe('wat-module', () => {
  const script = fileURLToPath(new URL('../scripts/wat-module.mjs', import.meta.url));
  const dir = mkdtempSync(join(tmpdir(), 'wat-module-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes the module as a base64 constant, and --check tells a stale file apart', async () => {
    const source = join(dir, 'add.wat');
    const target = join(dir, 'add-binary.ts');
    writeFileSync(source, SOURCE);
    execFileSync(process.execPath, [script, source, target, 'ADD_BASE64'], { encoding: 'utf8' });
    const written = readFileSync(target, 'utf8');
    expect(written).toContain('export const ADD_BASE64 =');
    const base64 = [...written.matchAll(/'([A-Za-z0-9+/=]+)'/g)].map((m) => m[1]).join('');
    expect(base64).toBe(await assemble(SOURCE));
    const check = () => checkWatModule(pathToFileURL(source), pathToFileURL(target), 'ADD_BASE64');
    expect(check).not.toThrow();
    writeFileSync(source, SOURCE.replace('f32x4.add', 'f32x4.sub'));
    expect(check).toThrow(/does not match/);
  });
});
