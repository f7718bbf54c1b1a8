import { textLinesLogger, type LogLevel, type Logger } from '@titip/log';

/** The relay's readable logger (see `textLinesLogger` in @titip/log). */
export function textLogger(write: (line: string) => void, component = 'titip-relay', min: LogLevel = 'info', now: () => number = Date.now): Logger {
  return textLinesLogger({ write, component, level: min, now });
}
