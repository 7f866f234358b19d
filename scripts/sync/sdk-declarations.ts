/**
 * Reads the audit-log declarations of an installed `openai` package (its
 * `AuditLogListResponse` interface) with the TypeScript checker, and brings them to the
 * comparable form of the canonical schema, so that the sync can tell what the SDK declares that
 * the schema lacks. Anything that makes the package unusable throws an SdkError naming the path.
 */
import { existsSync, readFileSync } from 'node:fs';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { Node, Project, ts, type SourceFile, type Symbol as MorphSymbol, type Type } from 'ts-morph';
import { combineShapes, isObject, MAX_SHAPE_DEPTH, type Shape } from '../shared/schema-shape.ts';

/** Where the package declares the audit logs, relative to the package directory. */
export const DECLARATIONS_FILE = 'resources/admin/organization/audit-logs.d.ts';
/** The interface of one audit log: its `type` union lists the event types, its quoted keys the details. */
const RESPONSE = 'AuditLogListResponse';
/** The query parameters of `list()`, and the page class it returns (an alias of the SDK's cursor page). */
const PARAMS = 'AuditLogListParams';
const PAGE = 'AuditLogListResponsesPage';
/** Where the cursor page and its parameters (`after`, `limit`) are declared, relative to the package directory. */
const PAGINATION_FILE = 'core/pagination.d.ts';

/** Why a directory cannot be read as an `openai` package; `path` is the file at fault. */
export class SdkError extends Error {
  constructor(
    readonly path: string,
    problem: string,
  ) {
    super(`${path}: ${problem}`);
    this.name = 'SdkError';
  }
}

/** What the SDK declares about audit logs, in the schema's comparable form. */
export interface SdkSpec {
  /** The package's version (from its package.json). */
  version: string;
  /** Event types of AuditLogListResponse['type'], in declaration order. */
  eventTypes: string[];
  /** Event type -> its details object, for the event types whose key AuditLogListResponse declares. */
  details: Record<string, Shape>;
  /** `AuditLogListResponse['actor']`, split like the schema's actor components (see `splitActors`). */
  actor?: Shape;
  /** The fields of a page of `list()`, the logs in `data` read as references to the whole log. */
  page?: Shape;
  /** `AuditLogListParams`, its event types read as a reference to the catalog. */
  parameters?: Shape;
}

/**
 * Reads `AuditLogListResponse` of the `openai` package installed at `packageDir` (such as
 * `node_modules/openai`). TypeScript types map to shapes as `shapeOf` normalises JSON Schema:
 * `number` stays `number` (the SDK has no integer), `unknown` is a free-form object, and a
 * union of object types is merged like an `anyOf`.
 */
export function readSdkDeclarations(packageDir: string): SdkSpec {
  const root = resolve(packageDir);
  const version = readVersion(join(root, 'package.json'));
  const file = join(root, DECLARATIONS_FILE);
  if (!existsSync(file)) throw new SdkError(file, 'does not exist (not an openai package with admin audit logs?)');

  const project = new Project({
    skipAddingFilesFromTsConfig: true,
    // Only the API declarations under resources/ are added (see addDeclarations); following the
    // client and core modules as well would load the whole SDK for nothing and triple the time.
    skipFileDependencyResolution: true,
    compilerOptions: {
      strict: true,
      noResolve: true,
      skipLibCheck: true,
      // `Array<T>` is all the declarations need of the standard library.
      lib: ['lib.es5.d.ts'],
      types: [],
      moduleResolution: ts.ModuleResolutionKind.Node10,
    },
  });
  const pagination = join(root, PAGINATION_FILE);
  const source = addDeclarations(
    project,
    file,
    (target) => isInside(join(root, 'resources'), target) || target === pagination,
  );
  const response = source.getInterface(RESPONSE);
  if (!response) throw new SdkError(file, `declares no interface ${RESPONSE}`);

  const reader = new ShapeReader(project, source, file);
  const members = response.getType().getProperties();
  const properties = new Map(members.map((symbol) => [symbol.getName(), symbol]));
  const typeProperty = properties.get('type');
  if (!typeProperty) throw new SdkError(file, `${RESPONSE} has no "type" property`);
  const eventTypes = reader.eventTypes(typeProperty);

  reader.named = { catalog: new Set(eventTypes), log: response.getType().compilerType };

  const details: Record<string, Shape> = {};
  for (const type of eventTypes) {
    const symbol = properties.get(type);
    if (symbol) details[type] = reader.property(symbol, `${RESPONSE}['${type}']`, 0);
  }
  const actor = properties.get('actor');
  const params = source.getInterface(PARAMS);
  const page = source.getTypeAlias(PAGE);
  return {
    version,
    eventTypes,
    details,
    ...(actor ? { actor: reader.property(actor, `${RESPONSE}['actor']`, 0) } : {}),
    ...(page ? { page: reader.typeShape(page.getType(), PAGE) } : {}),
    ...(params ? { parameters: reader.typeShape(params.getType(), PARAMS) } : {}),
  };
}

function readVersion(file: string): string {
  let manifest: unknown;
  try {
    manifest = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new SdkError(file, code === 'ENOENT' ? 'does not exist (not a package directory)' : 'is not valid JSON');
  }
  if (!isObject(manifest) || typeof manifest.version !== 'string')
    throw new SdkError(file, 'has no "version" (not a package manifest)');
  return manifest.version;
}

/**
 * Adds `file` and, transitively, the declarations it imports that `wanted` accepts (those under
 * `resources`, such as `./external-storage.js`, whose provider types a details object uses, and
 * the cursor page). The rest stays out; `noResolve` turns its imports into `any`, which no part
 * compared touches.
 */
function addDeclarations(project: Project, file: string, wanted: (file: string) => boolean): SourceFile {
  const options = project.getCompilerOptions();
  const first = project.addSourceFileAtPath(file);
  const pending = [first];
  for (let source = pending.pop(); source; source = pending.pop()) {
    const specifiers = [...source.getImportDeclarations(), ...source.getExportDeclarations()]
      .map((declaration) => declaration.getModuleSpecifierValue())
      .filter((specifier): specifier is string => specifier?.startsWith('.') === true);
    for (const specifier of specifiers) {
      const target = ts.resolveModuleName(specifier, source.getFilePath(), options, ts.sys).resolvedModule
        ?.resolvedFileName;
      if (!target || !wanted(target) || project.getSourceFile(target)) continue;
      pending.push(project.addSourceFileAtPath(target));
    }
  }
  return first;
}

/** Whether `file` lies under `dir` (a path relative to it neither climbs out nor is absolute, as across drives). */
function isInside(dir: string, file: string): boolean {
  const path = relative(dir, file);
  return path !== '' && path.split(sep)[0] !== '..' && !isAbsolute(path);
}

/** Turns the checker's types into shapes. */
class ShapeReader {
  private readonly checker: ts.TypeChecker;
  /** The object types being expanded, outermost first: meeting one again is a cycle. */
  private readonly expanding = new Set<ts.Type>();
  /**
   * What the schema names rather than inlines: the whole log (the page's `data`) and the catalog
   * (the parameters' `event_types`), read as references as the schema writes them.
   */
  named: { catalog: ReadonlySet<string>; log: ts.Type } | undefined;

  constructor(
    project: Project,
    private readonly source: SourceFile,
    private readonly file: string,
  ) {
    this.checker = project.getTypeChecker().compilerObject;
  }

  /**
   * The string literals of the `type` property, in the order the declaration writes them (the
   * checker orders a union by when it first met each literal, which is not always that).
   */
  eventTypes(symbol: MorphSymbol): string[] {
    const declaration = symbol.getDeclarations()[0];
    const typeNode = Node.isPropertySignature(declaration) ? declaration.getTypeNode() : undefined;
    const members = Node.isUnionTypeNode(typeNode)
      ? typeNode.getTypeNodes().map((node) => node.getType())
      : [symbol.getTypeAtLocation(this.source)];
    const values = new Set<string>();
    for (const type of members.flatMap((member) => (member.isUnion() ? member.getUnionTypes() : [member]))) {
      if (!type.isStringLiteral())
        throw new SdkError(this.file, `${RESPONSE}['type'] is not a union of string literals (${type.getText()})`);
      values.add(type.compilerType.value);
    }
    return [...values];
  }

  /** The shape of a property's type, with its documentation. */
  property(symbol: MorphSymbol, path: string, depth: number): Shape {
    const shape = this.shape(symbol.getTypeAtLocation(this.source), path, depth);
    const description = ts.displayPartsToString(symbol.compilerSymbol.getDocumentationComment(this.checker)).trim();
    return description ? { ...shape, description } : shape;
  }

  /** The shape of a declared type (an interface, a page class). */
  typeShape(type: Type, path: string): Shape {
    return this.shape(type, path, 0);
  }

  private shape(type: Type, path: string, depth: number): Shape {
    if (depth > MAX_SHAPE_DEPTH)
      throw new SdkError(this.file, `${path} nests deeper than ${MAX_SHAPE_DEPTH} levels (a recursive declaration?)`);
    if (this.named && type.compilerType === this.named.log) return { types: [], ref: 'AuditLog' };
    if (this.named && this.isCatalog(type)) return { types: [], ref: 'AuditLogEventType' };
    if (type.isUnion()) return this.union(type.getUnionTypes(), path, depth);
    if (type.isAny()) return { types: [] };
    // What the SDK declares `unknown` is what OpenAI's document leaves a free-form object.
    if (type.isUnknown()) return { types: ['object'] };
    if (type.isNull()) return { types: ['null'] };
    // `undefined` only comes with `?:`, which `required` expresses.
    if (type.isUndefined() || type.isVoid() || type.isNever()) return { types: [] };
    if (type.isString() || type.isTemplateLiteral()) return { types: ['string'] };
    if (type.isNumber()) return { types: ['number'] };
    if (type.isBigInt()) return { types: ['integer'] };
    if (type.isBoolean()) return { types: ['boolean'] };
    if (type.isBooleanLiteral()) return { types: ['boolean'], enum: [type.getText()] };
    if (type.isStringLiteral() || type.isNumberLiteral()) {
      const value = type.getLiteralValue();
      return { types: [typeof value === 'number' ? 'number' : 'string'], enum: [JSON.stringify(value)] };
    }
    if (type.isArray() || type.isReadonlyArray()) {
      const element = type.getArrayElementType() ?? type.getTypeArguments()[0];
      return { types: ['array'], ...(element ? { items: this.shape(element, `${path}[]`, depth + 1) } : {}) };
    }
    if (type.isTuple()) {
      const items = type.getTupleElements().map((element) => this.shape(element, `${path}[]`, depth + 1));
      return { types: ['array'], ...(items.length > 0 ? { items: combineShapes(items) } : {}) };
    }
    if (type.isIntersection()) {
      // A branded primitive (`string & { __brand: ... }`) is that primitive.
      const primitive = type.getIntersectionTypes().find((member) => !member.isObject());
      if (primitive) return this.shape(primitive, path, depth);
    }
    return this.object(type, path, depth);
  }

  /** A union of exactly the catalog's event types (the parameters' `event_types` items). */
  private isCatalog(type: Type): boolean {
    if (!type.isUnion()) return false;
    const members = type.getUnionTypes();
    return (
      members.length === this.named!.catalog.size &&
      members.every((member) => member.isStringLiteral() && this.named!.catalog.has(member.compilerType.value))
    );
  }

  /** `T | null | undefined`, a union of literals, or a union of objects (merged as an `anyOf`). */
  private union(members: Type[], path: string, depth: number): Shape {
    // The checker spells `boolean` as `false | true`: read as such, it would become an enum.
    const literal = (text: string) => members.some((member) => member.isBooleanLiteral() && member.getText() === text);
    const isBoolean = literal('true') && literal('false');
    const shapes = members
      .filter((member) => !member.isUndefined() && !(isBoolean && member.isBooleanLiteral()))
      .map((member) => this.shape(member, path, depth));
    return combineShapes(isBoolean ? [...shapes, { types: ['boolean'] }] : shapes);
  }

  /** An interface or object literal; index signatures alone make a free-form object. */
  private object(type: Type, path: string, depth: number): Shape {
    // A JSON Schema cannot inline a recursive type either (shapeOf refuses reference cycles).
    if (this.expanding.has(type.compilerType))
      throw new SdkError(this.file, `${path} contains itself (${type.getText()}), which cannot be compared`);
    this.expanding.add(type.compilerType);
    const properties: Record<string, Shape> = {};
    const required: string[] = [];
    for (const symbol of type.getProperties().filter(isDataField)) {
      const name = symbol.getName();
      properties[name] = this.property(symbol, `${path}.${name}`, depth + 1);
      if (!symbol.isOptional()) required.push(name);
    }
    this.expanding.delete(type.compilerType);
    if (Object.keys(properties).length === 0) return { types: ['object'] };
    return { types: ['object'], properties, ...(required.length > 0 ? { required: required.sort() } : {}) };
  }
}

/** A field of data: not a method, nor a protected or private member of a class (such as the page's client). */
function isDataField(symbol: MorphSymbol): boolean {
  return symbol.getDeclarations().every((declaration) => {
    if (Node.isMethodDeclaration(declaration) || Node.isMethodSignature(declaration)) return false;
    const flags = ts.getCombinedModifierFlags(declaration.compilerNode as ts.Declaration);
    return (flags & (ts.ModifierFlags.Private | ts.ModifierFlags.Protected)) === 0 && !symbol.getName().startsWith('#');
  });
}
