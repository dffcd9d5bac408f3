import { describe, expect, it } from 'vitest';
import { NULL_TYPE, type SqlType, T } from '../../types.js';
import { Decimal, newStruct } from '../../values.js';
import '../index.js';
import { callFunction, type TestArg } from '../test-call.js';

const str = (v: string | null): TestArg => ({ type: T.STRING, value: v });
const of = (type: SqlType, value: unknown): TestArg => ({ type, value });
const nul: TestArg = { type: NULL_TYPE, value: null };

/** A call's result; an error is what the engine turns into null and a processing-log entry. */
function call(name: string, ...args: TestArg[]): unknown {
  try {
    return callFunction(name, ...args);
  } catch (e) {
    return `error: ${(e as Error).message}`;
  }
}

describe('JSON functions', () => {
  it.each<[string, TestArg[], unknown]>([
    // EXTRACTJSONFIELD: ksqlDB's JSONPath, digits kept, text unquoted, other values as JSON.
    ['extractjsonfield', [str('{"a": {"b": "x"}}'), str('$.a.b')], 'x'],
    ['extractjsonfield', [str('{"a": {"b": "x"}}'), str('$.a')], '{"b":"x"}'],
    ['extractjsonfield', [str('{"array": [1, 2, 3]}'), str('$.array[0]')], '1'],
    [
      'extractjsonfield',
      [str('{"array": [1, 2, 3]}'), str('$.array[-1]')],
      "error: Invalid JSON path: '$.array[-1]'",
    ],
    ['extractjsonfield', [str('{"array": [1, 2, 3]}'), str('$.array.-1')], null],
    ['extractjsonfield', [str('{"array": [1, 2, 3]}'), str('$.array.2')], '3'],
    ['extractjsonfield', [str('{"a": 1}'), str("$['a']")], "error: Invalid JSON path: '$['a']'"],
    ['extractjsonfield', [str('{"a.b": {"c\\"d": 7}}'), str('$["a.b"]["c\\"d"]')], '7'],
    ['extractjsonfield', [str('{"a": 1}'), str('a')], "error: Invalid JSON path: 'a'"],
    ['extractjsonfield', [str('{"a": 1}'), str('$')], '{"a":1}'],
    ['extractjsonfield', [str('{"array": [1.23450]}'), str('$.array[0]')], '1.23450'],
    ['extractjsonfield', [str('{"a": [{"b": 5}]}'), str('$["a"][0]["b"]')], '5'],
    ['extractjsonfield', [str('{"@type": "UDF"}'), str('$.@type')], 'UDF'],
    ['extractjsonfield', [str('{"name": "cdd"}}'), str('$.name')], 'cdd'],
    ['extractjsonfield', [str('{"a": null}'), str('$.a')], 'null'],
    ['extractjsonfield', [str('{"a": 1}'), str('$.b')], null],
    ['extractjsonfield', [str('{"a": 1}'), str('$.a.b')], null],
    ['extractjsonfield', [str('{"a": 1e3}'), str('$.a')], '1E+3'],
    ['extractjsonfield', [str(''), str('$.a')], null],
    ['extractjsonfield', [str('{"a": '), str('$.a')], 'error: Invalid JSON format:{"a": '],
    ['extractjsonfield', [str(null), str('$.a')], null],
    // IS_JSON_STRING
    ['IS_JSON_STRING', [str('1')], true],
    ['IS_JSON_STRING', [str('"abc"')], true],
    ['IS_JSON_STRING', [str('[1, 2, 3]')], true],
    ['IS_JSON_STRING', [str('abc')], false],
    ['IS_JSON_STRING', [str('')], false],
    ['IS_JSON_STRING', [str('12ab')], false],
    ['IS_JSON_STRING', [str("{'a': 1}")], false],
    ['IS_JSON_STRING', [str(null)], false],
    // JSON_ARRAY_CONTAINS: same JSON kind and equal.
    ['JSON_ARRAY_CONTAINS', [str('["Pink", null]'), str('Pink')], true],
    ['JSON_ARRAY_CONTAINS', [str('[1, 2]'), of(T.BIGINT, 2n)], true],
    ['JSON_ARRAY_CONTAINS', [str('[1, 2]'), of(T.DOUBLE, 2)], false],
    ['JSON_ARRAY_CONTAINS', [str('[1.5, 2]'), of(T.DOUBLE, 1.5)], true],
    ['JSON_ARRAY_CONTAINS', [str('[true]'), of(T.BOOLEAN, true)], true],
    ['JSON_ARRAY_CONTAINS', [str('["1"]'), of(T.INTEGER, 1)], false],
    ['JSON_ARRAY_CONTAINS', [str('[1, null]'), nul], true],
    ['JSON_ARRAY_CONTAINS', [str('{"a": 1}'), of(T.INTEGER, 1)], false],
    ['JSON_ARRAY_CONTAINS', [str('[2,'), of(T.INTEGER, 1)], false],
    ['JSON_ARRAY_CONTAINS', [str('[1, 2'), of(T.INTEGER, 1)], true],
    ['JSON_ARRAY_CONTAINS', [str('[[1], {"a": 1}]'), of(T.INTEGER, 1)], false],
    ['JSON_ARRAY_CONTAINS', [str(''), of(T.INTEGER, 1)], false],
    // JSON_ARRAY_LENGTH
    ['JSON_ARRAY_LENGTH', [str('[1, [2, 3]]')], 2],
    ['JSON_ARRAY_LENGTH', [str('{}')], null],
    ['JSON_ARRAY_LENGTH', [str('')], null],
    ['JSON_ARRAY_LENGTH', [str(null)], null],
    // JSON_CONCAT: PostgreSQL's ||.
    ['JSON_CONCAT', [str('{"a": 1, "b": 1}'), str('{"b": 2}')], '{"a":1,"b":2}'],
    ['JSON_CONCAT', [str('[1, 2]'), str('{"a": 1}'), str('4')], '[1,2,{"a":1},4]'],
    ['JSON_CONCAT', [str('null'), str('null')], '[null,null]'],
    ['JSON_CONCAT', [str('[1.50]'), str('[1e2]')], '[1.50,100]'],
    ['JSON_CONCAT', [str('1'), str('')], null],
    ['JSON_CONCAT', [str('1'), str(null)], null],
    ['JSON_CONCAT', [str('{"a": "\\u0001\\n"}')], '{"a":"\\u0001\\n"}'],
    // JSON_ITEMS / JSON_KEYS / JSON_RECORDS
    ['JSON_ITEMS', [str('[{"a": 1}, {"b": [true]}]')], ['{"a":1}', '{"b":[true]}']],
    ['JSON_ITEMS', [str('[{"a": 1}, 2]')], null],
    ['JSON_ITEMS', [str('[]')], []],
    ['JSON_ITEMS', [str('[null]')], null],
    ['JSON_ITEMS', [str('{"a": 1}')], 'error: Invalid JSON format:{"a": 1}'],
    ['JSON_KEYS', [str('{"b": 1, "a": {"c": 2}}')], ['b', 'a']],
    ['JSON_KEYS', [str('[1]')], null],
    ['JSON_KEYS', [str('{"a": 1, "b": 2, "a": 3}')], ['a', 'b']],
    ['JSON_CONCAT', [str('{"a": 1, "b": 2, "a": 3}')], '{"a":3,"b":2}'],
    ['JSON_KEYS', [str('')], null],
    [
      'JSON_RECORDS',
      [str('{"a": 3, "b": "x", "c": [1], "d": null}')],
      new Map([
        ['a', '3'],
        ['b', 'x'],
        ['c', '[1]'],
        ['d', 'null'],
      ]),
    ],
    ['JSON_RECORDS', [str('"x"')], null],
  ])('%s case %#', (name, args, expected) => {
    expect(call(name, ...args)).toEqual(expected);
  });
});

describe('TO_JSON_STRING', () => {
  const struct = Object.assign(newStruct(), { NAME: 'Alice', ID: 1, TAGS: null });
  const STRUCT_T: SqlType = {
    kind: 'STRUCT',
    fields: [
      { name: 'NAME', type: T.STRING },
      { name: 'ID', type: T.INTEGER },
      { name: 'TAGS', type: { kind: 'ARRAY', item: T.STRING } },
    ],
  };
  it.each<[TestArg, string]>([
    [of(T.INTEGER, 1), '1'],
    [of(T.BIGINT, 9007199254740993n), '9007199254740993'],
    [of(T.DOUBLE, 10), '10.0'],
    [of(T.DOUBLE, 1e10), '1.0E10'],
    [of(T.DOUBLE, Number.NaN), '"NaN"'],
    [of({ kind: 'DECIMAL', precision: 6, scale: 3 }, Decimal.parse('1.500')), '1.500'],
    [of(T.STRING, 'a"b\\c\u0002'), '"a\\"b\\\\c\\u0002"'],
    [of(T.BOOLEAN, false), 'false'],
    [of(T.BYTES, Buffer.from([0x21])), '"IQ=="'],
    [of(T.DATE, 1000), '"1972-09-27"'],
    [of(T.TIME, 60220000), '"16:43:40"'],
    [of(T.TIME, 60220500), '"16:43:40"'],
    [of(T.TIME, 60180000), '"16:43"'],
    [of(T.TIMESTAMP, 60220000000), '"1971-11-28T23:46:40.000"'],
    [of(T.TIMESTAMP, 1), '"1970-01-01T00:00:00.001"'],
    [of({ kind: 'ARRAY', item: T.INTEGER }, [1, null]), '[1,null]'],
    [of(STRUCT_T, struct), '{"ID":1,"NAME":"Alice","TAGS":null}'],
    [
      of(
        { kind: 'MAP', key: T.STRING, value: { kind: 'ARRAY', item: T.TIME } },
        new Map([
          ['b', [0]],
          ['a', []],
        ]),
      ),
      '{"a":[],"b":["00:00"]}',
    ],
    [nul, 'null'],
    [of(T.INTEGER, null), 'null'],
  ])('case %#', (arg, expected) => {
    expect(call('TO_JSON_STRING', arg)).toBe(expected);
  });
});
