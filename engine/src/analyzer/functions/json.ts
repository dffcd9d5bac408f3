/** JSON functions (ksqlDB's function reference, "JSON functions"). */
import { type ScalarFunctionSpec, scalar } from './function-spec.js';

export const jsonFunctions: ScalarFunctionSpec[] = [
  scalar('extractjsonfield', 'JSON', 'Extracts the value at a JSONPath from a JSON string.', [
    {
      params: ['STRING input', 'STRING path'],
      returns: 'STRING',
      impl: ([json, path]) => {
        let v: unknown = JSON.parse(json as string);
        for (const part of (path as string)
          .replace(/^\$\.?/, '')
          .split('.')
          .filter(Boolean)) {
          if (v === null || typeof v !== 'object') return null;
          v = (v as Record<string, unknown>)[part];
        }
        if (v === undefined || v === null) return null;
        return typeof v === 'string' ? v : JSON.stringify(v);
      },
    },
  ]),
];
