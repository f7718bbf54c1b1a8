import { textLinesLogger, type LogLevel, type Logger } from '@titip/log';

/** The server's readable logger (see `textLinesLogger` in @titip/log). */
export function textLogger(write: (line: string) => void, component = 'titip-server', min: LogLevel = 'info'): Logger {
  return textLinesLogger({ write, component, level: min });
}
