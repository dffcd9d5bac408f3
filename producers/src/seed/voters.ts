import {
  createRandom,
  cumulative,
  intBetween,
  mix32,
  pick,
  pickWeighted,
  type Random,
} from '../random/prng.js';
import type { Voter } from '../types.js';
import { avatarColors, initialsOf, voterAvatar } from './avatar.js';
import type { VoterPools } from './pools.js';
import { usStates } from './us-states.js';

/** What every voter of one seeded run shares. */
export interface VoterContext {
  /** 32-bit hash of the `--seed`. */
  seed: number;
  pools: VoterPools;
  /** Ages are computed on this day (the registration deadline), not "today": runs stay reproducible. */
  registrationDate: Date;
  /** By age: the first and last day number (since the epoch) of a birth date giving that age. */
  ageWindows: readonly (readonly [number, number])[];
}

/** The context of a run: pools are built by the caller (once), birth-date windows here. */
export function createVoterContext(seed: number, pools: VoterPools, registrationDate: Date): VoterContext {
  const y = registrationDate.getUTCFullYear();
  const m = registrationDate.getUTCMonth();
  const d = registrationDate.getUTCDate();
  const ageWindows: [number, number][] = [];
  for (let age = 0; age <= 100; age++) {
    // Born between (age + 1) years and age years before registration day: exactly `age` on that day.
    ageWindows.push([Date.UTC(y - age - 1, m, d) / DAY_MS + 1, Date.UTC(y - age, m, d) / DAY_MS]);
  }
  return { seed, pools, registrationDate, ageWindows };
}

const stateSums = cumulative(usStates.map((state) => state.population));

/** US adults by age band (approximate census shares): [from, to, weight]. */
const ageBands: readonly (readonly [number, number, number])[] = [
  [18, 24, 12],
  [25, 34, 17.5],
  [35, 44, 16.5],
  [45, 54, 15.5],
  [55, 64, 16.5],
  [65, 74, 12.5],
  [75, 84, 6.5],
  [85, 99, 3],
];
const ageSums = cumulative(ageBands.map((band) => band[2]));
const DAY_MS = 86_400_000;
const REG_MODULUS = 10_000_000_000;
/** An odd multiplier not divisible by 5: i ↦ i·A + B is a bijection modulo 10^10. */
const REG_MULTIPLIER_HIGH = 31_415;
const REG_MULTIPLIER_LOW = 92_653;

/** '00' … 'ff': hex formatting by table lookup (toString(16) + padStart is the hot path's slowest call). */
const hexByte = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

function hex8(value: number): string {
  const v = value >>> 0;
  return hexByte[v >>> 24]! + hexByte[(v >>> 16) & 255]! + hexByte[(v >>> 8) & 255]! + hexByte[v & 255]!;
}

/** ISO dates (`YYYY-MM-DD`) by day number since the epoch, formatted once per day and reused. */
const isoDates = new Map<number, string>();

function isoDate(day: number): string {
  let text = isoDates.get(day);
  if (text === undefined) {
    text = new Date(day * DAY_MS).toISOString().slice(0, 10);
    isoDates.set(day, text);
  }
  return text;
}

/** Avatars by initials and colour: at most 26 × 26 × 12 distinct ones, each encoded once. */
const avatars = new Map<string, string>();

function avatarFor(first: string, last: string, color: string): string {
  const key = first.charAt(0) + last.charAt(0) + color;
  let uri = avatars.get(key);
  if (uri === undefined) {
    uri = voterAvatar(initialsOf(`${first} ${last}`), color);
    avatars.set(key, uri);
  }
  return uri;
}

/** A UUID (version 4 layout) whose first 32 bits are a bijection of the index: unique per seed. */
function voterId(seed: number, index: number, random: Random): string {
  const a = hex8(mix32(index ^ seed));
  const b = hex8(random() * 4294967296);
  const c = hex8(random() * 4294967296);
  const d = hex8(random() * 4294967296);
  const variant = ((random() * 4) | 8).toString(16);
  return `${a}-${b.slice(0, 4)}-4${b.slice(5, 8)}-${variant}${c.slice(1, 4)}-${c.slice(4)}${d}`;
}

/** `REG-` and ten digits, a bijection of the index (so unique within a seed, never a collision). */
function registrationNumber(seed: number, index: number): string {
  const high = ((index % REG_MODULUS) * REG_MULTIPLIER_HIGH) % REG_MODULUS;
  const n = (high * 100_000 + index * REG_MULTIPLIER_LOW + (seed % REG_MODULUS)) % REG_MODULUS;
  return `REG-${String(n).padStart(10, '0')}`;
}

function phone(random: Random, area: number, style: 'paren' | 'dash'): string {
  const exchange = intBetween(random, 200, 999);
  const line = String(intBetween(random, 0, 9999)).padStart(4, '0');
  return style === 'paren' ? `(${area}) ${exchange}-${line}` : `${area}-${exchange}-${line}`;
}

function emailPart(word: string): string {
  return word.toLowerCase().replace(/[^a-z]/g, '');
}

/**
 * Voter number `index` of the run: a pure function of (seed, index), so a run can be repeated,
 * extended (`--voters` larger keeps the first voters) or generated in parallel.
 */
export function generateVoter(context: VoterContext, index: number): Voter {
  const { pools, seed } = context;
  const random = createRandom(mix32(seed + Math.imul(index, 0x9e3779b1)));
  const id = voterId(seed, index, random);
  const g = random();
  const gender = g < 0.505 ? 'female' : g < 0.99 ? 'male' : 'other';
  const first = pick(
    random,
    gender === 'female' ? pools.femaleNames : gender === 'male' ? pools.maleNames : pools.anyNames,
  );
  const last = pick(random, pools.lastNames);
  const name = `${first} ${last}`;
  const stateIndex = pickWeighted(stateSums, random());
  const state = usStates[stateIndex]!;
  const band = ageBands[pickWeighted(ageSums, random())]!;
  const age = intBetween(random, band[0], band[1]);
  const latest = context.ageWindows[age]![1];
  const earliest = context.ageWindows[age]![0];
  const birthDay = earliest + Math.floor(random() * (latest - earliest + 1));
  const area = intBetween(random, 201, 989);
  return {
    voter_id: id,
    voter_name: name,
    date_of_birth: isoDate(birthDay),
    gender,
    nationality: 'United States',
    registration_number: registrationNumber(seed, index),
    address: {
      street: `${intBetween(random, 1, 9999)} ${pick(random, pools.streets)}`,
      city: pick(random, state.cities),
      state: state.code,
      country: 'United States',
      postcode: pick(random, pools.postcodes[stateIndex]!),
    },
    email: `${emailPart(first)}.${emailPart(last)}${intBetween(random, 1, 999)}@${pick(random, pools.emailDomains)}`,
    phone_number: phone(random, area, 'paren'),
    cell_number: phone(random, intBetween(random, 201, 989), 'dash'),
    picture: avatarFor(first, last, pick(random, avatarColors)),
    registered_age: age,
  };
}
