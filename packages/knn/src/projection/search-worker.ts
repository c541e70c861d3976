// Entry point of one search worker: it holds a kernel over the whole index and searches the
// shards of query sets it is sent, until terminated.
import { serveRequests } from '@digitlab/kernels/node';
import { principalBasis } from './principal-basis.js';
import { PROJECTION_DIMS } from './projection-bounds.js';
import { SearchKernel } from './search-kernel.js';
import type { SearchReply, SearchRequest } from './search-protocol.js';

let kernel: SearchKernel | undefined;

await serveRequests<SearchRequest, SearchReply>(() => (request, transfer) => {
  if (request.type === 'basis') {
    const d = request.numFeatures;
    const { vectors, mean } = principalBasis(
      request.rows,
      request.rows.length / d,
      d,
      PROJECTION_DIMS,
    );
    transfer.push(vectors.buffer as ArrayBuffer, mean.buffer as ArrayBuffer);
    return { type: 'basis', vectors, mean };
  }
  if (request.type === 'load') {
    kernel = new SearchKernel(request.data);
    return { type: 'loaded' };
  }
  if (!kernel) throw new Error(`expected an index before '${request.type}', found none loaded`);
  const found = kernel.searchAll(request.queries, request.k);
  transfer.push(found.indices.buffer as ArrayBuffer, found.sqDistances.buffer as ArrayBuffer);
  return { type: 'found', ...found };
});
