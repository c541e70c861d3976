/** Rows first .. end − 1 of a contiguous shard. */
export interface ShardRange {
  readonly first: number;
  readonly end: number;
}

/** Split n rows into `count` contiguous shards whose sizes differ by at most one, in order. */
export function shardRanges(numRows: number, count: number): ShardRange[] {
  if (!Number.isInteger(count) || count < 1) {
    throw new RangeError(`shardRanges: expected at least one shard, found ${count}`);
  }
  return Array.from({ length: count }, (_, w) => ({
    first: Math.floor((w * numRows) / count),
    end: Math.floor(((w + 1) * numRows) / count),
  }));
}
