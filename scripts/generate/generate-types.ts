/**
 * Builds generated/types.ts: the interfaces of every schema definition (json-schema-to-typescript),
 * then the per-event union members, the `AuditLog` union, the lookup maps and the per-resource
 * sub-unions (ts-morph).
 */
import { compile } from 'json-schema-to-typescript';
import type { InterfaceDeclarationStructure, OptionalKind, SourceFile } from 'ts-morph';
import { createSourceFile, finishSourceFile, generatedHeader, type GeneratedFile } from './generated-file.ts';
import { mapSchema, type JsonSchema } from '../shared/schema-traversal.ts';
import { ENTRY_DEFS, type EventModel, type SchemaModel, type UnionModel } from './model/index.ts';

/**
 * A copy of a definition prepared for json-schema-to-typescript: references become the names of
 * their own interfaces, and open objects without documented fields become `Record<string, unknown>`
 * (documented objects get no index signature: the types describe the documented shape).
 */
function prepareForTypes(node: unknown): unknown {
  return mapSchema(node, (schema) => {
    const { $ref, ...rest } = schema;
    const out = Object.fromEntries(
      Object.entries(rest).filter(([keyword]) => !keyword.startsWith('x-') && keyword !== 'title'),
    );
    if (typeof $ref === 'string') out.tsType = $ref === '#' ? 'AuditLog' : $ref.slice('#/$defs/'.length);
    else if (out.type === 'object' && out.properties === undefined) out.tsType = 'Record<string, unknown>';
    return out;
  });
}

async function interfaceOf(name: string, schema: JsonSchema): Promise<string> {
  return compile(prepareForTypes(schema) as never, name, {
    bannerComment: '',
    additionalProperties: false,
    format: false,
    declareExternallyReferenced: false,
    ignoreMinAndMaxItems: true,
    strictIndexSignatures: true,
  });
}

const literal = (value: string) => JSON.stringify(value);

export async function generateTypes(model: SchemaModel): Promise<GeneratedFile> {
  const { defs, events, resources, groups } = model;
  const file = createSourceFile('generated/types.ts');
  // Every definition but the variants (built below) and AuditLogDetails (the union of details keys),
  // in the schema's order, the endpoint's page and parameters last.
  const endpoint: readonly string[] = ENTRY_DEFS;
  const defNames = [
    ...Object.keys(defs).filter(
      (name) =>
        name !== 'AuditLogDetails' && !endpoint.includes(name) && !events.some((event) => event.variantDef === name),
    ),
    ...endpoint,
  ];
  const interfaces: string[] = [];
  for (const name of defNames) {
    if (!defs[name]) throw new Error(`${model.file}#/$defs/${name}: missing`);
    interfaces.push(await interfaceOf(name, defs[name]));
  }
  // One insertion: ts-morph re-parses the whole file on every insertion.
  file.addStatements(interfaces);

  addVariants(file, events);

  file.addTypeAlias({
    name: 'AuditLog',
    isExported: true,
    type: events.map((event) => event.variantDef).join(' | '),
    docs: [
      `${(model.schema.description as string) ?? ''}\n\nA discriminated union on \`type\`: narrowing on \`log.type\` types the details key.`,
    ],
  });
  file.addInterface({
    name: 'AuditLogEventMap',
    isExported: true,
    docs: ['Each event type mapped to its member of the `AuditLog` union.'],
    properties: events.map((event) => ({ name: literal(event.type), type: event.variantDef })),
  });
  file.addTypeAlias({
    name: 'AuditLogOf',
    isExported: true,
    typeParameters: [{ name: 'T', constraint: 'AuditLogEventType' }],
    type: 'AuditLogEventMap[T]',
    docs: [
      "The member of the `AuditLog` union for one event type (or a union of them): `AuditLogOf<'api_key.created'>`.",
    ],
  });
  file.addInterface({
    name: 'AuditLogDetailsMap',
    isExported: true,
    docs: ["Each event type that has a documented details object, mapped to that object's type."],
    properties: events
      .filter((event) => event.detailsDef)
      .map((event) => ({ name: literal(event.type), type: event.detailsDef! })),
  });
  file.addTypeAlias({
    name: 'AuditLogDetailsOf',
    isExported: true,
    typeParameters: [{ name: 'T', constraint: 'AuditLogEventType' }],
    type: 'T extends keyof AuditLogDetailsMap ? AuditLogDetailsMap[T] : never',
    docs: ['The details object of one event type; `never` for the types that carry none.'],
  });
  addUnions(file, resources, groups);
  return finishSourceFile(file, generatedHeader(model.file));
}

/** One interface per event: the envelope, `type` pinned, and its details key. */
function addVariants(file: SourceFile, events: readonly EventModel[]): void {
  file.addInterfaces(
    events.map((event): OptionalKind<InterfaceDeclarationStructure> => ({
      name: event.variantDef,
      isExported: true,
      extends: ['AuditLogEnvelope'],
      docs: [`${event.description}\n\nAn audit log of type \`${event.type}\`.`],
      properties: [
        { name: 'type', type: literal(event.type), docs: [`Always \`${event.type}\`.`] },
        ...(event.detailsDef
          ? [
              {
                name: literal(event.type),
                hasQuestionToken: true,
                type: event.detailsDef,
                docs: [`Details of the \`${event.type}\` event.`],
              },
            ]
          : []),
      ],
    })),
  );
}

/** The per-resource and per-group sub-unions. */
function addUnions(file: SourceFile, resources: readonly UnionModel[], groups: readonly UnionModel[]): void {
  const listed = (union: UnionModel) => union.events.map((event) => `\`${event.type}\``).join(', ');
  file.addTypeAliases([
    ...resources.map((union) => ({
      name: union.unionName,
      isExported: true,
      type: union.events.map((event) => event.variantDef).join(' | '),
      docs: [`Every audit log about the \`${union.resource}\` resource: ${listed(union)}.`],
    })),
    ...groups.map((union) => ({
      name: union.unionName,
      isExported: true,
      type: union.events.map((event) => event.variantDef).join(' | '),
      docs: [`Every \`${union.resource}.*\` audit log, whatever its resource: ${listed(union)}.`],
    })),
  ]);
  file.addInterface({
    name: 'AuditLogResourceMap',
    isExported: true,
    docs: [
      'The union of every resource (`api_key`) and of every group of resources under one prefix (`tenant`), by its name: what `hasResource(log, name)` narrows to.',
    ],
    properties: [...resources, ...groups].map((union) => ({
      name: JSON.stringify(union.resource),
      type: union.unionName,
    })),
  });
  file.addTypeAlias({
    name: 'AuditLogResource',
    isExported: true,
    docs: ['The name of a resource or of a group of resources: a key of `AuditLogResourceMap`.'],
    type: 'keyof AuditLogResourceMap',
  });
}
