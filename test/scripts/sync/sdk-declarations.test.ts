/**
 * The SDK's audit-log declarations in comparable form: the installed `openai` packages (7.x as
 * `openai`, 6.x as `openai-v6`), checked against what their declaration files say, and small
 * hand-written packages for each mapping rule and each way a directory can be unusable.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Shape } from '../../../scripts/shared/schema-shape.ts';
import { DECLARATIONS_FILE, readSdkDeclarations, SdkError } from '../../../scripts/sync/sdk-declarations.ts';
import { runCases } from '../../support/cases.ts';
import { readJson } from '../../support/json.ts';
import { temporaryDirectories } from '../../support/temporary.ts';

const temporaryDirectory = temporaryDirectories();

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const V7 = join(ROOT, 'node_modules/openai');
const V6 = join(ROOT, 'node_modules/openai-v6');
const v7 = readSdkDeclarations(V7);
const v6 = readSdkDeclarations(V6);

/** A shape without descriptions, which ride along but are never compared. */
function bare(shape: Shape): Shape {
  const { description: _description, properties, items, ...rest } = shape;
  return {
    ...rest,
    ...(properties
      ? { properties: Object.fromEntries(Object.entries(properties).map(([name, sub]) => [name, bare(sub)])) }
      : {}),
    ...(items ? { items: bare(items) } : {}),
  };
}

/** The field at a dotted `path` of a details shape (`''` for the details object itself). */
function field(details: Record<string, Shape>, event: string, path: string): Shape | undefined {
  const steps = path === '' ? [] : path.split('.');
  return steps.reduce<Shape | undefined>((shape, step) => shape?.properties?.[step], details[event]);
}

/**
 * What the declaration file says, read as text: an independent account of the event types (the
 * `type` union of the interface, in order) and the quoted keys of the interface's properties.
 */
function declaredInText(packageDir: string): { eventTypes: string[]; keys: string[] } {
  const text = readFileSync(join(packageDir, DECLARATIONS_FILE), 'utf8');
  const body = text.slice(text.indexOf('export interface AuditLogListResponse {'));
  const interfaceBody = body.slice(0, body.indexOf('\n}'));
  const union = /^ {4}type: (.*);$/m.exec(interfaceBody)![1]!;
  return {
    eventTypes: [...union.matchAll(/'([^']+)'/g)].map((match) => match[1]!),
    keys: [...interfaceBody.matchAll(/^ {4}'([^']+)'\?:/gm)].map((match) => match[1]!),
  };
}

describe('openai 7.x (node_modules/openai)', () => {
  it('reports the version of its package.json', () => {
    expect(v7.version).toBe(readJson<{ version: string }>(join(V7, 'package.json')).version);
  });

  it('lists the event types of the `type` union in declaration order, the new ones included', () => {
    expect(v7.eventTypes).toEqual(declaredInText(V7).eventTypes);
    expect(v7.eventTypes).toEqual(
      expect.arrayContaining([
        'external_storage.registered',
        'external_storage.removed',
        'tenant.trusted_access.business_verification.started',
        'tenant.trusted_access.application.submitted',
      ]),
    );
  });

  it('has details for exactly the event types the interface has a key for', () => {
    const { eventTypes, keys } = declaredInText(V7);
    expect(Object.keys(v7.details).sort()).toEqual(keys.filter((key) => eventTypes.includes(key)).sort());
    expect(v7.details).not.toHaveProperty(['tenant.user.added']);
  });

  it('merges a union of objects (the storage providers) into one object whose discriminator lists every value', () => {
    const provider = field(v7.details, 'external_storage.registered', 'data.provider')!;
    expect(provider.types).toEqual(['object']);
    expect(Object.keys(provider.properties!)).toEqual(expect.arrayContaining(['role_arn', 'tenancy_ocid', 'type']));
    expect(bare(provider.properties!.type!)).toEqual({
      types: ['string'],
      enum: ['"aws"', '"azure"', '"gcp"', '"oci"'],
    });
    // As shapeOf folds anyOf branches: a field one provider requires counts as required.
    expect(provider.required).toEqual(expect.arrayContaining(['role_arn', 'tenancy_ocid', 'type']));
  });

  describe('fields', () => {
    runCases<[event: string, path: string], Shape | undefined>(
      [
        [
          'a union of string literals: an enum of JSON-encoded, sorted values',
          {
            given: ['role.bound_to_resource', 'source'],
            want: {
              types: ['string'],
              enum: [
                '"connector_publish"',
                '"role_connector_update"',
                '"role_delete"',
                '"role_toggle"',
                '"workspace_permissions"',
              ],
            },
          },
        ],
        [
          'Array<string>',
          { given: ['api_key.created', 'data.scopes'], want: { types: ['array'], items: { types: ['string'] } } },
        ],
        [
          'boolean (which the checker spells false | true)',
          { given: ['role.bound_to_resource', 'enabled'], want: { types: ['boolean'] } },
        ],
        [
          'unknown: a free-form object',
          { given: ['role.updated', 'changes_requested.metadata'], want: { types: ['object'] } },
        ],
        [
          'details declared unknown: a free-form object',
          { given: ['login.succeeded', ''], want: { types: ['object'] } },
        ],
      ],
      ([event, path]) => {
        const shape = field(v7.details, event, path);
        return shape && bare(shape);
      },
    );
  });

  it('carries the documentation of a field as its description', () => {
    expect(field(v7.details, 'api_key.created', 'data.scopes')?.description).toMatch(/\S/);
  });

  it('reads the same twice, key order included', () => {
    expect(JSON.stringify(readSdkDeclarations(V7))).toBe(JSON.stringify(v7));
  });
});

describe('openai 6.x (node_modules/openai-v6)', () => {
  it('reads, and declares no event type that 7.x lacks', () => {
    expect(v6.version.split('.')[0]).toBe('6');
    expect(v6.eventTypes).toEqual(declaredInText(V6).eventTypes);
    expect(v6.eventTypes.filter((type) => !v7.eventTypes.includes(type))).toEqual([]);
    // The two packages do differ, so each version's own file was read.
    expect(v7.eventTypes.filter((type) => !v6.eventTypes.includes(type))).not.toEqual([]);
  });
});

runCases(
  [
    ['7.x: every details key is an event type', { given: v7, want: [] }],
    ['6.x: every details key is an event type', { given: v6, want: [] }],
  ],
  (spec) => Object.keys(spec.details).filter((type) => !spec.eventTypes.includes(type)),
);

/** A package directory named `openai` with these files under resources/admin/organization/. */
function fakePackage(
  files: Record<string, string>,
  manifest: object | undefined = { name: 'openai', version: '0.0.0' },
) {
  const dir = temporaryDirectory('audit-log-sdk-');
  if (manifest) writeFileSync(join(dir, 'package.json'), JSON.stringify(manifest));
  for (const [name, text] of Object.entries(files)) {
    const file = join(dir, dirname(DECLARATIONS_FILE), name);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, text);
  }
  return dir;
}

describe('mapping rules, on a hand-written package', () => {
  const dir = fakePackage({
    'audit-logs.d.ts': `
      import * as Shared from './shared.js';
      export interface AuditLogListResponse {
        id: string;
        type: 'b.second' | 'a.first' | 'c.third';
        'a.first'?: AuditLogListResponse.AFirst;
        'b.second'?: unknown;
        'not.an.event'?: string;
      }
      export declare namespace AuditLogListResponse {
        interface AFirst {
          /** Hand-written documentation. */
          id: string;
          count?: number;
          enabled?: boolean | null;
          only_true?: true;
          level?: 1 | 2;
          names?: string[];
          frozen?: ReadonlyArray<string>;
          matrix?: Array<Array<number>>;
          labels?: { [key: string]: string };
          nested?: AFirst.Nested;
          target?: Shared.Bucket | Shared.Queue | null;
        }
        namespace AFirst {
          interface Nested {
            kind: 'x' | 'y';
            note?: string | null;
          }
        }
      }
    `,
    'shared.d.ts': `
      export interface Bucket { type: 'bucket'; name: string; region?: string }
      export interface Queue { type: 'queue'; name: string; depth: number }
    `,
  });
  const spec = readSdkDeclarations(dir);

  it('keeps the declaration order of the event types, and details only for event types', () => {
    expect(spec.eventTypes).toEqual(['b.second', 'a.first', 'c.third']);
    expect(Object.keys(spec.details)).toEqual(['b.second', 'a.first']);
  });

  runCases(
    [
      ['string, required', { given: 'id', want: { types: ['string'] } }],
      ['number', { given: 'count', want: { types: ['number'] } }],
      ['boolean | null', { given: 'enabled', want: { types: ['boolean', 'null'] } }],
      ['a boolean literal', { given: 'only_true', want: { types: ['boolean'], enum: ['true'] } }],
      ['number literals', { given: 'level', want: { types: ['number'], enum: ['1', '2'] } }],
      ['T[]', { given: 'names', want: { types: ['array'], items: { types: ['string'] } } }],
      ['ReadonlyArray<T>', { given: 'frozen', want: { types: ['array'], items: { types: ['string'] } } }],
      [
        'Array<Array<T>>',
        { given: 'matrix', want: { types: ['array'], items: { types: ['array'], items: { types: ['number'] } } } },
      ],
      ['an index signature: a free-form object', { given: 'labels', want: { types: ['object'] } }],
      [
        'an interface of a nested namespace',
        {
          given: 'nested',
          want: {
            types: ['object'],
            properties: { kind: { types: ['string'], enum: ['"x"', '"y"'] }, note: { types: ['null', 'string'] } },
            required: ['kind'],
          },
        },
      ],
      [
        'a union of imported objects, or null: merged as anyOf branches',
        {
          given: 'target',
          want: {
            types: ['null', 'object'],
            properties: {
              type: { types: ['string'], enum: ['"bucket"', '"queue"'] },
              name: { types: ['string'] },
              region: { types: ['string'] },
              depth: { types: ['number'] },
            },
            required: ['depth', 'name', 'type'],
          },
        },
      ],
    ],
    (name) => bare(spec.details['a.first']!.properties![name]!),
  );

  it('lists the required fields of an object, sorted', () => {
    expect(spec.details['a.first']!.required).toEqual(['id']);
  });

  it('takes a description from the documentation comment', () => {
    expect(spec.details['a.first']!.properties!.id!.description).toBe('Hand-written documentation.');
  });
});

describe('unusable directories', () => {
  const empty = temporaryDirectory('audit-log-sdk-empty-');
  const noInterface = fakePackage({ 'audit-logs.d.ts': 'export interface Other { type: "a" }\n' });
  const stringType = fakePackage({ 'audit-logs.d.ts': 'export interface AuditLogListResponse { type: string }\n' });
  const recursive = fakePackage({
    'audit-logs.d.ts': `
      export interface AuditLogListResponse { type: 'tree.grown'; 'tree.grown'?: Tree }
      interface Tree { children?: Tree[] }
    `,
  });
  const noVersion = fakePackage({}, { name: 'openai' });
  const declarations = (dir: string) => join(dir, DECLARATIONS_FILE);

  runCases(
    [
      ['a directory without package.json', { given: empty, want: { path: join(empty, 'package.json') } }],
      ['a manifest without a version', { given: noVersion, want: { path: join(noVersion, 'package.json') } }],
      [
        'another package (yaml)',
        { given: join(ROOT, 'node_modules/yaml'), want: { path: declarations(join(ROOT, 'node_modules/yaml')) } },
      ],
      ['declarations without AuditLogListResponse', { given: noInterface, want: { path: declarations(noInterface) } }],
      ['a `type` that is not a union of literals', { given: stringType, want: { path: declarations(stringType) } }],
      ['a recursive details type', { given: recursive, want: { path: declarations(recursive) } }],
    ],
    (dir) => {
      try {
        readSdkDeclarations(dir);
        return { path: '(read without error)' };
      } catch (error) {
        if (!(error instanceof SdkError)) throw error;
        // The message names the file at fault, first.
        expect(error.message.startsWith(`${error.path}: `)).toBe(true);
        return { path: error.path };
      }
    },
  );

  it('says what is wrong', () => {
    expect(() => readSdkDeclarations(noInterface)).toThrow(/declares no interface AuditLogListResponse/);
    expect(() => readSdkDeclarations(stringType)).toThrow(/is not a union of string literals/);
    expect(() => readSdkDeclarations(recursive)).toThrow(/tree\.grown'\]\.children\[\] contains itself/);
  });
});
