/**
 * Memoises an async lookup per key for `ttlMs` (failures are not kept). For catalogue data that
 * changes rarely and is read on hot paths; each instance keeps its own copy. `context` is passed to
 * the loader on a miss (e.g. the caller's transaction) and plays no part in the key.
 */
export function ttlCache<K, V, C = undefined>(
  load: (key: K, context: C) => Promise<V>,
  ttlMs: number,
  now: () => number = Date.now,
  maxEntries = 10_000,
) {
  const entries = new Map<K, { value: Promise<V>; expiresAt: number }>();
  const get = (key: K, context?: C): Promise<V> => {
    const t = now();
    const hit = entries.get(key);
    if (hit && hit.expiresAt > t) return hit.value;
    const value = load(key, context as C);
    if (entries.size >= maxEntries) entries.delete(entries.keys().next().value as K);
    entries.set(key, { value, expiresAt: t + ttlMs });
    value.catch(() => entries.delete(key));
    return value;
  };
  return Object.assign(get, {
    clear: () => entries.clear(),
    delete: (key: K) => {
      entries.delete(key);
    },
  });
}
