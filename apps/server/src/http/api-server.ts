import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { silentLogger, type Logger } from '@titip/log';
import { PhotoCorruptError } from '@titip/photos';
import { listenHint } from '@titip/sync/node';
import { ApiError, ServerError } from '../errors.js';
import type { ApiState } from './api-state.js';
import { parseRequest, type ApiRoute } from './parse-request.js';
import { rawErrorResponse, send, sendError, sendJson } from './respond.js';
import { electionsView } from './views/elections-view.js';
import { statusView } from './views/status-view.js';
import { totalsView } from './views/totals-view.js';
import { tpsView } from './views/tps-view.js';

/** Where the HTTP API listens. */
export interface HttpListenOptions {
  /** @default '127.0.0.1' */
  readonly host?: string;
  /** 0 picks a free port. @default 8080 */
  readonly port?: number;
}

/** A listening HTTP API. */
export interface RunningHttpApi {
  /** Base URL, e.g. `http://127.0.0.1:8080`. */
  readonly url: string;
  readonly port: number;
  /** Stops listening and closes every connection. */
  close(): Promise<void>;
}

/** Answers one request of the API; never throws (failures become JSON errors). */
export function handleApiRequest(state: ApiState, req: IncomingMessage, res: ServerResponse, logger: Logger = silentLogger): void {
  const head = req.method === 'HEAD';
  // A request body is never read: hang up after answering rather than draining it.
  if (req.headers['content-length'] !== undefined || req.headers['transfer-encoding'] !== undefined) res.setHeader('connection', 'close');
  const fail = (error: unknown) => {
    if (error instanceof ApiError) {
      if (!res.headersSent) sendError(res, head, error);
      else res.destroy();
      return;
    }
    logger.error('request failed', { url: String(req.url).slice(0, 200), error });
    if (!res.headersSent) sendError(res, head, new ApiError(500, 'INTERNAL', 'internal error'));
    else res.destroy();
  };
  try {
    const route = parseRequest(req.method, req.url);
    const pending = answer(state, route, res, head, logger);
    if (pending instanceof Promise) pending.catch(fail);
  } catch (error) {
    fail(error);
  }
}

/** Photos are named by their hash: the bytes at a URL never change. */
const PHOTO_CACHE = 'public, max-age=31536000, immutable';

function answer(state: ApiState, route: ApiRoute, res: ServerResponse, head: boolean, logger: Logger): void | Promise<void> {
  switch (route.name) {
    case 'status':
      return sendJson(res, head, 200, statusView(state));
    case 'elections':
      return sendJson(res, head, 200, electionsView(state));
    case 'totals':
      return sendJson(res, head, 200, totalsView(state, route.election, route.region));
    case 'tps':
      return sendJson(res, head, 200, tpsView(state, route.code));
    case 'object': {
      const bytes = state.object(route.id);
      if (bytes === undefined) throw new ApiError(404, 'OBJECT_NOT_FOUND', `no object ${route.id} is held`);
      return send(res, head, 200, 'application/cbor', bytes, { 'content-disposition': `attachment; filename="${route.id}.cbor"` });
    }
    case 'photo':
      return answerPhoto(state, route.sha256, res, head, logger);
  }
}

async function answerPhoto(state: ApiState, sha256: string, res: ServerResponse, head: boolean, logger: Logger): Promise<void> {
  let photo;
  try {
    photo = await state.photos.read(sha256);
  } catch (error) {
    if (!(error instanceof PhotoCorruptError)) throw error;
    logger.error('stored photo is corrupt', { photo: sha256, error });
    throw new ApiError(500, 'PHOTO_CORRUPT', `the stored copy of photo ${sha256} is damaged and is not served`);
  }
  if (photo === undefined) {
    const holding = state.photos.holding(sha256);
    if (holding === undefined) throw new ApiError(404, 'PHOTO_NOT_FOUND', `no submission held references photo ${sha256}, and it is not held`);
    throw new ApiError(404, 'PHOTO_PENDING', `photo ${sha256} is not here yet: ${holding.state}, ${holding.bytesDone} of ${holding.bytesTotal} bytes held`);
  }
  const extension = photo.type.split('/')[1] ?? 'bin';
  send(res, head, 200, photo.type, photo.bytes, {
    'cache-control': PHOTO_CACHE,
    etag: `"${sha256}"`,
    'content-disposition': `inline; filename="${sha256}.${extension}"`,
  });
}

/**
 * Starts the HTTP JSON API (plain `node:http`) on `host:port`. Every method but GET and HEAD (CONNECT included) gets
 * a 405 JSON error; a request that is not HTTP a 400 (431 for oversized headers).
 * @throws {ServerError} `SERVER_HTTP_LISTEN` when it cannot listen (port in use, bad host).
 */
export async function startHttpApi(state: ApiState, options: HttpListenOptions = {}, logger: Logger = silentLogger): Promise<RunningHttpApi> {
  const host = options.host ?? '127.0.0.1';
  const server: Server = createServer(
    { requestTimeout: 30_000, headersTimeout: 10_000, keepAliveTimeout: 5_000, maxHeaderSize: 16_384 },
    (req, res) => handleApiRequest(state, req, res, logger),
  );
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Socket) => {
    logger.debug('malformed HTTP request', { code: error.code });
    if (!socket.writable) return socket.destroy();
    const tooLarge = error.code === 'HPE_HEADER_OVERFLOW';
    socket.end(
      tooLarge
        ? rawErrorResponse(431, 'Request Header Fields Too Large', { code: 'HEADERS_TOO_LARGE', message: 'request headers too large' })
        : rawErrorResponse(400, 'Bad Request', { code: 'BAD_PATH', message: 'malformed HTTP request' }),
    );
  });
  // node:http hands a CONNECT request over as a bare socket (and closes it unanswered without this listener).
  server.on('connect', (_req: IncomingMessage, socket: Socket) => {
    if (!socket.writable) return socket.destroy();
    socket.end(rawErrorResponse(405, 'Method Not Allowed', { code: 'METHOD_NOT_ALLOWED', message: 'CONNECT is not allowed here; use GET' }, { allow: 'GET, HEAD' }));
  });
  await new Promise<void>((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      const hint = listenHint(error.code, { program: 'titip-server', option: '--http' });
      reject(new ServerError('SERVER_HTTP_LISTEN', `cannot listen on ${host}:${options.port ?? 8080}: ${error.message}${hint ? `; ${hint}` : ''}`, { cause: error }));
    };
    server.once('error', onError);
    server.listen(options.port ?? 8080, host, () => {
      server.off('error', onError);
      resolve();
    });
  });
  server.on('error', (error) => logger.error('http server error', { error }));
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : (options.port ?? 8080);
  const urlHost = host.includes(':') ? `[${host}]` : host;
  let closed: Promise<void> | undefined;
  return {
    url: `http://${urlHost}:${port}`,
    port,
    close() {
      closed ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closed;
    },
  };
}
