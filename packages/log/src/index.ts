export type { LogFields, LogLevel, Logger } from './logger.js';
export { silentLogger } from './silent-logger.js';
export { jsonLinesLogger, type JsonLinesLoggerOptions } from './json-lines-logger.js';
export { textLinesLogger, type TextLinesLoggerOptions } from './text-lines-logger.js';
export { quietRepeatsLogger, type QuietRepeatsOptions } from './quiet-repeats-logger.js';
export { withIsoTimes, readableTimesLogger } from './readable-times.js';
