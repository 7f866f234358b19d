/**
 * The bundle-size budgets, computed from the catalog so that a new event type never needs a
 * budget edited: a fixed part (the dispatcher, the envelope's compiled checks, the rest of the
 * runtime) plus an allowance per event type (its name in the catalog list and the lookup
 * tables; for the whole runtime also its guard and its Standard Schema) and per details shape
 * (one compiled validator module, shared by every event with that shape). The budgets are what
 * the code measures today plus a few percent, so that growth is a decision; each also carries
 * the size the project aims for at today's catalog (`target`), which `npm run bench` reports as
 * met or missed. Used by test/harness/size-budget.test.ts (asserted) and by `npm run bench`.
 */
import { fileURLToPath } from 'node:url';
import { validatorParts } from '../scripts/generate/validators/layout.ts';
import { loadSchema, type SchemaModel } from '../scripts/generate/model/index.ts';
import { bundle, gzippedBytes } from './bundle.ts';
import type { SizeResult } from './bench-results.ts';

export interface CatalogSize {
  eventTypes: number;
  /** Event types that carry a details object. */
  detailsKeys: number;
  /** Distinct details shapes: one compiled module each (generated/validators/shapes/). */
  detailsShapes: number;
}

/** The counts the budgets grow with, read from a checked schema the way the generator reads it. */
export function catalogSize(model: SchemaModel): CatalogSize {
  const details = validatorParts(model).filter((part) => part.event !== undefined);
  return {
    eventTypes: model.events.length,
    detailsKeys: details.length,
    detailsShapes: new Set(details.map((part) => JSON.stringify(part.schema))).size,
  };
}

interface Allowance {
  fixed: number;
  perType: number;
  perShape: number;
}

/**
 * Bytes gzipped. Measured on this codebase: an event type adds about 30 bytes to the whole
 * runtime and 5 to isAuditLog (the 2x clone of the scale run), a details shape 100 to 130. The
 * error cap, the read-once envelope, the formatter that never throws and the cheaper suggestions
 * (issue 23) added about 500 (14,218 bytes at 149 types); the fixed part keeps a margin for them.
 * `hasResource` and the dual-package `instanceof` (issue 22) added 110 (14,598 to 14,708 bytes),
 * the documented fields of every `anyOf` branch about 60, and actorOf (issue 22) about 600 (643
 * bytes alone): 15,247 bytes at 149 types. The fixed part keeps about 180 bytes of margin, since
 * the catch-up workflow's new event (a new resource and shape) adds about 270 to the whole entry.
 */
const WHOLE: Allowance = { fixed: 7200, perType: 32, perShape: 112 };
const IS_AUDIT_LOG: Allowance = { fixed: 2576, perType: 6, perShape: 80 };
/**
 * The collector (`openai-audit-logs/pull`) validates every log with parseAuditLog, so it grows with
 * the catalog as the whole runtime does; its fixed part adds the loop, retries and state (about 4 KiB),
 * and the validation additions of issue 23, as in the whole runtime's.
 */
const PULL: Allowance = { fixed: 5120, perType: 32, perShape: 112 };
/**
/**
 * The ECS mapper (`openai-audit-logs/ecs`, issue 18): the mapper, actorOf and the meaning rule
 * (about 3 KiB), and the catalog's meaning table, about 12 bytes gzipped per event type.
 */
const ECS: Allowance = { fixed: 3400, perType: 14, perShape: 0 };
/**
 * The OCSF mapper (`openai-audit-logs/ocsf`, issue 18): toOcsf, actorOf and the OCSF names of the
 * six IAM classes (about 2.7 KiB), and the meaning table, about 13 bytes an event type (5,563
 * bytes at 149 types). No validator: it maps logs that were validated.
 */
const OCSF: Allowance = { fixed: 3584, perType: 16, perShape: 0 };
/** One guard pulls the envelope, its own details validator and the guard helper: no catalog term. */
const ONE_GUARD: Allowance = { fixed: 2048, perType: 0, perShape: 0 };

/** What the project aims for (issue 13; the collector: the whole runtime's aim and 2 KiB; each mapper: 6 KiB), in bytes gzipped, at the catalog of 149 types. */
const TARGETS = {
  whole: 11 * 1024,
  isAuditLog: 5 * 1024,
  oneGuard: 2 * 1024,
  pull: 13 * 1024,
  ocsf: 6 * 1024,
  ecs: 6 * 1024,
} as const;

export interface SizeBudget {
  name: string;
  /** The entry module, resolved from the repository root. */
  entry: string;
  budget: number;
  formula: string;
  /** The size aimed for at today's catalog. */
  target: number;
}

function budgetOf(allowance: Allowance, size: CatalogSize): { budget: number; formula: string } {
  const budget = allowance.fixed + allowance.perType * size.eventTypes + allowance.perShape * size.detailsShapes;
  const formula =
    allowance.perType === 0 && allowance.perShape === 0
      ? `${allowance.fixed}`
      : `${allowance.fixed} + ${allowance.perType} x ${size.eventTypes} types + ${allowance.perShape} x ${size.detailsShapes} shapes`;
  return { budget, formula };
}

export function sizeBudgets(size: CatalogSize): SizeBudget[] {
  return [
    {
      name: 'the whole runtime entry',
      entry: "export * from './src/index.ts';",
      ...budgetOf(WHOLE, size),
      target: TARGETS.whole,
    },
    {
      name: 'isAuditLog alone',
      entry: "export { isAuditLog } from './src/index.ts';",
      ...budgetOf(IS_AUDIT_LOG, size),
      target: TARGETS.isAuditLog,
    },
    {
      name: 'isApiKeyCreated alone',
      entry: "export { isApiKeyCreated } from './src/index.ts';",
      ...budgetOf(ONE_GUARD, size),
      target: TARGETS.oneGuard,
    },
    {
      name: 'the OCSF mapper entry (openai-audit-logs/ocsf)',
      entry: "export * from './src/ocsf.ts';",
      ...budgetOf(OCSF, size),
      target: TARGETS.ocsf,
    },
    {
      name: 'the collector entry (openai-audit-logs/pull)',
      entry: "export * from './src/pull.ts';",
      ...budgetOf(PULL, size),
      target: TARGETS.pull,
    },
    {
      name: 'the ECS mapper entry (openai-audit-logs/ecs)',
      entry: "export * from './src/ecs.ts';",
      ...budgetOf(ECS, size),
      target: TARGETS.ecs,
    },
  ];
}

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** The canonical catalog's counts. */
export const canonicalCatalogSize = (): CatalogSize => catalogSize(loadSchema(undefined, ROOT));

/** Bundles every budgeted entry from `root` (the repository by default) and measures it. */
export async function measureSizes(size: CatalogSize = canonicalCatalogSize(), root = ROOT): Promise<SizeResult[]> {
  const results: SizeResult[] = [];
  for (const { name, entry, budget, formula, target } of sizeBudgets(size)) {
    results.push({ name, bytes: gzippedBytes(await bundle(entry, root)), budget, formula, target });
  }
  return results;
}
