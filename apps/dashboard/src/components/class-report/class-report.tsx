import type { EvaluationSummary } from '@digitlab/session';
import { Box, Text } from 'ink';
import { classLabel } from '../../view-models/class-label.js';
import {
  confusedPairText,
  PAIR_SEPARATOR,
  packConfusedPairs,
} from '../../view-models/confused-pairs.js';

const INLINE_LABEL = 'most confused ';

/**
 * The most-confused pairs: inline, as many as fit whole on `lines` lines of `width` cells after
 * the label (compact, tiny); or one per line under a title (wide).
 */
export function ConfusedPairs({
  summary,
  classNames,
  count,
  inline,
  lines = 1,
  width = 80,
}: {
  summary: EvaluationSummary | undefined;
  classNames: readonly string[];
  count: number;
  inline: boolean;
  lines?: number;
  width?: number;
}) {
  const pairs = (summary?.confusedPairs ?? []).slice(0, count);
  const texts = pairs.map((p) => confusedPairText(p, classNames));
  if (inline) {
    const packed = packConfusedPairs(texts, width, Math.max(1, lines), INLINE_LABEL.length);
    if (packed.length === 0) {
      return (
        <Text wrap="truncate-end">
          <Text color="gray">{INLINE_LABEL}</Text>–
        </Text>
      );
    }
    return (
      <Box flexDirection="column">
        {packed.map((line, i) => (
          <Text key={line.join()} wrap="truncate-end">
            <Text color="gray">{i === 0 ? INLINE_LABEL : ' '.repeat(INLINE_LABEL.length)}</Text>
            {line.join(PAIR_SEPARATOR)}
          </Text>
        ))}
      </Box>
    );
  }
  return (
    <Box flexDirection="column">
      <Text bold>most confused (true → predicted)</Text>
      {texts.length > 0 ? (
        texts.map((t) => (
          <Text key={t} wrap="truncate-end">
            {t}
          </Text>
        ))
      ) : (
        <Text color="gray">–</Text>
      )}
    </Box>
  );
}

/** Per-class precision, recall, F1 and support with the macro average and accuracy. */
export function ClassScores({
  summary,
  classNames,
  labelWidth,
}: {
  summary: EvaluationSummary | undefined;
  classNames: readonly string[];
  labelWidth: number;
}) {
  const header = `${'class'.padEnd(labelWidth)}  prec   rec    f1  support`;
  if (!summary) {
    return (
      <Box flexDirection="column">
        <Text bold>{header}</Text>
        <Text color="gray">–</Text>
      </Box>
    );
  }
  const fmt = (v: number) => v.toFixed(2).padStart(5);
  return (
    <Box flexDirection="column">
      <Text bold>{header}</Text>
      {summary.perClass.map((s, c) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: rows are class indices
        <Text key={c} wrap="truncate-end">
          {classLabel(classNames[c] ?? String(c), labelWidth).padEnd(labelWidth)} {fmt(s.precision)}{' '}
          {fmt(s.recall)} {fmt(s.f1)} {String(s.support).padStart(8)}
        </Text>
      ))}
      <Text wrap="truncate-end" color="gray">
        {'accuracy'.padEnd(labelWidth)} {' '.repeat(12)}
        {fmt(summary.accuracy)} {String(summary.total).padStart(8)}
      </Text>
    </Box>
  );
}
