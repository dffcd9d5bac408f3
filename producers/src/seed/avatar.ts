/** Prefix of every avatar: SVG, base64-encoded, so it works offline and in any `<img src>`. */
export const svgDataUriPrefix = 'data:image/svg+xml;base64,';

/** Background colours of voter avatars (readable under white initials). */
export const avatarColors = [
  '#2563eb',
  '#7c3aed',
  '#db2777',
  '#dc2626',
  '#ea580c',
  '#ca8a04',
  '#16a34a',
  '#0d9488',
  '#0891b2',
  '#4f46e5',
  '#9333ea',
  '#475569',
] as const;

/** Initials of a full name: first letter of the first and of the last word ("Jane Doe" → "JD"). */
export function initialsOf(name: string): string {
  const words = name.split(' ');
  return (words[0]!.charAt(0) + (words.length > 1 ? words.at(-1)!.charAt(0) : '')).toUpperCase();
}

/**
 * A voter's compact offline avatar: a coloured disc with the initials, as a base64 SVG data URI
 * of under 300 bytes (1,000,000 voters cost < 300 MB, not a URL that needs the internet).
 */
export function voterAvatar(initials: string, color: string): string {
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 8 8"><circle cx="4" cy="4" r="4" fill="${color}"/>` +
    `<text x="4" y="5.1" font-size="3" font-family="Arial" text-anchor="middle" fill="#fff">${initials}</text></svg>`;
  return svgDataUriPrefix + Buffer.from(svg).toString('base64');
}

/** A candidate's portrait: head and shoulders on the party's colour, initials on the chest. */
export function candidatePortrait(initials: string, background: string, skin: string, suit: string): string {
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 120 120"><rect width="120" height="120" fill="${background}"/>` +
    `<circle cx="60" cy="46" r="24" fill="${skin}"/>` +
    `<path d="M18 120c0-28 19-44 42-44s42 16 42 44z" fill="${suit}"/>` +
    `<text x="60" y="110" font-size="18" font-family="sans-serif" text-anchor="middle" fill="#fff">${initials}</text></svg>`;
  return svgDataUriPrefix + Buffer.from(svg).toString('base64');
}
