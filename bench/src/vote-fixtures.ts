import type { KafkaClient, OutgoingRecord } from '@tally/kafka-client';

const startedAt = Date.now();
const states = ['CA', 'TX', 'FL', 'NY', 'PA', 'IL', 'OH', 'GA', 'NC', 'MI'];
const candidates = [
  { id: 'cand-1', name: 'Avery Brooks', party: 'Management Party' },
  { id: 'cand-2', name: 'Jordan Lee', party: 'Savior Party' },
  { id: 'cand-3', name: 'Casey Morgan', party: 'Tech Republic Party' },
];

/** A vote record shaped like votes_topic (docs/data-model.md), deterministic in `i`. */
export function voteRecord(i: number, voterId = `voter-${i}`): OutgoingRecord {
  const candidate = candidates[i % candidates.length]!;
  const at = startedAt + i;
  const value = {
    voter_id: voterId,
    voter_name: `Voter ${i}`,
    date_of_birth: '1980-04-12',
    gender: i % 2 ? 'female' : 'male',
    nationality: 'United States',
    registration_number: `REG-${i}`,
    address: {
      street: `${i} Oak St`,
      city: 'Dayton',
      state: states[i % states.length],
      country: 'United States',
      postcode: '45402',
    },
    email: `voter${i}@example.org`,
    phone_number: '555-0100',
    cell_number: '555-0101',
    picture: 'data:image/svg+xml;base64,PHN2Zy8+',
    registered_age: 18 + (i % 70),
    candidate_id: candidate.id,
    candidate_name: candidate.name,
    party_affiliation: candidate.party,
    photo_url: 'data:image/svg+xml;base64,PHN2Zy8+',
    voting_time: new Date(at).toISOString(),
    vote: 1,
  };
  // No explicit record timestamp: the producer stamps the send time (the broker's retention and
  // timestamp checks apply to it, and these benchmarks use no windows).
  return { key: voterId, value: JSON.stringify(value) };
}

/** Produces `count` votes in batches of 500 (~400 kB, under the broker's 1 MiB request limit), 8 in flight. */
export async function produceVotes(
  kafka: KafkaClient,
  topic: string,
  count: number,
  keyOf = (i: number) => `voter-${i}`,
): Promise<void> {
  const producer = await kafka.producer();
  const batch = 500;
  const inFlight: Promise<void>[] = [];
  for (let start = 0; start < count; start += batch) {
    const records = [];
    for (let i = start; i < Math.min(count, start + batch); i++) records.push(voteRecord(i, keyOf(i)));
    inFlight.push(producer.send([{ topic, records }]));
    if (inFlight.length >= 8) await inFlight.shift();
  }
  await Promise.all(inFlight);
  await producer.close();
}
