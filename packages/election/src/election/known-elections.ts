import type { FormType } from './election-definition.js';

/** Defaults of the 2024 elections, keyed by Sirekap election id (data, not rules: override any of them). */
export interface KnownElection {
  /** Name used when the source has none. */
  name: string;
  /** C.Hasil layout. */
  form: FormType;
  /** Voting day. */
  date: string;
  /** Legal maximum of voters per TPS. */
  maxVotersPerTps: number;
  /** Covered region when it is fixed (`''` for the national presidential election). */
  region?: string;
}

/** Pemilu 2024 (14 Feb 2024, ≤ 300 voters per TPS) and Pilkada 2024 (27 Nov 2024, ≤ 600 voters per TPS). */
export const knownElections: Readonly<Record<string, KnownElection>> = {
  ppwp: {
    name: 'Pemilihan Presiden dan Wakil Presiden',
    form: 'ppwp',
    date: '2024-02-14',
    maxVotersPerTps: 300,
    region: '',
  },
  pkwkp: { name: 'Pemilihan Gubernur dan Wakil Gubernur', form: 'kwk', date: '2024-11-27', maxVotersPerTps: 600 },
  pkwkk: { name: 'Pemilihan Bupati/Wali Kota dan Wakil Bupati/Wakil Wali Kota', form: 'kwk', date: '2024-11-27', maxVotersPerTps: 600 },
};
