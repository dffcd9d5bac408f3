/** String functions (ksqlDB's function reference, "String functions"). */
import { type ScalarFunctionSpec, scalar } from './function-spec.js';
import { num } from './numbers.js';

export const stringFunctions: ScalarFunctionSpec[] = [
  scalar(
    'substring',
    'STRING',
    'Returns the portion of the string or bytes from a position, optionally of a length.',
    [
      {
        params: ['STRING str', 'INT pos'],
        returns: 'STRING',
        impl: ([s, pos]) => substring(s as string, num(pos)),
      },
      {
        params: ['STRING str', 'INT pos', 'INT length'],
        returns: 'STRING',
        impl: ([s, pos, len]) => substring(s as string, num(pos), num(len)),
      },
    ],
  ),
  scalar('len', 'STRING', 'Returns the length of a string or of bytes.', [
    { params: ['STRING input'], returns: 'INT', impl: ([s]) => (s as string).length },
    { params: ['BYTES input'], returns: 'INT', impl: ([s]) => (s as Buffer).length },
  ]),
  scalar('ucase', 'STRING', 'Returns the string in upper case.', [
    { params: ['STRING input'], returns: 'STRING', impl: ([s]) => (s as string).toUpperCase() },
  ]),
  scalar('lcase', 'STRING', 'Returns the string in lower case.', [
    { params: ['STRING input'], returns: 'STRING', impl: ([s]) => (s as string).toLowerCase() },
  ]),
  scalar('trim', 'STRING', 'Removes leading and trailing whitespace.', [
    { params: ['STRING input'], returns: 'STRING', impl: ([s]) => (s as string).trim() },
  ]),
  scalar('initcap', 'STRING', 'Capitalizes the first letter of each word, lower-cases the rest.', [
    {
      params: ['STRING input'],
      returns: 'STRING',
      impl: ([s]) =>
        (s as string)
          .split(' ')
          .map((w) => (w.length ? w[0]!.toUpperCase() + w.slice(1).toLowerCase() : w))
          .join(' '),
    },
  ]),
  scalar('concat', 'STRING', 'Concatenates strings; null arguments are skipped.', [
    {
      params: ['...STRING inputs'],
      returns: 'STRING',
      nullTolerant: true,
      impl: (args) => args.filter((a) => a !== null).join(''),
    },
  ]),
];

function substring(str: string, pos: number, len?: number): string {
  const p = pos > 0 ? pos - 1 : pos < 0 ? str.length + pos : 0;
  return len === undefined ? str.slice(p) : str.slice(p, p + len);
}
