export { readSirekapTps, type ReadSirekapTpsOptions, type SirekapTps } from './read-sirekap-tps.js';
export { writeSirekapTps, type SirekapTpsExtra } from './write-sirekap-tps.js';
export { readSirekapRekap, type SirekapRekap, type SirekapRekapRow, type SirekapProgres } from './read-sirekap-rekap.js';
export { administrasiFields, type SirekapTpsJson, type SirekapAdministrasi } from './sirekap-tps-json.js';
