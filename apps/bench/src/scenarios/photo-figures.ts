import { benchPhotoOneHop, type PhotoOneHopFigures } from './photo-one-hop.js';
import { benchPhotoThrottled, type PhotoThrottledFigures } from './photo-throttled.js';

/** The photo figures of the bench file (issue #4). */
export interface PhotoFigures {
  photoOneHop: PhotoOneHopFigures;
  photoThrottled: PhotoThrottledFigures;
}

/**
 * Runs both photo scenarios: throughput of one hop against the raw stream of the same connection (40 × 200 KB
 * photos), and time to all numbers of a kecamatan against the first photo on a 20 KB/s, 300 ms link (30 results
 * with 2 photos each). `quick` runs one round of each instead of three.
 */
export async function benchPhotos(quick: boolean, log: (line: string) => void): Promise<PhotoFigures> {
  const rounds = quick ? 1 : 3;
  log(`photos: one hop, 40 × 200 KB photos vs the raw stream of the same connection (${rounds} rounds)…`);
  const photoOneHop = await benchPhotoOneHop({ rounds });
  log(JSON.stringify(photoOneHop.median));
  log(`photos: 30 results with 2 photos each over a 20 KB/s link with 300 ms latency (${rounds} rounds)…`);
  const photoThrottled = await benchPhotoThrottled({ rounds });
  log(JSON.stringify(photoThrottled.median));
  return { photoOneHop, photoThrottled };
}
