export { historyLines } from './history-lines.js';
export { checkReportDir, REPORT_ENTRIES, type ReportDirState } from './report-directory.js';
export { ReportError } from './report-error.js';
export type {
  HeldOutImages,
  HeldOutPredictions,
  HistoryPoint,
  ReportInput,
  ReportSetting,
  TrainingHistory,
} from './report-input.js';
export {
  type FigureTiming,
  formatRenderTimes,
  type WrittenReport,
  writeReport,
} from './write-report.js';
