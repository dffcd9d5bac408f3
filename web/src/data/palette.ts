/** A candidate as the palette needs it. */
export interface PaletteCandidate {
  id: string;
  party: string;
}

/** Colour families, each distinct from the others and readable (4.5:1) under white or near-black text. */
export const FAMILY_COLOURS = {
  blue: '#2166ac',
  red: '#c0392b',
  amber: '#c98a00',
  green: '#2a7f45',
  purple: '#7b3fa0',
  orange: '#d8612b',
  teal: '#117a7a',
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

/** WCAG relative luminance of a `#rrggbb` colour. */
function luminance(hex: string): number {
  const channels = [1, 3, 5].map((i) => Number.parseInt(hex.slice(i, i + 2), 16) / 255);
  const [r, g, b] = channels.map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4)) as [
    number,
    number,
    number,
  ];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG contrast ratio of two `#rrggbb` colours (1 to 21). */
export function contrastRatio(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/** White or near-black, whichever reads better on `background` (text on party colours). */
export function textColourOn(background: string): '#ffffff' | '#121417' {
  return contrastRatio('#ffffff', background) >= contrastRatio('#121417', background) ? '#ffffff' : '#121417';
}
