/**
 * BYTES → number conversions (ksqlDB's INT_FROM_BYTES, BIGINT_FROM_BYTES, DOUBLE_FROM_BYTES): the
 * value must be exactly the number's width; the byte order is BIG_ENDIAN unless told LITTLE_ENDIAN.
 * The BYTES variants of LEN, CONCAT, SPLIT, SUBSTRING, LPAD/RPAD, TO_BYTES/FROM_BYTES live with
 * their string twins (string/).
 */
import { type ScalarFunctionSpec, scalar } from './function-spec.js';

type Order = 'BE' | 'LE';

function orderNamed(name: unknown): Order {
  const n = String(name).toUpperCase();
  if (n === 'BIG_ENDIAN') return 'BE';
  if (n === 'LITTLE_ENDIAN') return 'LE';
  throw new Error(`Byte order must be BIG_ENDIAN or LITTLE_ENDIAN. Unknown byte order '${String(name)}'.`);
}

function fromBytes(
  name: string,
  returns: string,
  width: number,
  read: (b: Buffer, order: Order) => unknown,
): ScalarFunctionSpec {
  const impl = ([b, order]: unknown[]) => {
    const bytes = b as Buffer;
    const o = order === undefined ? 'BE' : orderNamed(order);
    if (bytes.length !== width)
      throw new Error(`Number of bytes must be equal to ${width}, but found ${bytes.length}`);
    return read(bytes, o);
  };
  return scalar(name, 'CONVERSIONS', `Converts a BYTES value to a ${returns} type.`, [
    { params: ['BYTES value'], returns, impl },
    { params: ['BYTES value', 'STRING byteOrder'], returns, impl },
  ]);
}

export const bytesFunctions: ScalarFunctionSpec[] = [
  fromBytes('int_from_bytes', 'INT', 4, (b, o) => (o === 'BE' ? b.readInt32BE() : b.readInt32LE())),
  fromBytes('bigint_from_bytes', 'BIGINT', 8, (b, o) =>
    o === 'BE' ? b.readBigInt64BE() : b.readBigInt64LE(),
  ),
  fromBytes('double_from_bytes', 'DOUBLE', 8, (b, o) => (o === 'BE' ? b.readDoubleBE() : b.readDoubleLE())),
];
