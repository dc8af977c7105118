// Finding and deleting arguments of a call without leaving stray commas or blank lines behind.
import type { Node } from './parser.js';
import type { Edit } from '../common/types.js';
import { lineBreakLength, lineEndOf, lineStartOf } from './text.js';

/** The arguments of an argument_list, comments left out. */
export function argumentItems(args: Node): Node[] {
  return args.namedChildren.filter((c): c is Node => c !== null && c.type !== 'comment');
}

/** The `name=value` argument of a call's argument_list, or null. */
export function keywordArgument(args: Node | null, name: string): Node | null {
  if (!args || args.type !== 'argument_list') return null;
  return argumentItems(args).find((a) => a.type === 'keyword_argument' && a.childForFieldName('name')?.text === name) ?? null;
}

/** The first positional argument, or null when the call has none. */
export function firstPositional(args: Node | null): Node | null {
  if (!args || args.type !== 'argument_list') return null;
  const first = argumentItems(args)[0];
  return first && first.type !== 'keyword_argument' && first.type !== 'list_splat' && first.type !== 'dictionary_splat' ? first : null;
}

/**
 * Edits deleting one argument and one of the commas next to it. An argument alone on its line(s)
 * takes the line with it; comments around the argument are kept (deleting them would make the fix
 * unsafe for no reason).
 */
export function removeArgument(source: string, args: Node, arg: Node): Edit[] {
  const items = argumentItems(args);
  const i = items.findIndex((a) => a.id === arg.id);
  const prev = i > 0 ? items[i - 1] : undefined;
  const next = items[i + 1];
  const commaAfter = tokenBetween(args, ',', arg.endIndex, next?.startIndex ?? args.endIndex);
  const end = commaAfter?.endIndex ?? arg.endIndex;

  // Alone on its line(s): drop the lines, or everything up to a trailing comment.
  const lineStart = lineStartOf(source, arg.startIndex);
  if (source.slice(lineStart, arg.startIndex).trim() === '') {
    const eol = lineEndOf(source, end);
    const rest = source.slice(end, eol);
    if (rest.trim() === '') return [{ start: lineStart, end: eol + lineBreakLength(source, eol), text: '' }];
    if (rest.trim().startsWith('#')) return [{ start: arg.startIndex, end: end + (rest.length - rest.trimStart().length), text: '' }];
  }

  if (next && commaAfter) {
    // `f(loop=l, x)`: the argument, its comma and the spaces up to the next one (or to a comment).
    const gap = source.slice(commaAfter.endIndex, next.startIndex);
    const stop = hasComment(args, commaAfter.endIndex, next.startIndex) || /[\r\n]/.test(gap) ? commaAfter.endIndex + (gap.length - gap.replace(/^[ \t]+/, '').length) : next.startIndex;
    return [{ start: arg.startIndex, end: stop, text: '' }];
  }
  // The last argument: take the comma before it along, unless a comment sits in between; a trailing
  // comma goes too, with the spaces after it.
  if (prev && !hasComment(args, prev.endIndex, arg.startIndex)) {
    const spaces = commaAfter ? (/^[ \t]*/.exec(source.slice(end)) ?? [''])[0].length : 0;
    return [{ start: prev.endIndex, end: end + spaces, text: '' }];
  }
  return [{ start: arg.startIndex, end, text: '' }];
}

function tokenBetween(parent: Node, type: string, start: number, end: number): Node | null {
  return parent.children.find((c): c is Node => c !== null && c.type === type && c.startIndex >= start && c.endIndex <= end) ?? null;
}

function hasComment(parent: Node, start: number, end: number): boolean {
  return parent.children.some((c) => c?.type === 'comment' && c.startIndex >= start && c.endIndex <= end);
}

/**
 * An edit adding `text` (an argument, `name=value`) after the last argument, in the layout of the
 * call: `f(a)` → `f(a, text)`; a call with one argument per line gets a line of its own at the same
 * indentation, ending in a comma when the call had a trailing comma. `source` is the file's text,
 * `eol` its line ending.
 */
export function appendArgument(source: string, args: Node, text: string, eol: string): Edit {
  const items = argumentItems(args);
  const last = items[items.length - 1];
  if (!last) return { start: args.startIndex + 1, end: args.startIndex + 1, text };
  const comma = last.nextSibling?.type === ',' ? last.nextSibling : null;
  const exploded = last.startPosition.row > args.startPosition.row && last.endPosition.row < args.endPosition.row;
  if (!exploded) return { start: last.endIndex, end: last.endIndex, text: `, ${text}` };
  const lineStart = lineStartOf(source, last.startIndex);
  const indent = /^[ \t]*/.exec(source.slice(lineStart, last.startIndex))?.[0] ?? '';
  if (comma) return { start: comma.endIndex, end: comma.endIndex, text: `${eol}${indent}${text},` };
  return { start: last.endIndex, end: last.endIndex, text: `,${eol}${indent}${text}` };
}
