import type { ValidatorErrorObject } from './compiled-validator.js';

/** The message AJV itself would give (the validators are compiled with `messages: false` to stay small). */
export function ajvMessage(error: ValidatorErrorObject): string {
  const { params } = error;
  switch (error.keyword) {
    case 'type':
      return `must be ${String(params.type)}`;
    case 'required':
      return `must have required property '${String(params.missingProperty)}'`;
    case 'enum':
      return 'must be equal to one of the allowed values';
    case 'const':
      return 'must be equal to constant';
    case 'anyOf':
      return 'must match a schema in anyOf';
    case 'readable':
      return `could not be read: ${String(params.reason)}`;
    default:
      return `must pass "${error.keyword}" keyword validation`;
  }
}
