import { base, en, en_US, Faker } from '@faker-js/faker';
import { usStates } from './us-states.js';

/**
 * Everything a voter is drawn from, computed once. Faker is far too slow to call per field a
 * million times, so its en_US word lists are read once into arrays that a seeded PRNG indexes.
 */
export interface VoterPools {
  femaleNames: readonly string[];
  maleNames: readonly string[];
  anyNames: readonly string[];
  lastNames: readonly string[];
  streets: readonly string[];
  emailDomains: readonly string[];
  /** Per state (same order as `usStates`): a sample of its real ZIP codes. */
  postcodes: readonly (readonly string[])[];
}

const zipsPerState = 64;

/** Keeps plain ASCII words only, so avatars stay small and emails valid. */
function ascii(words: readonly string[]): string[] {
  return [...new Set(words.filter((word) => /^[A-Za-z][A-Za-z' .-]*$/.test(word)))];
}

/** A Faker with US data, seeded: the same seed gives the same pools and candidates. */
export function createFaker(seed: number): Faker {
  const faker = new Faker({ locale: [en_US, en, base] });
  faker.seed(seed);
  return faker;
}

/** Builds the pools for `seed` (deterministic: ZIP samples come from a seeded Faker). */
export function buildVoterPools(seed: number): VoterPools {
  const faker = createFaker(seed);
  const person = faker.definitions.person;
  const firstNames = person.first_name as { female: string[]; male: string[]; generic: string[] };
  const lastNames =
    (person.last_name as { generic?: string[] }).generic ?? (person.last_name as unknown as string[]);
  return {
    femaleNames: ascii(firstNames.female),
    maleNames: ascii(firstNames.male),
    anyNames: ascii(firstNames.generic),
    lastNames: ascii(lastNames),
    streets: ascii(faker.definitions.location.street_name as string[]),
    emailDomains: [...(faker.definitions.internet.free_email as string[])],
    postcodes: usStates.map((state) =>
      Array.from({ length: zipsPerState }, () => faker.location.zipCode({ state: state.code })),
    ),
  };
}
