/**
 * Content negotiation as ksqlDB's Vert.x router does it: the client's Accept list (by quality,
 * then order) is matched against what the route produces; a wildcard resolves to the route's first
 * type; no match → 406. An absent Accept header gives the route's default.
 */
export function negotiate<T extends string>(
  accept: string | undefined,
  produces: readonly T[],
  fallback: T,
): T | undefined {
  if (accept === undefined || accept.trim() === '') return fallback;
  const ranges = accept
    .split(',')
    .map((part, index) => {
      const [type = '', ...params] = part.split(';').map((s) => s.trim().toLowerCase());
      const q = params.find((p) => p.startsWith('q='));
      return { type, q: q ? Number(q.slice(2)) : 1, index };
    })
    .filter((range) => range.type !== '' && range.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  for (const { type } of ranges) {
    if (type === '*/*' || type === 'application/*') return produces[0];
    const match = produces.find((candidate) => candidate === type);
    if (match) return match;
  }
  return undefined;
}
