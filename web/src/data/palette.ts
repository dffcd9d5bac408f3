/** A candidate as the palette needs it. */
export interface PaletteCandidate {
  id: string;
  party: string;
}

/** Conventional party colours, matched on words of the party's name. */
const PARTY_COLOURS: readonly [RegExp, string][] = [
  [/democrat/i, '#1f5fae'],
  [/republic/i, '#c8322b'],
  [/green/i, '#2f8a4c'],
  [/libertarian/i, '#d49a00'],
  [/labou?r|socialist/i, '#b0223d'],
  [/liberal/i, '#e08a00'],
];

/**
 * Colours for parties without a conventional one, chosen for contrast against white and each other
 * (blue, red, amber, teal, purple, orange, slate).
 */
export const FALLBACK_COLOURS = ['#2166ac', '#c0392b', '#c98a00', '#138a7a', '#7b3fa0', '#d8612b', '#55606e'];

/**
 * Assigns each candidate a colour: the party's conventional one when its name says so, else the
 * next unused fallback in order of candidate id, so colours never shuffle as standings change.
 */
export function createPalette(candidates: readonly PaletteCandidate[]): (id: string) => string {
  const colours = new Map<string, string>();
  const used = new Set<string>();
  const sorted = [...candidates].sort((a, b) => a.id.localeCompare(b.id, 'en', { numeric: true }));
  for (const c of sorted) {
    const match = PARTY_COLOURS.find(([pattern, colour]) => pattern.test(c.party) && !used.has(colour));
    if (match) {
      colours.set(c.id, match[1]);
      used.add(match[1]);
    }
  }
  let next = 0;
  for (const c of sorted) {
    if (colours.has(c.id)) continue;
    const free = FALLBACK_COLOURS.filter((colour) => !used.has(colour));
    const colour = free[0] ?? FALLBACK_COLOURS[next++ % FALLBACK_COLOURS.length]!;
    colours.set(c.id, colour);
    used.add(colour);
  }
  return (id) => colours.get(id) ?? '#8a8f98';
}
