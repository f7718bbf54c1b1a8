import type { ServerResponse } from 'node:http';
import type { ApiError } from '../errors.js';

const COMMON_HEADERS = {
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
  // Results are public: any web page may read them.
  'access-control-allow-origin': '*',
};

/** Sends a body with its length; the body is left out for HEAD requests. */
export function send(res: ServerResponse, head: boolean, status: number, type: string, body: Uint8Array | string, headers: Record<string, string> = {}): void {
  const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  res.writeHead(status, { ...COMMON_HEADERS, ...headers, 'content-type': type, 'content-length': String(bytes.byteLength) });
  res.end(head ? undefined : bytes);
}

/** Sends a JSON body. */
export function sendJson(res: ServerResponse, head: boolean, status: number, value: unknown): void {
  send(res, head, status, 'application/json; charset=utf-8', `${JSON.stringify(value)}\n`);
}

/** Sends `{ error: { code, message } }` with the error's status and headers. */
export function sendError(res: ServerResponse, head: boolean, error: ApiError): void {
  send(res, head, error.status, 'application/json; charset=utf-8', `${JSON.stringify({ error: { code: error.code, message: error.message } })}\n`, {
    ...error.headers,
  });
}

/**
 * The bytes of a whole JSON error response, for a socket `node:http` hands over without a `ServerResponse` (a
 * `CONNECT` request, a request it could not parse); it asks the client to close.
 */
export function rawErrorResponse(status: number, reason: string, error: { code: string; message: string }, headers: Record<string, string> = {}): string {
  const body = `${JSON.stringify({ error })}\n`;
  const all: Record<string, string> = {
    ...COMMON_HEADERS,
    ...headers,
    'content-type': 'application/json; charset=utf-8',
    'content-length': String(Buffer.byteLength(body)),
    connection: 'close',
  };
  return `HTTP/1.1 ${status} ${reason}\r\n${Object.entries(all).map(([k, v]) => `${k}: ${v}\r\n`).join('')}\r\n${body}`;
}
