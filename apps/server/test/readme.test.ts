import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const readme = readFileSync(fileURLToPath(new URL('../README.md', import.meta.url)), 'utf8');
const elections: { id: string; name: string; paslon: { id: string; nama: string }[] }[] = JSON.parse(
  readFileSync(fileURLToPath(new URL('../../cli/examples/elections.json', import.meta.url)), 'utf8'),
);

describe('apps/server README', () => {
  it('shows the election and paslon names of apps/cli/examples/elections.json, the network file its examples come from', () => {
    const names = [...readme.matchAll(/"name": "([^"]+)"/g)].map((m) => m[1]);
    const namas = [...readme.matchAll(/"id": "(\d+)", "nomorUrut": \d+, "nama": "([^"]+)"/g)].map((m) => [m[1], m[2]]);
    expect(names.length).toBeGreaterThan(0);
    expect(namas.length).toBeGreaterThan(0);
    for (const name of names) expect(elections.map((e) => e.name), name).toContain(name);
    const paslon = new Map(elections.flatMap((e) => e.paslon.map((p) => [p.id, p.nama] as const)));
    for (const [id, nama] of namas) expect(paslon.get(id!), id).toBe(nama);
  });

  it('runs the server with the Node 24 binary, never a plain node or /usr/bin/node', () => {
    expect(readme).not.toMatch(/^\s*node apps\//m);
    expect(readme).not.toMatch(/ExecStart=\/usr\/bin\/node/);
    expect(readme).toMatch(/NODE24=\$\(npx pnpm@10\.34\.9 exec node -p process\.execPath\)/);
    expect(readme).toMatch(/ExecStart=\S*node_modules\/\.pnpm\/node@24[^ ]*\/bin\/node \S*apps\/server\/dist\/main\.js/);
  });

  it('tells admins to fix the listen ports, documents the nation totals, and how signals reach the daemon', () => {
    expect(readme).toContain('**Fix the listen ports.**');
    expect(readme).toContain('`/api/v1/totals/pkwkk`');
    expect(readme).toMatch(/does \*\*not\*\* reach `titip-server`/);
    expect(readme).toContain('Ctrl-C works');
  });
});
