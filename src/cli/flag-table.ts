// The README's table of command-line flags, from the definitions yargs gets (src/cli/options.ts):
// `npm run docs` writes it between the marker comments, test/docs.test.ts fails when it is stale.
import { FLAGS, HELP, PATHS, VERSION, type Flag } from './options.js';

export const FLAGS_START = '<!-- flags:start -->';
export const FLAGS_END = '<!-- flags:end -->';

const cell = (text: string): string => text.replace(/\|/g, '\\|');
const code = (text: string): string => `\`${text}\``;

function row(name: string, flag: Flag): string {
  const aliases = flag.alias === undefined ? [] : Array.isArray(flag.alias) ? flag.alias : [flag.alias];
  const type = flag.choices ? flag.choices.map((c: unknown) => code(String(c))).join(', ') : (flag.type ?? '');
  const given = flag.default === undefined ? flag.defaultText : String(flag.default);
  const dflt = given === undefined ? '' : given.includes(' ') ? given : code(given);
  return `| ${code(name + (flag.value === undefined ? '' : ` ${flag.value}`))} | ${aliases.map((a: string) => code(`-${a}`)).join(', ')} | ${cell(type)} | ${cell(dflt)} | ${cell(flag.describe ?? '')} |`;
}

/** The flag table, between the marker comments: the positional paths, every option, --help and --version. */
export function renderFlagTable(): string {
  const rows = [row('paths..', PATHS), ...Object.entries(FLAGS).map(([name, flag]: [string, Flag]) => row(`--${name}`, flag)), row('--help', HELP), row('--version', VERSION)];
  return [FLAGS_START, '| flag | alias | type | default | description |', '|---|---|---|---|---|', ...rows, FLAGS_END].join('\n');
}

/** The README with its flag table replaced; throws when the markers are missing. */
export function updateReadmeFlags(readme: string): string {
  const start = readme.indexOf(FLAGS_START);
  const end = readme.indexOf(FLAGS_END);
  if (start < 0 || end < start) throw new Error(`README.md needs the markers ${FLAGS_START} and ${FLAGS_END} around the flag table`);
  return readme.slice(0, start) + renderFlagTable() + readme.slice(end + FLAGS_END.length);
}
