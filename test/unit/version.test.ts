import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeInferredTarget, inferTarget } from '../../src/config/project.js';
import { lowerBound } from '../../src/common/version.js';

describe('requires-python', () => {
  it('takes the lowest admitted minor version', () => {
    expect(lowerBound('>=3.9')).toEqual([3, 9]);
    expect(lowerBound('>=3.8, <4')).toEqual([3, 8]);
    expect(lowerBound('~=3.11')).toEqual([3, 11]);
    expect(lowerBound('==3.12.*')).toEqual([3, 12]);
    expect(lowerBound('<3.13')).toBeNull();
    expect(lowerBound('^3.8')).toEqual([3, 8]);
    expect(lowerBound('~3.7')).toEqual([3, 7]);
    expect(lowerBound('>=2.7,!=3.0.*,!=3.1.*')).toEqual([2, 7]);
  });

  it('is read from the nearest pyproject.toml, py310 without one', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'lm-target-'));
    writeFileSync(path.join(dir, 'pyproject.toml'), '[project]\nrequires-python = ">=3.12"\n');
    mkdirSync(path.join(dir, 'pkg', 'sub'), { recursive: true });
    expect(inferTarget(path.join(dir, 'pkg', 'sub', 'm.py'))).toEqual([3, 12]);
    const bare = mkdtempSync(path.join(os.tmpdir(), 'lm-target-'));
    expect(inferTarget(path.join(bare, 'm.py'))).toEqual([3, 10]);
  });

  const project = (files: Record<string, string>) => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'lm-target-'));
    for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
    return path.join(dir, 'm.py');
  };

  it('is read from setup.py, setup.cfg and Poetry too, in that order of trust, and says where', () => {
    const setupPy = project({
      'setup.py': 'from setuptools import setup\nsetup(name="x", python_requires=">=3.8",)\n',
      'setup.cfg': '[options]\npython_requires = >=3.9\n',
      'pyproject.toml': '[project]\nrequires-python = ">=3.11"\n',
    });
    expect(inferTarget(setupPy)).toEqual([3, 8]);
    expect(describeInferredTarget(setupPy)).toMatch(/^py38 from .*setup\.py python_requires ">=3\.8"$/);
    expect(inferTarget(project({ 'setup.py': 'setup(name="x")\n', 'setup.cfg': '[metadata]\nname = x\n[options]\npython_requires = >=3.9\n' }))).toEqual([3, 9]);
    const poetry = project({ 'pyproject.toml': '[tool.poetry.dependencies]\npython = "^3.7"\n' });
    expect(inferTarget(poetry)).toEqual([3, 7]);
    expect(describeInferredTarget(poetry)).toMatch(/pyproject\.toml tool\.poetry\.dependencies\.python "\^3\.7"$/);
    // A setup.py that declares nothing marks the project root: the search stops there.
    expect(describeInferredTarget(project({ 'setup.py': 'setup(name="x")\n' }))).toBe('py310 (nothing declared; the default)');
  });
});
