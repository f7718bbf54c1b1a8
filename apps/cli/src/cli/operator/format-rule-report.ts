import { isOverridableRule, ruleMessage, type RuleReport, type Violation } from '@titip/election';

function line(mark: string, v: Violation): string[] {
  return [
    `  ${mark} ${v.rule}  ${v.fields[0] ?? ''}  (expected ${v.expected}, found ${v.actual})`,
    `      id: ${v.message.id}`,
    `      en: ${v.message.en}`,
  ];
}

/**
 * The rule report as text for people: violations and warnings in Bahasa Indonesia and English, then (unless
 * `verdict: false`) whether it can be signed and the overrides it would need.
 */
export function formatRuleReport(report: RuleReport, heading: string, options: { verdict?: boolean } = {}): string {
  const out = [heading];
  if (report.violations.length > 0) {
    out.push(`Pelanggaran aturan wajib / hard-rule violations (${report.violations.length}):`);
    for (const v of report.violations) out.push(...line('✗', v));
  }
  if (report.warnings.length > 0) {
    out.push(`Peringatan / warnings (${report.warnings.length}):`);
    for (const v of report.warnings) out.push(...line('!', v));
  }
  if (report.unchecked.length > 0) out.push(`Tidak diperiksa (data kurang) / unchecked (missing inputs): ${report.unchecked.join(', ')}`);
  if (options.verdict !== false) out.push(...verdictLines(report));
  return `${out.join('\n')}\n`;
}

function verdictLines(report: RuleReport): string[] {
  if (report.violations.length === 0) return ['Hasil: lolos semua aturan wajib, siap ditandatangani. / Result: passes every hard rule, ready to sign.'];
  const rules = [...new Set(report.violations.map((v) => v.rule))];
  const liftable = rules.filter((rule) => isOverridableRule(rule));
  const fixed = rules.filter((rule) => !isOverridableRule(rule));
  return [
    ...(fixed.length > 0
      ? [
          'Hasil: perbaiki formulir; tidak ada override untuk aturan ini. / Result: fix the form; no override lifts these rules:',
          ...fixed.map((rule) => `  ${rule}   (${ruleMessage(rule).id} / ${ruleMessage(rule).en})`),
        ]
      : []),
    ...(liftable.length > 0
      ? [
          'Hasil: tidak bisa ditandatangani tanpa override per aturan. / Result: cannot be signed without one override per rule:',
          ...liftable.map((rule) => `  --override '${rule}=<alasan / reason>'   (${ruleMessage(rule).id} / ${ruleMessage(rule).en})`),
        ]
      : []),
  ];
}
