/** Stable codes of configuration file errors. */
export type ConfigErrorCode = 'CONFIG_NOT_JSON' | 'CONFIG_SHAPE' | 'CONFIG_INCONSISTENT' | 'CONFIG_READ' | 'CONFIG_TOO_LARGE';

/** A configuration file (network, credential) that cannot be used; `file` names it when known. */
export class ConfigFileError extends Error {
  static override name = 'ConfigFileError';
  readonly code: ConfigErrorCode;
  readonly file: string | undefined;
  constructor(code: ConfigErrorCode, message: string, file?: string, options?: ErrorOptions) {
    super(file ? `${file}: ${message}` : message, options);
    this.name = 'ConfigFileError';
    this.code = code;
    this.file = file;
  }
}
