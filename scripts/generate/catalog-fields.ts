/** The event catalog as people read it (generated/catalog.ts, docs/events.md): fields flattened to paths. */
import { listFields, schemaLookup, shapeOf } from '../shared/schema-shape.ts';
import type { EventModel, SchemaModel } from './schema-model.ts';

export interface CatalogField {
  /** Path inside the details object: `data.scopes`, `configs[].id`. */
  path: string;
  /** JSON type: `string`, `array of string`, `string | null`, `AuditLogActor`. */
  type: string;
  description: string;
}

export interface CatalogEntry {
  event: EventModel;
  fields: CatalogField[];
}

export function catalogOf(model: SchemaModel): CatalogEntry[] {
  const lookup = schemaLookup(model.defs);
  return model.events.map((event) => ({
    event,
    fields: event.detailsDef
      ? listFields(shapeOf(model.defs[event.detailsDef], lookup)).map((field) => ({
          ...field,
          description: field.description ?? '',
        }))
      : [],
  }));
}
