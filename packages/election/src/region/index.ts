export { regionLevels, regionCodeLength, type RegionLevel } from './region-level.js';
export { parseRegionCode, isRegionCode, regionLevelOf, type ParsedRegionCode } from './parse-region-code.js';
export { parentRegion, regionAncestors, isWithinRegion } from './region-tree.js';
export { desaOfTps, tpsCodeOf } from './tps-code.js';
export {
  regionCodeSchema,
  tpsCodeSchema,
  desaCodeSchema,
  kecamatanCodeSchema,
  kabupatenCodeSchema,
  provinsiCodeSchema,
  electionRegionSchema,
  type RegionCode,
} from './region-code-schema.js';
