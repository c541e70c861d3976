/** Where an error happened, as shown in messages: a file path, or a marker for in-memory bytes. */
export function describeSource(file: string | undefined): string {
  return file ?? '<in-memory IDX bytes>';
}

/** The base of this package's errors: besides its message, each names the file involved, if any. */
export abstract class ErrorWithFile extends Error {
  constructor(
    message: string,
    /** The file the bytes came from, or the problem is tied to; undefined for in-memory bytes. */
    readonly file?: string,
  ) {
    super(message);
  }
}

/** Bytes that are not a well-formed IDX file (or not a well-formed gzip stream around one). */
export class IdxFormatError extends ErrorWithFile {
  override readonly name = 'IdxFormatError';
}

/** Well-formed files or arrays that do not make a valid dataset, or a dataset operation that cannot be done. */
export class DatasetError extends ErrorWithFile {
  override readonly name = 'DatasetError';
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
export class DownloadError extends ErrorWithFile {
  override readonly name = 'DownloadError';
  /** `file` is the destination path in the cache directory. */
  constructor(
    message: string,
    readonly url: string,
    readonly reason: DownloadFailureReason,
    file?: string,
  ) {
    super(message, file);
  }
}
