export { adminUrl, createTestDatabase, type TestDatabase } from './database.js';
export { type Election, type ElectionOptions, startElection } from './election.js';
export { type EngineOptions, startEngine, type TestEngine, waitForHealthy } from './engine.js';
export { type EventuallyOptions, eventually, GiveUpError } from './eventually.js';
export { testBrokers, testKafka } from './kafka.js';
export { uniqueName } from './names.js';
export { repoRoot, type ServiceProcess, spawnService } from './processes.js';
