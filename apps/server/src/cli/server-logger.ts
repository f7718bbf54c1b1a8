import { jsonLinesLogger, textLinesLogger, type Logger } from '@titip/log';
import { quietRepeatsLogger } from '@titip/log';
import { readableTimesLogger } from '@titip/log';

/** Options of {@link serverLogger}. */
export interface ServerLoggerOptions {
  /** Where each line goes (stderr). */
  readonly write: (line: string) => void;
  /** JSON lines (`--log-json`) instead of readable lines. @default false */
  readonly json?: boolean;
  /** Clock (ms). @default Date.now */
  readonly now?: () => number;
}

/**
 * The logger of `titip-server`: readable lines (or JSON lines) at `info`, credential times shown as ISO times, and
 * each warning said once per 10 minutes (a banned peer redialling every few seconds gives one `warn`, then `debug`
 * lines: see {@link quietRepeatsLogger}).
 */
export function serverLogger(options: ServerLoggerOptions): Logger {
  const now = options.now ?? Date.now;
  const base = options.json
    ? jsonLinesLogger({ write: options.write, component: 'titip-server', now })
    : textLinesLogger({ write: options.write, component: 'titip-server', level: 'info', now });
  return quietRepeatsLogger(readableTimesLogger(base), { now });
}
