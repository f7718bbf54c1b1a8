import { readFileSync } from 'node:fs';

const entries: Record<string, string> = {
  '@titip/store': '../../src/index.ts',
  '@titip/store/node': '../../src/node.ts',
  '@titip/store/browser': '../../src/browser.ts',
  '@titip/store/compliance': '../../src/compliance.ts',
};

/** A runnable README example, its package imports pointed at this package's source. */
export interface ReadmeExample {
  readonly index: number;
  readonly code: string;
  /** It opens a store on disk, so it belongs to the integration tests. */
  readonly usesDisk: boolean;
}

/** The README's ` ```ts ` blocks (` ```typescript ` blocks are illustrations and are not run). */
export function readmeExamples(): ReadmeExample[] {
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
  return [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((match, i) => {
    const source = match[1] as string;
    const code = source.replace(/from '(@titip\/store(?:\/\w+)?)'/g, (whole, name: string) => {
      const target = entries[name];
      return target === undefined ? whole : `from ${JSON.stringify(new URL(target, import.meta.url).pathname)}`;
    });
    return { index: i + 1, code, usesDisk: source.includes("'@titip/store/node'") };
  });
}
