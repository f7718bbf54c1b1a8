/** Why a photo file was refused (`PhotoFileError.reason`). */
export type PhotoFileProblem =
  /** It cannot be read (missing, a directory, no permission). */
  | 'unreadable'
  /** Empty, or larger than a photo may be. */
  | 'size'
  /** Its bytes are not a JPEG, PNG or WebP image. */
  | 'not-an-image'
  /** It does not match the photo reference it is given for (another hash or size). */
  | 'mismatch'
  /** Two files for one page, or a page given both as a file and as a reference. */
  | 'duplicate-page';

/**
 * A photo file given with `--photo-file PAGE=PATH` is refused: unreadable, empty or too large, not a JPEG/PNG/WebP
 * image by its magic bytes, or not the photo a signed submission references. Exit code 1, nothing signed or sent.
 */
export class PhotoFileError extends Error {
  static override readonly name = 'PhotoFileError';
  override readonly name = 'PhotoFileError';
  readonly code = 'CLI_PHOTO_FILE';
  /** The file's path. */
  readonly file: string;
  readonly reason: PhotoFileProblem;
  constructor(file: string, reason: PhotoFileProblem, message: string, options?: ErrorOptions) {
    super(`${file}: ${message}`, options);
    this.file = file;
    this.reason = reason;
  }
}
