import { validateEnvelope } from '../generated/validators/envelope.js';
import type { CompiledValidator } from './compiled-validator.js';

/**
 * The check behind every per-event guard: the envelope, the `type`, and that event's own
 * details object when present. Reading the value may run a getter or a Proxy trap; whatever
 * they throw makes the verdict `false` rather than escaping.
 */
export function isVariant(value: unknown, type: string, validateDetails?: CompiledValidator): boolean {
  try {
    if (typeof value !== 'object' || value === null || (value as { type?: unknown }).type !== type) return false;
    if (!validateEnvelope(value)) return false;
    if (validateDetails === undefined) return true;
    const details = (value as Record<string, unknown>)[type];
    return details === undefined || validateDetails(details);
  } catch {
    return false;
  }
}
