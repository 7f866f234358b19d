import { describe, expect, it } from 'vitest';
import { readJson } from '../support/json.ts';
import { checkConformance } from '../../scripts/sync/conformance.ts';
import { readOpenApiDocument } from '../../scripts/sync/openapi-document.ts';
import { catalog } from '../../harness/schema.ts';
import { sync } from '../../scripts/sync/sync.ts';
import { AS_PUBLISHED, CHANGED, changesAgainst, ROOT } from '../scripts/sync/support.ts';

const OWN_FRAGMENT = `${ROOT}generated/openapi.json`;

describe('conformance through openapi-typescript', () => {
  it('holds the generated types and the generated OpenAPI fragment to agree', async () => {
    const result = await checkConformance(readOpenApiDocument(OWN_FRAGMENT));
    expect(result.problems).toEqual([]);
    expect([result.onlyOurs, result.onlyTheirs]).toEqual([[], []]);
    // One check per event and per details field: a vacuous pass would check nothing.
    expect(result.checked).toBeGreaterThanOrEqual(catalog.length);
  });

  it('names the event and the field where a document disagrees', async () => {
    const result = await checkConformance(readOpenApiDocument(CHANGED));
    const changes = changesAgainst(CHANGED);
    const typeChanges = changes.flatMap((change) =>
      // What the document accepts less of than ours (a narrower type or enum, a new requirement) is a type error.
      change.kind === 'field-changed' && !change.widens && change.aspect !== 'bounds' && 'event' in change.scope ? [{ event: change.scope.event, field: `${change.scope.event}.${change.path}` }] : [],
    );
    const removed = changes.flatMap((change) => (change.kind === 'event-removed' ? [change.type] : []));
    const added = changes.flatMap((change) => (change.kind === 'event-added' ? [change.type] : []));
    expect(result.ok).toBe(false);
    expect(result.problems.filter((problem) => problem.field !== '').map(({ event, field }) => ({ event, field }))).toEqual(typeChanges);
    expect(result.onlyOurs).toEqual(removed);
    expect(result.onlyTheirs).toEqual(added);
  });
});

describe('--conformance agrees with the default mode', () => {
  // As OpenAI's own document, it lacks the event types the schema marks x-sdk: expected in both modes.
  it('on the document as published: exit 0, the same first words, the x-sdk types listed', async () => {
    const run = async (...argv: string[]) => {
      const lines: string[] = [];
      const code = await sync(argv, (line) => lines.push(line));
      return { code, output: lines.join('\n') };
    };
    const [report, conformance] = [await run(AS_PUBLISHED), await run(AS_PUBLISHED, '--conformance')];
    const headline = (output: string) => output.split(/:\n|: /)[0];
    expect([conformance.code, headline(conformance.output)]).toEqual([report.code, headline(report.output)]);
    expect(report.code).toBe(0);
    const absent = changesAgainst(AS_PUBLISHED).flatMap((change) => (change.kind === 'event-absent' ? [change.type] : []));
    expect(absent.length).toBeGreaterThan(0);
    for (const type of absent) expect(conformance.output).toContain(type);
  });
});

describe('generated/openapi.json', () => {
  const document = readJson<{ openapi: string; components: { schemas: Record<string, { enum?: string[]; oneOf?: unknown[] }>; parameters: object } }>(OWN_FRAGMENT);

  it('is an OpenAPI 3.1 document with the log, the page and the parameters', () => {
    expect(document.openapi).toBe('3.1.0');
    expect(Object.keys(document.components.schemas)).toEqual(expect.arrayContaining(['AuditLog', 'AuditLogEventType', 'ListAuditLogsResponse']));
    expect(document.components.schemas.AuditLogEventType?.enum).toEqual(catalog.map((event) => event.type));
    expect(document.components.schemas.AuditLog?.oneOf).toHaveLength(catalog.length);
    expect(Object.keys(document.components.parameters).length).toBeGreaterThan(0);
  });

  it('is in the package exports', () => {
    const pkg = readJson<{ exports: Record<string, unknown> }>(`${ROOT}package.json`);
    expect(pkg.exports['./openapi.json']).toBe('./dist/openapi.json');
  });
});
