import type { PhotoRef } from '@titip/records';
import type { ApiState } from '../api-state.js';

/**
 * One photo reference of a submission, as the TPS view shows it: the signed reference (`sha256`, `page`, `size`,
 * `type`), whether this server holds the photo (`held`, then `url` serves it), and while it does not, how far its
 * transfer is (`state`, `bytesDone`, `rate` in bytes/s).
 */
export function photoRefView(state: ApiState, ref: PhotoRef) {
  const holding = state.photos.holding(ref.sha256);
  const held = holding?.held === true;
  return {
    sha256: ref.sha256,
    page: ref.page,
    size: ref.size,
    type: ref.type,
    held,
    state: holding?.state ?? 'waiting',
    bytesDone: holding?.bytesDone ?? 0,
    ...(held ? { url: `/api/v1/photos/${ref.sha256}` } : { rate: Math.round(holding?.rate ?? 0) }),
  };
}
