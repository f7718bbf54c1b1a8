/** Severity of a log record, lowest first. */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

/** Structured fields attached to a log record. Values must be JSON-serialisable. */
export type LogFields = Record<string, unknown>;

/**
 * The logger every Titip library component takes. Library code never writes to the console:
 * it logs through this interface, and the application decides where records go.
 */
export interface Logger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
  /** A logger for a sub-component; its records carry `component` = `parent:name`. */
  child(name: string): Logger;
}
