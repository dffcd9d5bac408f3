export { defaultTopics, resolveTopics, type Topics } from './config.js';
export {
  createKafkaBatcher,
  type KafkaBatcher,
  type KafkaBatcherOptions,
  sendAll,
  splitRecords,
} from './kafka-batcher.js';
export { generateCandidates, parties } from './seed/candidates.js';
export { buildVoterPools, type VoterPools } from './seed/pools.js';
export { candidateJson, voterCopyRow, voterJson } from './seed/records.js';
export { type SeedOptions, type SeedResult, seed, seedHash } from './seed/seed.js';
export { usStates } from './seed/us-states.js';
export { createVoterContext, generateVoter, type VoterContext } from './seed/voters.js';
export type { Candidate, Vote, Voter } from './types.js';
export {
  autoLeanings,
  type CandidatePicker,
  type CandidateWeights,
  createCandidatePicker,
  parseLeanings,
  parseWeights,
  type StateLeanings,
} from './vote/choice.js';
export { parseVoterRecord } from './vote/parse-voter.js';
export {
  runVoteProducer,
  type VoteCounters,
  type VoteProducerHandle,
  type VoteProducerOptions,
  type VoteTimings,
} from './vote/producer.js';
export { type StoredVoteRow, voteRecord } from './vote/vote-record.js';
