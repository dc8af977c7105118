// Jupyter notebooks: the code cells become one Python text (a `# %%` line before each cell, IPython
// magics masked), the engine runs on it like on a .py file, and fixed cells are written back into the
// notebook JSON in place: only the `source` value of an edited cell changes, in the notebook's own
// formatting (list of lines or one string, indentation, escapes).
import { parseTree, type Node as JsonNode, type ParseError } from 'jsonc-parser';
import { runEngine, type EngineOptions, type EngineResult } from '../engine/engine.js';
import { settle, unapplied } from '../engine/findings.js';
import type { Edit, Finding } from '../common/types.js';
import { computeLineStarts, positionAt } from '../common/lines.js';

export interface CodeCell {
  /** 1-based position among all cells, as notebook editors number them. */
  number: number;
  source: string;
  sourceNode: JsonNode;
  /** First line of the cell's code in the Python text (1-based). */
  firstLine: number;
  masks: Array<{ masked: string; original: string }>;
  addedNewline: boolean;
}

export interface NotebookPython {
  python: string;
  cells: CodeCell[];
  /** The document escapes non-ASCII characters (`json.dump(..., ensure_ascii=True)`). */
  asciiOnly: boolean;
}

const MARKER = (n: number) => `# %% [loopmigrate cell ${n}]`;
const MARKER_LINE = /^# %% \[loopmigrate cell (\d+)\]\n/gm;
/** Cell magics whose body is Python; any other cell magic (`%%bash`, `%%html`) makes the cell non-Python. */
const PYTHON_CELL_MAGICS = new Set(['time', 'timeit', 'capture', 'prun', 'debug']);

/** The Python text of a notebook's code cells, or a reason the file is not a Python notebook. */
export function notebookToPython(text: string): { ok: true; value: NotebookPython } | { ok: false; reason: 'syntax-error' | 'not-python'; message: string } {
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { allowTrailingComma: false, disallowComments: true });
  if (!root || errors.length > 0 || root.type !== 'object') {
    return { ok: false, reason: 'syntax-error', message: 'is not valid notebook JSON; fix or re-save the notebook first' };
  }
  const language = stringAt(root, ['metadata', 'kernelspec', 'language']) ?? stringAt(root, ['metadata', 'language_info', 'name']);
  if (language !== undefined && language.toLowerCase() !== 'python') return { ok: false, reason: 'not-python', message: `is a ${language} notebook` };
  const cellsNode = property(root, 'cells');
  if (cellsNode?.type !== 'array') return { ok: false, reason: 'syntax-error', message: 'has no "cells" list; it is not an nbformat 4 notebook' };
  const parts: string[] = [];
  const cells: Array<Omit<CodeCell, 'firstLine'> & { offset: number }> = [];
  let offset = 0;
  (cellsNode.children ?? []).forEach((cellNode, i) => {
    if (stringAt(cellNode, ['cell_type']) !== 'code') return;
    const sourceNode = property(cellNode, 'source');
    if (!sourceNode) return;
    const source = sourceValue(sourceNode);
    if (source === null) return;
    const { text: masked, masks } = maskMagics(source, i + 1);
    const addedNewline = !masked.endsWith('\n');
    const body = addedNewline ? `${masked}\n` : masked;
    const marker = `${MARKER(i + 1)}\n`;
    parts.push(marker + body);
    cells.push({ number: i + 1, source, sourceNode, offset: offset + marker.length, masks, addedNewline });
    offset += marker.length + body.length;
  });
  const asciiOnly = /\\u(?:[1-9a-f][0-9a-f]{3}|0[1-9a-f][0-9a-f]{2}|00[89a-f][0-9a-f])/i.test(text) && !/[^\x00-\x7f]/.test(text);
  const python = parts.join('');
  // Cell lines are counted as the engine counts the lines of the Python text.
  const starts = computeLineStarts(python);
  const located = cells.map(({ offset: at, ...cell }) => ({ ...cell, firstLine: positionAt(starts, at).line }));
  return { ok: true, value: { python, cells: located, asciiOnly } };
}

/** Finding positions from the Python text to cell numbers and lines within the cell. */
export function mapFindings(findings: readonly Finding[], nb: NotebookPython): Finding[] {
  return findings.map((f) => {
    const cell = cellAtLine(nb, f.line);
    if (!cell) return f;
    const line = f.line - cell.firstLine + 1;
    return settle(f, { cell: cell.number, line, endLine: Math.max(line, f.endLine - cell.firstLine + 1) });
  });
}

/** Rewrites an engine message that names a line of the Python text ("(line 12)") in cell terms. */
export function mapProblemMessage(message: string, nb: NotebookPython): string {
  return message.replace(/\(line (\d+)\)/, (whole, n: string) => {
    const cell = cellAtLine(nb, Number(n));
    return cell ? `(cell ${cell.number}, line ${Number(n) - cell.firstLine + 1})` : whole;
  });
}

function cellAtLine(nb: NotebookPython, line: number): CodeCell | undefined {
  let found: CodeCell | undefined;
  for (const c of nb.cells) if (c.firstLine <= line + 1) found = c;
  return found;
}

/**
 * The notebook text with the fixed cells written back, or an error when the fixed Python text no
 * longer splits into the same cells or a fix touched a masked magic.
 */
export function writeBack(text: string, nb: NotebookPython, fixed: string): { ok: true; text: string } | { ok: false; message: string } {
  const pieces = fixed.split(MARKER_LINE);
  // split() with a capture group yields: [before, n1, body1, n2, body2, ...].
  const numbers = pieces.filter((_, i) => i % 2 === 1).map(Number);
  if (numbers.join(',') !== nb.cells.map((c) => c.number).join(',')) {
    return { ok: false, message: 'a fix moved code across notebook cells, so none were applied; please report this notebook' };
  }
  const edits: Edit[] = [];
  for (const [k, cell] of nb.cells.entries()) {
    let body = pieces[2 * k + 2] ?? '';
    // Code inserted before the first cell (an import) belongs to that cell.
    if (k === 0) body = (pieces[0] ?? '') + body;
    if (cell.addedNewline && body.endsWith('\n')) body = body.slice(0, -1);
    const restored = unmask(body, cell.masks);
    if (restored === null) return { ok: false, message: `a fix touched an IPython magic in cell ${cell.number}, so none were applied; please report this notebook` };
    if (restored === cell.source) continue;
    edits.push({ start: cell.sourceNode.offset, end: cell.sourceNode.offset + cell.sourceNode.length, text: serializeSource(text, cell.sourceNode, restored, nb.asciiOnly) });
  }
  let out = text;
  for (const e of edits.sort((a, b) => b.start - a.start)) out = out.slice(0, e.start) + e.text + out.slice(e.end);
  return { ok: true, text: out };
}

/** Runs the engine on a notebook's cells; the result's text fields are notebook JSON. */
export function runNotebook(text: string, opts: EngineOptions): EngineResult {
  const nb = notebookToPython(text);
  if (!nb.ok) {
    // Notebooks of other languages (R, Julia) are not Python: nothing to do.
    if (nb.reason === 'not-python') return { findings: [], notParsed: true };
    return { findings: [], problem: { kind: 'syntax-error', message: nb.message } };
  }
  const result = runEngine(nb.value.python, { ...opts, notebook: true });
  const findings = mapFindings(result.findings, nb.value);
  if (result.problem) return { ...result, findings, problem: { ...result.problem, message: mapProblemMessage(result.problem.message, nb.value) } };
  if (result.fixed === undefined) return result.notParsed ? { findings, notParsed: true } : { findings };
  const back = writeBack(text, nb.value, result.fixed);
  if (!back.ok) return { findings: unapplied(findings), problem: { kind: 'fix-reverted', message: back.message } };
  return back.text === text ? { findings } : { findings, fixed: back.text };
}

/** IPython syntax → Python with the same lines: magics become `pass`/`name = None` with a tag. */
export function maskMagics(source: string, cell: number): { text: string; masks: Array<{ masked: string; original: string }> } {
  const lines = source.split('\n');
  const masks: Array<{ masked: string; original: string }> = [];
  const mask = (i: number, replacement: string) => {
    const original = lines[i] ?? '';
    const masked = `${replacement}  # loopmigrate: IPython magic ${cell}.${masks.length + 1}`;
    masks.push({ masked, original });
    lines[i] = masked;
  };
  const first = lines.findIndex((l) => l.trim() !== '');
  const cellMagic = first >= 0 ? /^%%(\w+)/.exec(lines[first] ?? '') : null;
  if (cellMagic) {
    const pythonBody = PYTHON_CELL_MAGICS.has(cellMagic[1] ?? '');
    for (let i = first; i < lines.length; i++) {
      if (i === first || (!pythonBody && (lines[i] ?? '') !== '')) mask(i, 'pass');
    }
    if (!pythonBody) return { text: lines.join('\n'), masks };
  }
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    const indent = /^[ \t]*/.exec(line)?.[0] ?? '';
    const rest = line.slice(indent.length);
    if (masks.some((m) => m.masked === line)) continue;
    if (/^[%!?]/.test(rest) || /^[\w.]+\?{1,2}\s*$/.test(rest)) mask(i, `${indent}pass`);
    else {
      const assigned = /^([A-Za-z_][\w]*(?:\s*,\s*[A-Za-z_][\w]*)*)\s*=\s*[%!]/.exec(rest);
      if (assigned) mask(i, `${indent}${assigned[1]} = None`);
    }
  }
  return { text: lines.join('\n'), masks };
}

function unmask(text: string, masks: Array<{ masked: string; original: string }>): string | null {
  const lines = text.split('\n');
  for (const m of masks) {
    const at = lines.indexOf(m.masked);
    if (at < 0) return null;
    lines[at] = m.original;
  }
  return lines.join('\n');
}

/** The new `source` value, in the shape (string or list of lines) and layout the notebook used. */
function serializeSource(doc: string, node: JsonNode, source: string, asciiOnly: boolean): string {
  const str = (s: string) => {
    const json = JSON.stringify(s);
    return asciiOnly ? json.replace(/[^\x00-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`) : json;
  };
  if (node.type === 'string') return str(source);
  const items = node.children ?? [];
  // Reuse the exact token of every line that did not change (keeps its escapes as they were).
  const tokens = new Map<string, string[]>();
  for (const item of items) {
    const list = tokens.get(String(item.value)) ?? [];
    list.push(doc.slice(item.offset, item.offset + item.length));
    tokens.set(String(item.value), list);
  }
  const lines = source.match(/[^\n]*\n|[^\n]+$/g) ?? [];
  const rendered = lines.map((l) => tokens.get(l)?.shift() ?? str(l));
  const firstItem = items[0];
  const lastItem = items[items.length - 1];
  if (!firstItem || !lastItem) {
    const indent = indentOfLine(doc, node.offset);
    return rendered.length ? `[\n${indent} ${rendered.join(`,\n${indent} `)}\n${indent}]` : '[]';
  }
  const open = doc.slice(node.offset + 1, firstItem.offset);
  const close = doc.slice(lastItem.offset + lastItem.length, node.offset + node.length - 1);
  const second = items[1];
  const sep = second ? doc.slice(firstItem.offset + firstItem.length, second.offset) : `,${open}`;
  return rendered.length ? `[${open}${rendered.join(sep)}${close}]` : '[]';
}

function indentOfLine(doc: string, offset: number): string {
  const start = doc.lastIndexOf('\n', offset - 1) + 1;
  return /^[ \t]*/.exec(doc.slice(start))?.[0] ?? '';
}

function property(node: JsonNode, key: string): JsonNode | undefined {
  if (node.type !== 'object') return undefined;
  for (const prop of node.children ?? []) {
    const [k, v] = prop.children ?? [];
    if (k?.value === key) return v;
  }
  return undefined;
}

function stringAt(node: JsonNode, path: string[]): string | undefined {
  let cur: JsonNode | undefined = node;
  for (const key of path) cur = cur ? property(cur, key) : undefined;
  return cur?.type === 'string' ? String(cur.value) : undefined;
}

function sourceValue(node: JsonNode): string | null {
  if (node.type === 'string') return String(node.value);
  if (node.type !== 'array') return null;
  const parts = (node.children ?? []).map((c) => (c.type === 'string' ? String(c.value) : null));
  return parts.every((p) => p !== null) ? parts.join('') : null;
}
