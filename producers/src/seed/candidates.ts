import type { Candidate } from '../types.js';
import { candidatePortrait, initialsOf } from './avatar.js';
import { createFaker } from './pools.js';
import { usStates } from './us-states.js';

/** Parties in the order candidates are assigned to them; past the list, candidates run independent. */
export const parties: readonly { name: string; color: string }[] = [
  { name: 'Management Party', color: '#1d4ed8' },
  { name: 'Savior Party', color: '#b91c1c' },
  { name: 'Tech Republic Party', color: '#047857' },
  { name: 'Green Horizon Party', color: '#65a30d' },
  { name: 'Liberty Union', color: '#a16207' },
  { name: 'Common Ground Party', color: '#7e22ce' },
];
const independent = { name: 'Independent', color: '#475569' };

const planks = [
  'lower property taxes for working families',
  'universal broadband by the end of the term',
  'rebuilding bridges, roads and rail',
  'affordable childcare in every county',
  'a balanced federal budget',
  'clean energy jobs in every state',
  'term limits for Congress',
  'cheaper prescription drugs',
  'safer streets through community policing',
  'free community college',
  'small-business tax relief',
  'protecting Social Security and Medicare',
  'modernising elections and voting access',
  'housing that teachers and nurses can afford',
];
const skins = ['#f1c27d', '#e0ac69', '#c68642', '#8d5524', '#ffdbac'];
const careers = [
  'governor',
  'senator',
  'mayor',
  'state attorney general',
  'congresswoman',
  'congressman',
  'judge',
];

/**
 * The election's candidates, `cand-1` … `cand-N`, one per party (default three), deterministic for
 * `seed`. Each gets a biography, a campaign platform and an offline SVG portrait.
 */
export function generateCandidates(count: number, seed: number): Candidate[] {
  const faker = createFaker(seed ^ 0x5eed_ca4d);
  return Array.from({ length: count }, (_, i) => {
    const party = parties[i] ?? independent;
    const sex = faker.helpers.arrayElement(['female', 'male'] as const);
    const name = `${faker.person.firstName(sex)} ${faker.person.lastName()}`;
    const home = faker.helpers.arrayElement(usStates);
    const city = faker.helpers.arrayElement(home.cities);
    const career = faker.helpers.arrayElement(careers);
    const years = faker.number.int({ min: 4, max: 24 });
    const before = faker.person.jobTitle().toLowerCase();
    const chosen = faker.helpers.arrayElements(planks, 3);
    return {
      candidate_id: `cand-${i + 1}`,
      candidate_name: name,
      party_affiliation: party.name,
      biography:
        `${name} grew up in ${city}, ${home.name}, worked as a ${before}, and served ${years} years ` +
        `as ${career} before winning the ${party.name} nomination.`,
      campaign_platform: `${chosen[0]!.charAt(0).toUpperCase()}${chosen[0]!.slice(1)}; ${chosen[1]}; and ${chosen[2]}.`,
      photo_url: candidatePortrait(
        initialsOf(name),
        party.color,
        faker.helpers.arrayElement(skins),
        '#1f2937',
      ),
    };
  });
}
