// The project a run belongs to, whatever paths it was given: the project facts (src/pytest/facts.ts)
// come from all of it, so a run on one file or on the files pre-commit passes decides the project-level
// changes (the pytest config's loop scopes) as a run on the whole project does. The run still processes
// only the files it was given, and edits a config outside them only when told to (--edit-config).
import { lstatSync, statSync } from 'node:fs';
import path from 'node:path';
import { commonAncestor } from '../config/config.js';
import { discover, type DiscoverOptions } from '../discover/discover.js';
import { locateConfig } from '../pytest/config.js';
import { readSideFile } from '../common/safe-read.js';

/** Python project metadata: the directory holding one is a project's root. */
const PROJECT_MARKERS = ['pyproject.toml', 'setup.py', 'setup.cfg'];

export interface ProjectScope {
  root: string;
  /** Every file of the project, given the files the paths hold (which it always includes). */
  files: (named: readonly string[]) => readonly string[];
  /** Whether the run may edit this pytest config: the paths given hold it, or --edit-config says so. */
  mayEdit: (config: string) => boolean;
}

/**
 * The scope of a run on `paths`. The root is the shallowest of the nearest directory above the paths
 * with Python project metadata and the directory of the pytest config pytest reads for them, within the
 * git work tree that holds them; with neither, the work tree's top; outside git and without either, the
 * paths' common ancestor. The project's files are discovered from the root with the run's excludes.
 */
export function projectScope(paths: readonly string[], discoverOptions: DiscoverOptions, editConfig: boolean): ProjectScope {
  const base = commonAncestor([...paths]);
  const root = projectRoot(base);
  const dirs = paths.map((p) => path.resolve(p)).filter(isDirectory);
  const named = (file: string) => dirs.some((d) => isUnder(file, d));
  return {
    root,
    files: (given) => {
      // A run given the root itself (or a directory above it) discovered the whole project already.
      if (dirs.some((d) => isUnder(root, d))) return given;
      const all = new Set(discover([root], discoverOptions));
      for (const f of given) all.add(f);
      return [...all];
    },
    mayEdit: (config) => editConfig || named(config),
  };
}

export function projectRoot(base: string): string {
  const top = gitTop(base);
  const within = (d: string) => top === undefined || isUnder(d, top);
  let marker: string | undefined;
  for (let d = base; within(d); d = path.dirname(d)) {
    if (PROJECT_MARKERS.some((m) => readSideFile(path.join(d, m)) !== undefined)) {
      marker = d;
      break;
    }
    if (path.dirname(d) === d) break;
  }
  const config = locateConfig(base);
  const configDir = config && within(path.dirname(config.path)) ? path.dirname(config.path) : undefined;
  const found = [marker, configDir].filter((d): d is string => d !== undefined).sort((a, b) => a.length - b.length)[0];
  return found ?? top ?? base;
}

/** The top of the git work tree holding `dir` (a `.git` directory, or the file of a worktree or submodule). */
function gitTop(dir: string): string | undefined {
  for (let d = dir; ; d = path.dirname(d)) {
    try {
      lstatSync(path.join(d, '.git'));
      return d;
    } catch {
      // Not here; look further up.
    }
    if (path.dirname(d) === d) return undefined;
  }
}

function isDirectory(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}

function isUnder(file: string, dir: string): boolean {
  const rel = path.relative(dir, file);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}
