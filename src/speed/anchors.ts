// Where in a file a rule's matches can be: around the occurrences of its anchor names, and of the
// local names that imports bind to them (`from asyncio import get_event_loop as gel`). A rule's query
// runs over those ranges only, instead of over the whole tree: a rule about `get_event_loop` looks at a
// handful of calls, not at every call of a large module.
import { anchorOccurrences, type Text } from '../python/words.js';

/** Ranges closer than this are queried as one: a query call costs more than a few extra nodes. */
const MERGE_GAP = 200;

/**
 * Character ranges, sorted and merged, that contain every occurrence of the names as words and of
 * their import aliases. Occurrences in strings and comments are included: a range too many costs a
 * little time, a range too few would lose a finding.
 */
export function anchorRanges(text: Text, names: readonly string[]): Array<[number, number]> {
  const ranges: Array<[number, number]> = [];
  for (const [start, end] of anchorOccurrences(text, names)) {
    const last = ranges[ranges.length - 1];
    if (last && start - last[1] <= MERGE_GAP) last[1] = end;
    else ranges.push([start, end]);
  }
  return ranges;
}
