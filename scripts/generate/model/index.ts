/** The front end and its model: what `npm run generate`, the sync and the tests load the schema through. */
export { checkSchema, loadSchema } from './load.ts';
export * from './model.ts';
export type { FieldModel, NodeModel } from './fields.ts';
export { SCHEMA_RULES, type SchemaRule } from './rules.ts';
