/**
 * The smallest schema every rule accepts, with something for each generator to print: two events,
 * one with a details object (a nested object, an array, an `anyOf` of two shapes told apart by a
 * field, an observed field), one without; an envelope with a nullable actor; the page and its
 * query parameters.
 */
const described = (description: string, schema: Record<string, unknown>) => ({ description, ...schema });

export const TINY_SCHEMA = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'https://example.test/tiny.schema.json',
  title: 'AuditLog',
  description: 'Two event types, to pin what each generator prints.',
  $ref: '#/$defs/AuditLogDetails',
  oneOf: [{ $ref: '#/$defs/ApiKeyCreatedAuditLog' }, { $ref: '#/$defs/LoginFailedAuditLog' }],
  $defs: {
    AuditLogEventType: described('Every event type.', { type: 'string', enum: ['api_key.created', 'login.failed'] }),
    AuditLogEnvelope: described('Fields every log has.', {
      type: 'object',
      required: ['id', 'type'],
      properties: {
        id: described('The log.', { type: 'string' }),
        type: described('What happened.', { $ref: '#/$defs/AuditLogEventType' }),
        effective_at: described('When, in Unix seconds.', { type: 'integer' }),
        actor: described('Who, or null.', { anyOf: [{ $ref: '#/$defs/AuditLogActor' }, { type: 'null' }] }),
      },
    }),
    AuditLogActor: described('Who acted.', {
      type: 'object',
      properties: { type: described('How.', { type: 'string', enum: ['session', 'api_key'] }) },
    }),
    ApiKeyCreatedDetails: described('Details of a new key.', {
      type: 'object',
      properties: {
        id: described('The key.', { type: 'string' }),
        scopes: described('What it may do.', { type: 'array', items: { type: 'string' } }),
        owner: described('Who owns it.', {
          anyOf: [{ $ref: '#/$defs/ApiKeyUserOwner' }, { $ref: '#/$defs/ApiKeyProjectOwner' }],
        }),
        note: described('Seen in payloads.', { type: 'string', 'x-observed': true }),
      },
    }),
    ApiKeyUserOwner: described('A user.', {
      type: 'object',
      required: ['kind'],
      properties: {
        kind: described('Always user.', { const: 'user' }),
        email: described('Email.', { type: 'string' }),
      },
    }),
    ApiKeyProjectOwner: described('A project.', {
      type: 'object',
      required: ['kind'],
      properties: {
        kind: described('Always project.', { const: 'project' }),
        project_id: described('Project.', { type: 'string' }),
      },
    }),
    ApiKeyCreatedAuditLog: {
      description: 'An API key was created.',
      'x-resource': 'api_key',
      'x-action': 'created',
      $ref: '#/$defs/AuditLogEnvelope',
      required: ['type'],
      properties: {
        type: described('Always `api_key.created`.', { const: 'api_key.created' }),
        'api_key.created': described('Its details.', { $ref: '#/$defs/ApiKeyCreatedDetails' }),
      },
    },
    LoginFailedAuditLog: {
      description: 'A sign-in failed.',
      'x-resource': 'login',
      'x-action': 'failed',
      $ref: '#/$defs/AuditLogEnvelope',
      required: ['type'],
      properties: { type: described('Always `login.failed`.', { const: 'login.failed' }) },
    },
    AuditLogDetails: described('Every details object by key.', {
      type: 'object',
      properties: { 'api_key.created': described('Its details.', { $ref: '#/$defs/ApiKeyCreatedDetails' }) },
    }),
    ListAuditLogsResponse: described('One page.', {
      type: 'object',
      required: ['object', 'data'],
      properties: {
        object: described('Always `list`.', { const: 'list' }),
        data: described('The logs.', { type: 'array', items: { $ref: '#' } }),
        last_id: described('The cursor, or null.', { type: ['string', 'null'] }),
      },
    }),
    ListAuditLogsParams: described('Query parameters.', {
      type: 'object',
      properties: {
        event_types: described('Only these.', { type: 'array', items: { $ref: '#/$defs/AuditLogEventType' } }),
        limit: described('Page size.', { type: 'integer', minimum: 1, maximum: 100, default: 20 }),
      },
    }),
  },
};
