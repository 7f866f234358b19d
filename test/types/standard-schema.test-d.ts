/**
 * Our Standard Schemas against the spec's own types (`@standard-schema/spec`, a devDependency):
 * each object is assignable to `StandardSchemaV1` (and the `openai-audit-logs/standard-json-schema`
 * ones to `StandardJSONSchemaV1` too), `InferOutput` gives our type, and our copy of the interfaces
 * is the spec's.
 */
import type { StandardJSONSchemaV1 as SpecJSONSchema, StandardSchemaV1 as Spec } from '@standard-schema/spec';
import { describe, expectTypeOf, it } from 'vitest';
import type {
  AnyAuditLog,
  ApiKeyCreatedAuditLog,
  AuditLog,
  AuditLogOf,
  ListAnyAuditLogsResponse,
  TenantUserAddedAuditLog,
} from '../../src/index.ts';
import {
  anyAuditLogSchema,
  apiKeyCreatedSchema,
  auditLogSchema,
  auditLogSchemaFor,
  listAuditLogsResponseSchema,
  type StandardSchemaV1,
} from '../../src/standard-schema.ts';
import * as withJsonSchema from '../../src/standard-json-schema.ts';

describe('the root entry', () => {
  it('each schema is a StandardSchemaV1 of the spec', () => {
    expectTypeOf(auditLogSchema).toExtend<Spec>();
    expectTypeOf(anyAuditLogSchema).toExtend<Spec>();
    expectTypeOf(listAuditLogsResponseSchema).toExtend<Spec>();
    expectTypeOf(apiKeyCreatedSchema).toExtend<Spec>();
    expectTypeOf(auditLogSchemaFor('api_key.created')).toExtend<Spec>();
  });

  it('InferOutput (and InferInput) is our type', () => {
    expectTypeOf<Spec.InferOutput<typeof auditLogSchema>>().toEqualTypeOf<AuditLog>();
    expectTypeOf<Spec.InferOutput<typeof anyAuditLogSchema>>().toEqualTypeOf<AnyAuditLog>();
    expectTypeOf<Spec.InferOutput<typeof listAuditLogsResponseSchema>>().toEqualTypeOf<ListAnyAuditLogsResponse>();
    expectTypeOf<Spec.InferOutput<typeof apiKeyCreatedSchema>>().toEqualTypeOf<ApiKeyCreatedAuditLog>();
    expectTypeOf(auditLogSchemaFor('tenant.user.added')).toEqualTypeOf<StandardSchemaV1<TenantUserAddedAuditLog>>();
    type ForType = ReturnType<typeof auditLogSchemaFor<'tenant.user.added'>>;
    expectTypeOf<Spec.InferOutput<ForType>>().toEqualTypeOf<TenantUserAddedAuditLog>();
    expectTypeOf<Spec.InferInput<typeof auditLogSchema>>().toEqualTypeOf<AuditLog>();
  });

  it('auditLogSchemaFor takes a union of types and only catalog types', () => {
    type Either = ReturnType<typeof auditLogSchemaFor<'api_key.created' | 'api_key.deleted'>>;
    expectTypeOf<Spec.InferOutput<Either>>().toEqualTypeOf<AuditLogOf<'api_key.created' | 'api_key.deleted'>>();
    // @ts-expect-error not an event type of the catalog
    auditLogSchemaFor('brand_new.event');
  });

  it('validate returns the spec result, synchronously', () => {
    const result = auditLogSchema['~standard'].validate({});
    expectTypeOf(result).toExtend<Spec.Result<AuditLog> | Promise<Spec.Result<AuditLog>>>();
  });

  it('our copy of the interfaces is the spec', () => {
    expectTypeOf<StandardSchemaV1<AuditLog>>().toEqualTypeOf<Spec<AuditLog>>();
    expectTypeOf<StandardSchemaV1.Issue>().toEqualTypeOf<Spec.Issue>();
    expectTypeOf<StandardSchemaV1.Result<AuditLog>>().toEqualTypeOf<Spec.Result<AuditLog>>();
    expectTypeOf<withJsonSchema.StandardJSONSchemaV1.Options>().toEqualTypeOf<SpecJSONSchema.Options>();
  });

  it('control: a schema of another output is told apart', () => {
    expectTypeOf<Spec.InferOutput<typeof apiKeyCreatedSchema>>().not.toEqualTypeOf<AuditLog>();
    // @ts-expect-error the output is an audit log, not a string
    const wrong: Spec<unknown, string> = auditLogSchema;
    void wrong;
    // @ts-expect-error the root entry's schemas carry no JSON Schema
    const noJson: SpecJSONSchema = auditLogSchema;
    void noJson;
  });
});

describe('openai-audit-logs/standard-json-schema', () => {
  it('each schema is a StandardSchemaV1 and a StandardJSONSchemaV1 of the spec', () => {
    for (const schema of [
      withJsonSchema.auditLogSchema,
      withJsonSchema.anyAuditLogSchema,
      withJsonSchema.listAuditLogsResponseSchema,
      withJsonSchema.auditLogSchemaFor('api_key.created'),
    ]) {
      expectTypeOf(schema).toExtend<Spec>();
      expectTypeOf(schema).toExtend<SpecJSONSchema>();
    }
  });

  it('InferOutput is our type', () => {
    expectTypeOf<SpecJSONSchema.InferOutput<typeof withJsonSchema.auditLogSchema>>().toEqualTypeOf<AuditLog>();
    expectTypeOf<
      Spec.InferOutput<typeof withJsonSchema.listAuditLogsResponseSchema>
    >().toEqualTypeOf<ListAnyAuditLogsResponse>();
    expectTypeOf(withJsonSchema.auditLogSchemaFor('api_key.created')).toEqualTypeOf<
      withJsonSchema.StandardSchemaWithJsonSchema<ApiKeyCreatedAuditLog>
    >();
  });

  it('jsonSchema.output takes the spec options', () => {
    expectTypeOf(withJsonSchema.auditLogSchema['~standard'].jsonSchema.output)
      .parameter(0)
      .toEqualTypeOf<SpecJSONSchema.Options>();
  });
});
