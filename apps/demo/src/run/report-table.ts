import type { BelitungTimur, ElectionKey } from '../dataset/index.js';
import type { DemoReport } from './run-demo.js';

/** The closing tables: per kecamatan and election, server totals next to published totals; then the island paths. */
export function reportTables(report: DemoReport, data: BelitungTimur): string {
  const lines: string[] = [];
  for (const election of ['pkwkp', 'pkwkk'] as ElectionKey[]) {
    const definition = data.elections[election];
    const paslon = [...definition.paslon].sort((a, b) => a.nomorUrut - b.nomorUrut);
    lines.push('', `${definition.name} (${election})`);
    const header = ['kecamatan'.padEnd(24), ...paslon.map((p) => `paslon ${p.nomorUrut} server / published`.padStart(34)), '  match'];
    lines.push(header.join(''));
    for (const kode of Object.keys(report.published[election]).sort()) {
      const name = data.kecamatan.find((k) => k.kode === kode)?.nama ?? kode;
      const server = report.totals[election][kode] ?? {};
      const published = report.published[election][kode] ?? {};
      const cells = paslon.map((p) => `${String(server[p.id] ?? 0).padStart(8)} / ${String(published[p.id] ?? 0).padEnd(8)}`.padStart(34));
      const match = paslon.every((p) => (server[p.id] ?? 0) === (published[p.id] ?? 0));
      lines.push([`${kode} ${name}`.padEnd(24), ...cells, match ? '  ✓' : '  ✗ DIFFERS'].join(''));
    }
  }
  for (const path of report.islands) {
    lines.push('', `Island TPS ${path.tps} (desa ${path.desa}), result ${path.submission.slice(0, 16)}…`);
    for (const hop of path.hops) lines.push(`  ${hop.atSeconds === null ? '   —  ' : `${hop.atSeconds.toFixed(1).padStart(5)}s`}  ${hop.where.padEnd(34)} ${hop.what}`);
  }
  const { photos } = report;
  lines.push(
    '',
    photos.expected === 0
      ? 'photos: none (--photo-pages 0)'
      : `photos: expected ${photos.expected} · at server ${photos.atServer} · ${(photos.bytes / 1e6).toFixed(1)} of ${(photos.bytesExpected / 1e6).toFixed(1)} MB` +
        (photos.allAtServerSeconds === null ? ' · SOME NEVER ARRIVED' : ` · the last one at ${photos.allAtServerSeconds.toFixed(1)}s`),
    `expected ${report.expected} · at server ${report.atServer} · receipts at operators ${report.receiptsAtOperators} · link failures ${report.linkFlaps} · totals ${report.totalsMatchPublished ? 'equal' : 'DIFFER from'} the published totals`,
  );
  return lines.join('\n');
}
