import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const readme = readFileSync(fileURLToPath(new URL('../README.md', import.meta.url)), 'utf8');
const shellBlocks = [...readme.matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1]!);

describe('apps/cli README', () => {
  it('gives the shell examples validity windows computed from now, so that sign accepts them today', () => {
    const windows = shellBlocks.flatMap((block) => [...block.matchAll(/--valid-(?:from|until) (\S+)/g)].map((m) => m[1]!));
    expect(windows.length).toBeGreaterThan(5);
    for (const value of windows) expect(value, value).toMatch(/^"\$(FROM|UNTIL|OP_UNTIL)"$/);
    expect(readme).toContain("UNTIL=$(date -u -d '+60 days' +%FT%TZ)");
  });

  it('submits a signed file without --key and --credential, and says so', () => {
    const submitFile = shellBlocks.flatMap((block) => block.split(/\n(?!\s)/)).filter((command) => command.includes('submit') && command.includes('--submission'));
    expect(submitFile.length).toBeGreaterThan(0);
    for (const command of submitFile) expect(command).not.toMatch(/--key|--credential|--form|--tps|--election/);
    expect(readme).toMatch(/\*\*not\*\* `--key`, `--credential`/);
  });

  it('aliases the bins by absolute path with the Node 24 binary, and says the relative form works only from the root', () => {
    expect(readme).toMatch(/NODE24=\$\(npx pnpm@10\.34\.9 exec node -p process\.execPath\)/);
    expect(readme).toContain('alias titip-operator="$NODE24 $PWD/apps/cli/dist/operator-main.js"');
    expect(readme).not.toMatch(/alias titip-\w+='npx pnpm/);
    expect(readme).toContain('works **only from the repository root**');
  });
});
