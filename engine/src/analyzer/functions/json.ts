/** JSON functions (ksqlDB's function reference, "JSON functions"); implemented in `json/`. */
export { jsonFunctions } from './json/json-functions.js';
