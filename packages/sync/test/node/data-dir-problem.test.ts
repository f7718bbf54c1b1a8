import { readFile, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { tempDir } from '@titip/testkit';
import { describe, expect, it } from 'vitest';
import { dataDirProblem } from '../../src/node/data-dir-problem.js';

describe('dataDirProblem', () => {
  it('refuses directories under /proc, /sys and /dev, however written', () => {
    for (const dir of ['/proc', '/proc/xyz', '/proc/self/cwd/x', '/sys/titip', '/dev/shm/titip', '/dev/../proc/x', '/tmp/../proc/xyz']) {
      expect(dataDirProblem(dir), dir).toMatch(/ is under \/(proc|sys|dev), a kernel pseudo-filesystem, not a disk/);
    }
  });

  it('follows symbolic links of the part of the path that exists', async () => {
    const dir = await tempDir('titip-data-dir-');
    try {
      await symlink('/proc', join(dir.path, 'sneaky'));
      expect(dataDirProblem(join(dir.path, 'sneaky', 'store'))).toMatch(/is under \/proc/);
      expect(dataDirProblem(join(dir.path, 'fine', 'store'))).toBeNull();
    } finally {
      await dir.remove();
    }
  });

  it('accepts ordinary directories, relative ones and ones that look alike', () => {
    for (const dir of ['/var/lib/titip-relay', 'kpu-data', './proc', '/procedures/titip', '/devices', '/tmp/sys']) expect(dataDirProblem(dir), dir).toBeNull();
  });

  it('refuses a data dir that is a file, or lies under one, and touches nothing', async () => {
    const dir = await tempDir('titip-data-dir-');
    try {
      const file = join(dir.path, 'afile');
      await writeFile(file, 'not a dir');
      expect(dataDirProblem(file)).toBe(`${file} is a file, not a directory: give a directory for the data dir (or a path that does not exist yet)`);
      expect(dataDirProblem(join(file, 'sub'))).toMatch(/ lies under .*afile, which is a file, not a directory/);
      expect(await readFile(file, 'utf8')).toBe('not a dir');
      expect(dataDirProblem(dir.path)).toBeNull();
    } finally {
      await dir.remove();
    }
  });
});
