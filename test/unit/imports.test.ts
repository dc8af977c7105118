// Where an added import goes and what a removed one takes with it: isort's default sections and groups.
import { beforeAll, describe, expect, it } from 'vitest';
import { applyEdits } from '../../src/common/apply.js';
import { initParser, parse } from '../../src/python/parser.js';
import { importInsertion, memberInsertion, removeBindings } from '../../src/python/imports.js';
import { ScopeIndex } from '../../src/python/scope.js';

beforeAll(async () => {
  await initParser();
});

function add(source: string, statement: string, firstParty?: string[], forceSortWithinSections = false): string {
  const tree = parse(source);
  try {
    const style = firstParty || forceSortWithinSections ? { firstParty: new Set(firstParty), forceSortWithinSections } : undefined;
    return applyEdits(source, [importInsertion(tree.rootNode, source, '\n', statement, style)]);
  } finally {
    tree.delete();
  }
}

function remove(source: string, name: string): string {
  const tree = parse(source);
  try {
    const scopes = new ScopeIndex(tree.rootNode, source);
    const binding = scopes.module.imports.get(name);
    if (!binding) throw new Error(`no import of ${name}`);
    return applyEdits(source, removeBindings(source, [binding]));
  } finally {
    tree.delete();
  }
}

describe('from-imports and project settings', () => {
  it('puts a from-import after the straight imports of its section, sorted by module', () => {
    expect(add('import os\nimport sys\nfrom pathlib import Path\nfrom typing import Any\n\nimport pytest\n', 'from unittest import mock')).toBe(
      'import os\nimport sys\nfrom pathlib import Path\nfrom typing import Any\nfrom unittest import mock\n\nimport pytest\n',
    );
    expect(add('import os\nfrom typing import Any\n', 'from pathlib import Path')).toBe('import os\nfrom pathlib import Path\nfrom typing import Any\n');
  });

  it('keeps a known-third-party module in the third-party group though the project has a directory of that name', () => {
    const tree = parse('import asyncio\n\nimport vendored\n');
    try {
      const style = { firstParty: new Set(['vendored']), thirdParty: new Set(['vendored']), forceSortWithinSections: false };
      const source = 'import asyncio\n\nimport vendored\n';
      expect(applyEdits(source, [importInsertion(tree.rootNode, source, '\n', 'import pytest', style)])).toBe('import asyncio\n\nimport pytest\nimport vendored\n');
    } finally {
      tree.delete();
    }
  });

  it('sorts by module alone with force-sort-within-sections', () => {
    expect(add('import os\nimport sys\n', 'from pathlib import Path', [], true)).toBe('import os\nfrom pathlib import Path\nimport sys\n');
  });

  it("adds a name among a from-import's names in isort's order (constants, classes, the rest)", () => {
    const source = 'from unittest.mock import MagicMock, patch\n';
    const tree = parse(source);
    try {
      const stmt = tree.rootNode.namedChildren[0];
      const edit = stmt && memberInsertion(stmt, 'AsyncMock');
      expect(edit && applyEdits(source, [edit])).toBe('from unittest.mock import AsyncMock, MagicMock, patch\n');
      const last = stmt && memberInsertion(stmt, 'sentinel');
      expect(last && applyEdits(source, [last])).toBe('from unittest.mock import MagicMock, patch, sentinel\n');
    } finally {
      tree.delete();
    }
  });
});

describe('importInsertion (isort default sections)', () => {
  it('puts a standard-library module in the stdlib group, in alphabetical order', () => {
    expect(add('import asyncio\nimport sys\n\nimport pytest\n', 'import inspect')).toBe('import asyncio\nimport inspect\nimport sys\n\nimport pytest\n');
    expect(add('import sys\n\nimport pytest\n', 'import asyncio')).toBe('import asyncio\nimport sys\n\nimport pytest\n');
  });

  it('puts a third-party module in the third-party group, straight imports before from-imports', () => {
    expect(add('import asyncio\n\nimport pytest\nfrom aiohttp import web\n\nfrom shop import db\n', 'import pytest_asyncio')).toBe(
      'import asyncio\n\nimport pytest\nimport pytest_asyncio\nfrom aiohttp import web\n\nfrom shop import db\n',
    );
  });

  it('opens a group of its own between the sections around it', () => {
    expect(add('import pytest\n\n\ndef f():\n    pass\n', 'import asyncio')).toBe('import asyncio\n\nimport pytest\n\n\ndef f():\n    pass\n');
    expect(add('"""Doc."""\nimport asyncio\n\n\ndef f():\n    pass\n', 'import pytest_asyncio')).toBe('"""Doc."""\nimport asyncio\n\nimport pytest_asyncio\n\n\ndef f():\n    pass\n');
    // A first-party group comes after the third-party one it needs.
    expect(add('import asyncio\n\nfrom shop import db\n', 'import pytest', ['shop'])).toBe('import asyncio\n\nimport pytest\n\nfrom shop import db\n');
  });

  it('keeps __future__ imports first and falls back when there is no import block', () => {
    expect(add('from __future__ import annotations\n\nimport os\n', 'import asyncio')).toBe('from __future__ import annotations\n\nimport asyncio\nimport os\n');
    expect(add('x = 1\n', 'import asyncio')).toBe('import asyncio\nx = 1\n');
  });
});

describe('removeBindings', () => {
  it('takes one blank line with an import that was a group of its own', () => {
    expect(remove('import asyncio\n\nimport pytest\n\n\ndef f():\n    pass\n', 'pytest')).toBe('import asyncio\n\n\ndef f():\n    pass\n');
  });

  it('leaves no blank line at the start of the file', () => {
    expect(remove('import pytest\n\n\ndef f():\n    pass\n', 'pytest')).toBe('def f():\n    pass\n');
  });

  it('leaves the blank lines alone when the group stays', () => {
    expect(remove('import asyncio\nimport pytest\n\n\ndef f():\n    pass\n', 'pytest')).toBe('import asyncio\n\n\ndef f():\n    pass\n');
  });
});
