/** A deep copy of JSON data (state and seeds are plain JSON). */
export function clone<T>(value: T): T {
  return JSON.parse(JSON.stringify(value));
}

/** The object without its undefined members: EKS omits absent optional members. */
export function compact<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
