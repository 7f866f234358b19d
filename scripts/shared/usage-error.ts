/** A command called the wrong way: the scripts report its message in one line and exit with 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}
