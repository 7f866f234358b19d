/**
 * Builds generated/ocsf.ts from the compiled OCSF schema (schema/ocsf-1.8.0.schema.json, written
 * by `npm run ocsf`): one TypeScript interface per OCSF class `toOcsf` emits (`OcsfAuthentication`,
 * ...) and per object it writes (`OcsfUser`, ...), the union of the classes, and `OCSF_CLASSES`,
 * the names OCSF gives each class, its category and its activities (for `class_name`,
 * `activity_name` and the like).
 */
import { compile } from 'json-schema-to-typescript';
import { VariableDeclarationKind } from 'ts-morph';
import { pascalCase } from '../../src/internal.ts';
import { createSourceFile, finishSourceFile, generatedHeader, type GeneratedFile } from './generated-file.ts';

type Json = { [key: string]: unknown };

export const OCSF_SCHEMA = 'schema/ocsf-1.8.0.schema.json';

/** `class.authentication` -> `OcsfAuthentication`, `object.network_endpoint` -> `OcsfNetworkEndpoint`. */
export const ocsfTypeName = (def: string) => `Ocsf${pascalCase(def.slice(def.indexOf('.') + 1))}`;

/** A copy for json-schema-to-typescript: references by type name, no annotations, no constraints. */
function prepare(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(prepare);
  if (typeof node !== 'object' || node === null) return node;
  const out: Json = {};
  for (const [key, value] of Object.entries(node as Json)) {
    if (key.startsWith('x-') || ['title', 'anyOf', 'oneOf', '$comment'].includes(key)) continue;
    if (key === '$ref') out.tsType = ocsfTypeName((value as string).replace('#/$defs/', ''));
    else if (key === 'properties')
      out.properties = Object.fromEntries(Object.entries(value as Json).map(([name, sub]) => [name, prepare(sub)]));
    else out[key] = key === 'enum' || key === 'const' ? value : prepare(value);
  }
  if (out.type === 'object' && out.properties === undefined && out.tsType === undefined)
    out.tsType = 'Record<string, unknown>';
  return out;
}

export async function generateOcsf(ocsf: Json): Promise<GeneratedFile> {
  const defs = ocsf.$defs as Record<string, Json>;
  const file = createSourceFile('generated/ocsf.ts');
  const interfaces: string[] = [];
  for (const [name, def] of Object.entries(defs)) {
    const text = await compile(prepare(def) as never, ocsfTypeName(name), {
      bannerComment: '',
      additionalProperties: false,
      format: false,
      declareExternallyReferenced: false,
      strictIndexSignatures: true,
    });
    interfaces.push(text);
  }
  file.addStatements(interfaces.join('\n'));
  const classes = Object.entries(ocsf['x-ocsf-classes'] as Record<string, string>);
  file.addTypeAlias({
    name: 'OcsfEvent',
    isExported: true,
    docs: ['Any OCSF event `toOcsf` returns: one of the classes the meaning rule names.'],
    type: classes.map(([, ref]) => ocsfTypeName(ref.replace('#/$defs/', ''))).join(' | '),
  });
  const names = Object.fromEntries(
    classes.map(([uid, ref]) => {
      const def = defs[ref.replace('#/$defs/', '')]!;
      const category = def['x-ocsf-category'] as Json;
      const activities = ((def.properties as Json).activity_id as Json)['x-ocsf-captions'];
      return [uid, { name: def.title, category: { uid: category.uid, name: category.caption }, activities }];
    }),
  );
  file.addVariableStatement({
    isExported: true,
    declarationKind: VariableDeclarationKind.Const,
    docs: [
      `The OCSF ${String(ocsf['x-ocsf-version'])} names of each class we emit, its category and its activities, by class uid.`,
    ],
    declarations: [
      {
        name: 'OCSF_CLASSES',
        type: 'Readonly<Record<number, { name: string; category: { uid: number; name: string }; activities: Readonly<Record<number, string>> }>>',
        initializer: JSON.stringify(names, null, 2),
      },
    ],
  });
  return finishSourceFile(file, generatedHeader(OCSF_SCHEMA));
}
