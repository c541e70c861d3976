// A child process for model-directory crash tests: saves one of a few generated models with the
// built saveModel and is killed (SIGKILL) by itself before its Nth file-system operation, or by
// the parent at some moment. Plain JavaScript because Node 20 runs no TypeScript.
//
//   node save-until-killed.mjs <dist/node/model-directory.js> <dir> <model name> <kill before op N | -1>
//
// Prints `saving` when the save starts and, if it lives, `{"ops": …, "ms": …}` when it ends.
import fs from 'node:fs/promises';
import { syncBuiltinESMExports } from 'node:module';
import { pathToFileURL } from 'node:url';

const [modulePath, dir, modelName, killAtText] = process.argv.slice(2);
const killAt = Number(killAtText);
let ops = 0;
function nextOperation() {
  if (ops++ === killAt) process.kill(process.pid, 'SIGKILL');
}

// Count every fs/promises call and every call on a file handle they open, in the modules imported
// below too (their named imports are bound to these properties once synced).
const HANDLE_METHODS = ['write', 'writeFile', 'sync', 'datasync', 'close', 'read', 'readFile'];
for (const name of [
  'mkdir',
  'open',
  'rename',
  'rm',
  'rmdir',
  'unlink',
  'readdir',
  'stat',
  'lstat',
  'writeFile',
  'readFile',
  'copyFile',
]) {
  const original = fs[name];
  fs[name] = async (...args) => {
    nextOperation();
    const result = await original(...args);
    if (name !== 'open') return result;
    for (const method of HANDLE_METHODS) {
      const call = result[method].bind(result);
      result[method] = async (...a) => {
        nextOperation();
        return call(...a);
      };
    }
    return result;
  };
}
syncBuiltinESMExports();

/** Deterministic bytes (xorshift32), different for every seed. */
function bytes(length, seed) {
  const out = new Uint8Array(length);
  let x = seed * 2654435761 || 1;
  for (let i = 0; i < length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 255;
  }
  return out;
}

const text = (value) => new TextEncoder().encode(JSON.stringify(value));
const metadata = (seed) => ({
  numFeatures: 784,
  numClasses: 10,
  classNames: Array.from({ length: 10 }, (_, i) => String(i)),
  imageShape: [28, 28],
  preprocessing: [{ kind: 'scale', factor: 1 / 255 }],
  training: { seed },
});

/** A trained model's files, or a checkpoint's: the model plus optimizer state and history shards. */
const MODELS = {
  'model-a': () => ({
    plugin: 'softmax-regression',
    metadata: metadata(1),
    files: { 'model.json': text({ layers: 1, seed: 1 }), 'weights.bin': bytes(2_000_000, 1) },
  }),
  'checkpoint-b': () => checkpoint(2, 12),
  'checkpoint-c': () => checkpoint(3, 9),
};

function checkpoint(seed, shards) {
  const files = {
    'model.json': text({ layers: 2, seed }),
    'weights.bin': bytes(1_500_000 + seed, seed),
    'optimizer-state.bin': bytes(600_000, seed + 100),
    'checkpoint.json': text({
      step: seed * 10,
      optimizer: 'lbfgs',
      data: { subsample: 1000, seed },
    }),
  };
  for (let i = 0; i < shards; i++) {
    files[`history-${String(i).padStart(2, '0')}.bin`] = bytes(40_000 + i, seed * 1000 + i);
  }
  return {
    plugin: 'mlp',
    metadata: { ...metadata(seed), training: { seed, interrupted: true } },
    files,
  };
}

const { saveModel } = await import(pathToFileURL(modulePath).href);
const model = MODELS[modelName];
if (model === undefined) throw new Error(`unknown model ${modelName}`);
const artifact = model();
ops = 0;
process.stdout.write('saving\n');
const start = performance.now();
await saveModel(dir, artifact);
process.stdout.write(`${JSON.stringify({ ops, ms: performance.now() - start })}\n`);
