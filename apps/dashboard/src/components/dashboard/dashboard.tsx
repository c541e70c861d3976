import { Box, Text } from 'ink';
import type { ColourDepth } from '../../view-models/colour-depth.js';
import { COMPACT_MINIMUM, chooseLayout } from '../../view-models/layout.js';
import { knownMetrics } from '../../view-models/metric-rows.js';
import { unitLabel } from '../../view-models/progress-model.js';
import { ClassScores, ConfusedPairs } from '../class-report/index.js';
import { ConfusionMatrix, EvaluationLine, shownSummary } from '../confusion-matrix/index.js';
import { MistakesPanel, WeightsPanel } from '../digit-panels/index.js';
import { Header } from '../header/index.js';
import { HelpOverlay } from '../help-overlay/index.js';
import { MetricsPanel } from '../metrics-panel/index.js';
import { ProgressPanel } from '../progress-panel/index.js';
import { StatusLine } from '../status-line/index.js';
import type { DashboardState } from './dashboard-reducer.js';

/** Props of the whole dashboard. */
export interface DashboardProps {
  readonly state: DashboardState;
  readonly saveDir: string;
  /** Colours the digit panels draw with (the rest of the dashboard follows Ink's own). */
  readonly colourDepth?: ColourDepth;
}

const DEFAULT_CLASS_NAMES = Array.from({ length: 10 }, (_, c) => String(c));

/**
 * The training dashboard, laid out for the terminal size in `state`. Metrics the plugin never
 * reported take no room; the rows they leave go to the most-confused pairs.
 */
export function Dashboard({ state, saveDir, colourDepth = 'none' }: DashboardProps) {
  const info = state.header.info;
  const classNames = info?.classNames ?? DEFAULT_CLASS_NAMES;
  const shown = state.digits.shown;
  const layout = chooseLayout(state.size.columns, state.size.rows, classNames, {
    digitPanel: shown !== undefined,
    metrics: knownMetrics(state.metrics).length,
  });
  const unit = state.header.unit;
  // The matrix, its scores and the pairs all show the evaluation in progress, if there is one.
  const summary = shownSummary(state.matrix);
  const phase = state.status.phase;
  const finished = phase === 'finished' && state.status.outcome?.stopReason !== 'aborted';
  const progress = (
    <ProgressPanel
      state={state.progress}
      unit={unit}
      layout={layout}
      finished={finished}
      paused={phase === 'paused'}
      {...(info?.evaluationsUnit === undefined ? {} : { evaluationsUnit: info.evaluationsUnit })}
    />
  );
  const matrix = (
    <ConfusionMatrix
      state={state.matrix}
      classNames={classNames}
      layout={layout}
      unit={unit}
      {...(info ? { schedule: info.evalEvery } : {})}
    />
  );
  const evaluationLine = (width: number) =>
    layout.evaluationLine ? (
      <EvaluationLine state={state.matrix} info={info} unit={unit} width={width} />
    ) : null;
  const help = state.help.visible ? <HelpOverlay saveDir={saveDir} /> : null;
  const digitPanel =
    shown === undefined || layout.digitPanel.placement === 'none' ? null : shown === 'weights' ? (
      <WeightsPanel
        {...(state.digits.images ? { images: state.digits.images } : {})}
        {...(info ? { classifier: info.classifier } : {})}
        unitLabel={unitLabel(unit)}
        layout={layout.digitPanel}
        depth={colourDepth}
      />
    ) : (
      <MistakesPanel
        {...(state.digits.mistakes ? { sample: state.digits.mistakes } : {})}
        classNames={classNames}
        unitLabel={unitLabel(unit)}
        layout={layout.digitPanel}
        depth={colourDepth}
      />
    );
  // The wide layout's right-hand column, less the digit panel when it sits beside the matrix.
  const matrixColumnWidth =
    state.size.columns -
    layout.sidebarWidth -
    (digitPanel && layout.digitPanel.placement === 'beside' ? layout.digitPanel.width : 0);
  // One row short of the terminal: a full-height frame makes Ink clear the screen on every update.
  const height = state.size.rows - 1;

  if (layout.mode === 'tiny') {
    return (
      <Box flexDirection="column" height={height} width={state.size.columns} overflow="hidden">
        <Header state={state.header} layout={layout} />
        {progress}
        <MetricsPanel state={state.metrics} layout={layout} />
        {help ??
          (state.matrix.evaluating ? (
            <EvaluationLine
              state={state.matrix}
              info={info}
              unit={unit}
              width={state.size.columns}
            />
          ) : (
            <ConfusedPairs
              summary={summary}
              classNames={classNames}
              count={1}
              inline
              width={state.size.columns}
            />
          ))}
        <Text color="gray" wrap="truncate-end">
          enlarge the terminal to {COMPACT_MINIMUM.columns}×{COMPACT_MINIMUM.rows} for the confusion
          matrix
        </Text>
        <StatusLine state={state.status} layout={layout} />
      </Box>
    );
  }

  if (layout.mode === 'compact') {
    // Blank lines between sections when the terminal has rows to spare for them.
    const spacious = state.size.rows >= 24;
    return (
      <Box flexDirection="column" height={height} width={state.size.columns} overflow="hidden">
        <Header state={state.header} layout={layout} />
        <Box marginTop={spacious ? 1 : 0}>{progress}</Box>
        <MetricsPanel state={state.metrics} layout={layout} />
        <Box flexGrow={1} flexDirection="column" marginTop={spacious ? 1 : 0}>
          {help ?? digitPanel ?? (
            <>
              {matrix}
              {evaluationLine(state.size.columns)}
              <ConfusedPairs
                summary={summary}
                classNames={classNames}
                count={layout.confusedPairs}
                inline
                lines={layout.confusedPairLines}
                width={state.size.columns}
              />
            </>
          )}
        </Box>
        <StatusLine state={state.status} layout={layout} />
      </Box>
    );
  }

  return (
    <Box flexDirection="column" height={height} width={state.size.columns} overflow="hidden">
      <Header state={state.header} layout={layout} />
      <Box flexGrow={1}>
        <Box
          flexDirection="column"
          width={layout.sidebarWidth}
          flexShrink={0}
          borderStyle="round"
          borderColor="gray"
          paddingX={1}
        >
          {progress}
          <Text> </Text>
          {layout.metricLines > 0 ? (
            <>
              <MetricsPanel state={state.metrics} layout={layout} />
              <Text> </Text>
            </>
          ) : null}
          <ClassScores
            summary={summary}
            classNames={classNames}
            labelWidth={Math.max(5, layout.matrix.rowLabelWidth)}
          />
        </Box>
        {help ? (
          <Box flexDirection="column" flexGrow={1}>
            {help}
          </Box>
        ) : digitPanel && layout.digitPanel.placement === 'replace' ? (
          digitPanel
        ) : (
          <>
            <Box flexDirection="column" flexGrow={1}>
              {matrix}
              <Box paddingX={1}>{evaluationLine(matrixColumnWidth - 2)}</Box>
              <Box borderStyle="round" borderColor="gray" paddingX={1} flexGrow={1}>
                <ConfusedPairs
                  summary={summary}
                  classNames={classNames}
                  count={layout.confusedPairs}
                  inline={false}
                />
              </Box>
            </Box>
            {digitPanel}
          </>
        )}
      </Box>
      <StatusLine state={state.status} layout={layout} />
    </Box>
  );
}
