/** A candidate as the palette needs it. */
export interface PaletteCandidate {
  id: string;
  party: string;
}

/** Colour families, each with one colour chosen for contrast against white and the others. */
export const FAMILY_COLOURS = {
  blue: '#2166ac',
  red: '#c0392b',
  amber: '#c98a00',
  green: '#2f8a4c',
  purple: '#7b3fa0',
  orange: '#d8612b',
  teal: '#138a8a',
  slate: '#55606e',
} as const;

/** A colour family. */
export type Family = keyof typeof FAMILY_COLOURS;

/** Conventional party colours, matched on words of the party's name. */
const PARTY_FAMILIES: readonly [RegExp, Family][] = [
  [/democrat/i, 'blue'],
  [/republic|conservative/i, 'red'],
  [/green/i, 'green'],
  [/libertarian/i, 'amber'],
  [/labou?r|socialist/i, 'red'],
  [/liberal/i, 'orange'],
];

/** Order in which families go to parties without a conventional colour. */
const FALLBACK_ORDER: readonly Family[] = [
  'blue',
  'red',
  'amber',
  'teal',
  'purple',
  'orange',
  'green',
  'slate',
];

/**
 * Assigns each candidate a colour: the party's conventional family when its name says so, else the
 * next unused family in order of candidate id, so colours never shuffle as standings change and no
 * two candidates share a family while families remain.
 */
export function createPalette(candidates: readonly PaletteCandidate[]): (id: string) => string {
  const families = new Map<string, Family>();
  const used = new Set<Family>();
  const sorted = [...candidates].sort((a, b) => a.id.localeCompare(b.id, 'en', { numeric: true }));
  for (const c of sorted) {
    const match = PARTY_FAMILIES.find(([pattern, family]) => pattern.test(c.party) && !used.has(family));
    if (match) {
      families.set(c.id, match[1]);
      used.add(match[1]);
    }
  }
  let cycle = 0;
  for (const c of sorted) {
    if (families.has(c.id)) continue;
    const family =
      FALLBACK_ORDER.find((f) => !used.has(f)) ?? FALLBACK_ORDER[cycle++ % FALLBACK_ORDER.length]!;
    families.set(c.id, family);
    used.add(family);
  }
  return (id) => {
    const family = families.get(id);
    return family ? FAMILY_COLOURS[family] : '#8a8f98';
  };
}
