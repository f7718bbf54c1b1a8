import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const readme = readFileSync(fileURLToPath(new URL('../README.md', import.meta.url)), 'utf8');

describe('apps/relay README', () => {
  it('runs the relay with the Node 24 binary by absolute path, never /usr/bin/node, and says how signals reach it', () => {
    expect(readme).not.toMatch(/ExecStart=\/usr\/bin\/node/);
    expect(readme).not.toMatch(/alias titip-relay='npx pnpm/);
    expect(readme).toMatch(/NODE24=\$\(npx pnpm@10\.34\.9 exec node -p process\.execPath\)/);
    expect(readme).toMatch(/ExecStart=\S*node_modules\/\.pnpm\/node@24[^ ]*\/bin\/node \S*apps\/relay\/dist\/main\.js/);
    expect(readme).toMatch(/a SIGTERM to the `npm` PID leaves the relay running/);
    expect(readme).toContain('Ctrl-C in a terminal always does');
  });
});
