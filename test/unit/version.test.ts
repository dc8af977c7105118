import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { inferTarget } from '../../src/project.js';
import { lowerBound } from '../../src/version.js';

describe('requires-python', () => {
  it('takes the lowest admitted minor version', () => {
    expect(lowerBound('>=3.9')).toEqual([3, 9]);
    expect(lowerBound('>=3.8, <4')).toEqual([3, 8]);
    expect(lowerBound('~=3.11')).toEqual([3, 11]);
    expect(lowerBound('==3.12.*')).toEqual([3, 12]);
    expect(lowerBound('<3.13')).toBeNull();
  });

  it('is read from the nearest pyproject.toml, py310 without one', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'lm-target-'));
    writeFileSync(path.join(dir, 'pyproject.toml'), '[project]\nrequires-python = ">=3.12"\n');
    mkdirSync(path.join(dir, 'pkg', 'sub'), { recursive: true });
    expect(inferTarget(path.join(dir, 'pkg', 'sub', 'm.py'))).toEqual([3, 12]);
    const bare = mkdtempSync(path.join(os.tmpdir(), 'lm-target-'));
    expect(inferTarget(path.join(bare, 'm.py'))).toEqual([3, 10]);
  });
});
