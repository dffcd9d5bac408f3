/** Table functions (UDTFs): the built-ins loaded into their registry, and the API to add more. */
import { explodeFunctions } from './explode.js';
import { addBuiltInTableFunctions } from './registry.js';

addBuiltInTableFunctions(explodeFunctions);

export { cube } from './explode.js';
export {
  isBuiltInTableFunction,
  registerTableFunction,
  resolveTableFunction,
  tableFunction,
  tableFunctions,
} from './registry.js';
