export { startHttpApi, handleApiRequest, type HttpListenOptions, type RunningHttpApi } from './api-server.js';
export { parseRequest, MAX_URL_LENGTH, API_PREFIX, type ApiRoute } from './parse-request.js';
export type { ApiState } from './api-state.js';
export { statusView } from './views/status-view.js';
export { electionsView } from './views/elections-view.js';
export { totalsView } from './views/totals-view.js';
export { tpsView } from './views/tps-view.js';
export { photoRefView } from './views/photo-ref-view.js';
