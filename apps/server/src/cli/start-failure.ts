import { ConfigFileError } from '@titip/config';
import { listenFailure } from '@titip/sync/node';
import { ServerError } from '../errors.js';
import { printable } from './printable.js';

/**
 * The lines `titip-server` prints when it cannot start (without the `titip-server: ` prefix): a configuration file
 * or server problem as it is, one line per libp2p address that could not be listened on (with a hint, as
 * titip-relay prints them), or `cannot start: ` and the error's first line; never a stack trace.
 */
export function startFailure(error: unknown): string {
  if (error instanceof ConfigFileError || error instanceof ServerError) return printable(error.message);
  const listen = listenFailure(error, { program: 'titip-server', option: '--listen' });
  if (listen !== null) return printable(listen);
  const message = error instanceof Error ? error.message : String(error);
  const firstLine = message.split('\n').find((line) => line.trim() !== '') ?? '';
  return `cannot start: ${printable(firstLine.trim())}`;
}
