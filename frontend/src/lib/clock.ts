/** The current time, in one place so tests and the screens agree on "now". */
export function now(): Date {
  return new Date();
}
