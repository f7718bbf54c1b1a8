import { ConfigFileError } from '@titip/config';
import { StoreLockedError } from '@titip/store';
import { RelayError } from './errors.js';
import { printable } from './printable.js';
import { withIsoTimes } from '@titip/log';
import { listenFailure } from '@titip/sync/node';

/**
 * The one line `titip-relay` prints when it cannot start: the configuration file at fault, the data directory in
 * use, the listen address that failed and why, or the error's first line; never a stack trace unless `debug`.
 * Credential times are shown as ISO times, and non-printable characters (a binary file's) escaped.
 */
export function startFailure(error: unknown, where: { dataDir: string; credential?: string | undefined }, debug = false): string {
  return printable(withIsoTimes(describe(error, where, debug)));
}

function describe(error: unknown, where: { dataDir: string; credential?: string | undefined }, debug: boolean): string {
  if (error instanceof ConfigFileError) return error.message;
  if (error instanceof RelayError) {
    return where.credential !== undefined && error.code !== 'RELAY_INVALID_OPTION' ? `${where.credential}: ${error.message}` : error.message;
  }
  if (error instanceof StoreLockedError) {
    return `the data directory ${where.dataDir} is in use by another process (is another titip-relay or peer running on it?)`;
  }
  const message = error instanceof Error ? error.message : String(error);
  // libp2p lists each address that failed on its own line, with a stack: keep one line per address.
  const listen = listenFailure(error, { program: 'titip-relay', option: '--listen' });
  if (listen !== null) return listen;
  const name = error instanceof Error ? `${error.name}: ` : '';
  const firstLine = message.split('\n').find((line) => line.trim() !== '') ?? '';
  return `cannot start: ${name}${firstLine}${debug && error instanceof Error && error.stack ? `\n${error.stack}` : ''}`;
}
