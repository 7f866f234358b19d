import { readFileSync } from 'node:fs';

/** A JSON file's content, typed as the caller expects it (the caller's test checks the expectation). */
export const readJson = <T>(path: string | URL): T => JSON.parse(readFileSync(path, 'utf8')) as T;
