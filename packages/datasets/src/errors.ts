/** Where an error happened, as shown in messages: a file path, or a marker for in-memory bytes. */
export function describeSource(file: string | undefined): string {
  return file ?? '<in-memory IDX bytes>';
}

/** Bytes that are not a well-formed IDX file (or not a well-formed gzip stream around one). */
export class IdxFormatError extends Error {
  override readonly name = 'IdxFormatError';
  /** The file the bytes came from; undefined for in-memory bytes. */
  readonly file: string | undefined;
  constructor(message: string, file?: string) {
    super(message);
    this.file = file;
  }
}

/** Well-formed files or arrays that do not make a valid dataset, or a dataset operation that cannot be done. */
export class DatasetError extends Error {
  override readonly name = 'DatasetError';
  /** The file involved, when the problem is tied to one. */
  readonly file: string | undefined;
  constructor(message: string, file?: string) {
    super(message);
    this.file = file;
  }
}

/** Why a download failed, for callers that react differently (e.g. suggest --data-dir when offline). */
export type DownloadFailureReason =
  | 'offline'
  | 'http-status'
  | 'truncated'
  | 'checksum'
  | 'network'
  | 'aborted'
  | 'file-system';

/** A download that did not produce a verified file; no partial file is left behind. */
export class DownloadError extends Error {
  override readonly name = 'DownloadError';
  readonly url: string;
  readonly reason: DownloadFailureReason;
  /** The destination path in the cache directory. */
  readonly file: string | undefined;
  constructor(message: string, url: string, reason: DownloadFailureReason, file?: string) {
    super(message);
    this.url = url;
    this.reason = reason;
    this.file = file;
  }
}
