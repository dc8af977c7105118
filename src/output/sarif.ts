// --format sarif: SARIF 2.1.0 for GitHub code scanning, one log on stdout at the end of the run: rules
// with descriptions, help and helpUri; results with relative locations and fixes as artifact replacements.
import { pathToFileURL } from 'node:url';
import type * as Sarif from 'sarif';
import { computeLineStarts, positionAt } from '../common/lines.js';
import { packageInfo } from '../common/package-info.js';
import type { Transform } from '../rule-api/transform.js';
import type { Edit, FileResult, Finding } from '../common/types.js';
import { stillOpen, type Printer, type PrinterOptions } from './printer.js';
import { ruleDocsUrl } from './rule-url.js';
import { Statistics } from './statistics.js';

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

/** Collects results file by file and prints one log at the end. */
export class SarifLog {
  private readonly results: Sarif.Result[] = [];

  constructor(
    private readonly rules: readonly Transform[],
    private readonly version: string,
    private readonly unsafeFixes: boolean,
  ) {}

  /** `display` is relative to the current directory, which is the SRCROOT base of every URI. */
  add(display: string, findings: readonly Finding[], source: string | undefined): void {
    const lines = source !== undefined ? computeLineStarts(source) : undefined;
    const uri = encodeURI(display);
    for (const f of findings) {
      const index = this.rules.findIndex((r) => r.code === f.code);
      const result: Sarif.Result = {
        ruleId: f.code,
        level: 'error',
        message: { text: f.reverted ? `${f.message}\n\n${f.notFixed ?? 'reverted by --verify'}${f.reverted.excerpt ? `\n\n${f.reverted.excerpt}` : ''}` : f.message },
        locations: [{ physicalLocation: { artifactLocation: { uri, uriBaseId: '%SRCROOT%' }, region: region(f.line, f.column, f.endLine, f.endColumn) } }],
      };
      if (index >= 0) result.ruleIndex = index;
      if (f.notFixed !== undefined) result.properties = { notFixed: f.notFixed, ...(f.reverted ? { reverted: f.reverted } : {}) };
      if (f.fix && lines) {
        const fixLines = lines;
        result.fixes = [
          {
            description: { text: f.fix.safety === 'safe' || this.unsafeFixes ? `${f.fix.safety} fix` : 'unsafe fix (applied only with --unsafe-fixes)' },
            artifactChanges: [{ artifactLocation: { uri, uriBaseId: '%SRCROOT%' }, replacements: f.fix.edits.map((e) => replacement(fixLines, e)) }],
          },
        ];
      }
      this.results.push(result);
    }
  }

  toJson(cwdUri: string): Sarif.Log {
    return {
      $schema: SARIF_SCHEMA,
      version: '2.1.0',
      runs: [
        {
          tool: {
            driver: {
              name: 'loopmigrate',
              version: this.version,
              semanticVersion: this.version,
              informationUri: ruleDocsUrl(undefined, this.version),
              rules: this.rules.map((r) => rule(r, this.version)),
            },
          },
          originalUriBaseIds: { '%SRCROOT%': { uri: cwdUri.endsWith('/') ? cwdUri : `${cwdUri}/` } },
          columnKind: 'utf16CodeUnits',
          results: this.results,
        },
      ],
    };
  }
}

export class SarifPrinter implements Printer {
  readonly needsSource = true;
  private readonly log: SarifLog;
  private readonly statistics = new Statistics();

  constructor(private readonly o: PrinterOptions) {
    this.log = new SarifLog(o.rules, packageInfo().version, o.unsafeFixes);
  }

  file(result: FileResult, shown: string): void {
    this.statistics.add(result.findings, this.o.unsafeFixes);
    // Suppressed findings stay out of SARIF: code scanning opens alerts for results that carry
    // `suppressions` unless a repository opts in to treating them as dismissed.
    // Fix regions refer to the text as read; after an in-place rewrite they would point at the wrong bytes.
    this.log.add(shown, stillOpen(result, this.o.mode), this.o.mode === 'fix' && result.fixed !== undefined ? undefined : result.source);
  }

  end(): void {
    this.o.out(JSON.stringify(this.log.toJson(pathToFileURL(process.cwd()).href), null, 2) + '\n');
    if (this.o.statistics && !this.o.quiet) this.o.err(this.statistics.table());
  }
}

function rule(t: Transform, version: string): Sarif.ReportingDescriptor {
  return {
    id: t.code,
    name: t.name,
    shortDescription: { text: t.summary },
    fullDescription: { text: whatItDoes(t.docs) ?? t.summary },
    help: { text: t.docs, markdown: t.docs },
    helpUri: ruleDocsUrl(t.name, version),
    defaultConfiguration: { level: 'error' },
    properties: { fix: t.fixAvailability, minPython: t.minPython, tags: ['asyncio', 'migration'] },
  };
}

/** The paragraph under "## What it does", without markdown line breaks. */
function whatItDoes(docs: string): string | undefined {
  const m = /## What it does\n([\s\S]*?)(?:\n## |$)/.exec(docs);
  return m?.[1]?.trim().replace(/\s*\n\s*/g, ' ') || undefined;
}

function region(startLine: number, startColumn: number, endLine: number, endColumn: number): Sarif.Region {
  return { startLine, startColumn, endLine, endColumn };
}

function replacement(lines: number[], e: Edit): Sarif.Replacement {
  const s = positionAt(lines, e.start);
  const t = positionAt(lines, e.end);
  return { deletedRegion: region(s.line, s.column, t.line, t.column), insertedContent: { text: e.text } };
}
