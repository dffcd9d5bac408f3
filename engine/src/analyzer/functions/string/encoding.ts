/** ENCODE, TO_BYTES and FROM_BYTES: converting text between encodings and to and from BYTES. */
import { type ScalarFunctionSpec, scalar } from '../function-spec.js';
import {
  asciiBytes,
  asciiText,
  bytesToText,
  encodingNamed,
  hexBytes,
  lenientBase64,
  textToBytes,
} from './codec.js';

/**
 * ENCODE's hex input may be written `0xAB…` (an odd digit count gains a leading 0) or `X'AB…'`;
 * anything else is read as bare digits.
 */
function stripHex(s: string): string {
  if (s.startsWith('0x')) return s.length % 2 !== 0 ? `0${s.slice(2)}` : s.slice(2);
  if (/^[xX]'[\s\S]*'$/.test(s)) return s.slice(2, -1);
  return s;
}

const ENCODE_READ: Record<string, (s: string) => Buffer> = {
  hex: (s) => hexBytes(stripHex(s)),
  utf8: (s) => Buffer.from(s, 'utf8'),
  ascii: asciiBytes,
  base64: lenientBase64,
};

/** ENCODE writes hex in lower case and base64 on one line (unlike FROM_BYTES). */
const ENCODE_WRITE: Record<string, (b: Buffer) => string> = {
  hex: (b) => b.toString('hex'),
  utf8: (b) => b.toString('utf8'),
  ascii: asciiText,
  base64: (b) => b.toString('base64'),
};

function encode(s: string, from: string, to: string): string {
  const f = from.toLowerCase();
  const t = to.toLowerCase();
  const read = Object.hasOwn(ENCODE_READ, f) ? ENCODE_READ[f] : undefined;
  const write = Object.hasOwn(ENCODE_WRITE, t) ? ENCODE_WRITE[t] : undefined;
  if (read === undefined || write === undefined || f === t)
    throw new Error('Supported input and output encodings are: hex, utf8, ascii and base64');
  return write(read(s));
}

/** The encoding family of the string functions. */
export const encodingFunctions: ScalarFunctionSpec[] = [
  scalar(
    'encode',
    'STRING',
    'Takes an input string s, which is encoded as input_encoding, and encodes it as output_encoding. The accepted input and output encodings are: hex, utf8, ascii and base64. Throws exception if provided encodings are not supported.',
    [
      {
        params: ['STRING str', 'STRING inputEncoding', 'STRING outputEncoding'],
        returns: 'STRING',
        impl: ([s, from, to]) => encode(s as string, from as string, to as string),
      },
    ],
  ),
  scalar(
    'to_bytes',
    'STRING',
    "Converts a STRING value in the specified encoding to BYTES. The accepted encoders are 'hex', 'utf8', 'ascii', and 'base64'.",
    [
      {
        params: ['STRING value', 'STRING encoding'],
        returns: 'BYTES',
        impl: ([s, e]) => textToBytes(s as string, encodingNamed(e as string)),
      },
    ],
  ),
  scalar(
    'from_bytes',
    'STRING',
    "Converts a BYTES value to STRING in the specified encoding. The accepted encoders are 'hex', 'utf8', 'ascii', and 'base64'.",
    [
      {
        params: ['BYTES value', 'STRING encoding'],
        returns: 'STRING',
        impl: ([b, e]) => bytesToText(b as Buffer, encodingNamed(e as string)),
      },
    ],
  ),
];
