/** Serialization of keys, values and REST rows. */
export * from './coerce-json.js';
export * from './delimited.js';
export * from './formats.js';
export * from './java-double.js';
export * from './json-text.js';
export * from './serde-error.js';
export * from './serde-options.js';
export * from './temporal.js';
