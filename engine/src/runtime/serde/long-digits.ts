const isDigit = (byte: number | undefined): boolean => byte !== undefined && byte >= 0x30 && byte <= 0x39;

/**
 * Whether the bytes hold a run of 16 or more ASCII digits — a number a double may not hold
 * exactly, which needs the (slower) lossless JSON parser.
 *
 * Probes every 8th byte only: any 16 consecutive positions contain two probes, so a long run
 * cannot be missed; a probe that hits a digit is extended to its whole run. About 6× faster than
 * `/\d{16,}/` on vote-sized records, and UTF-8 continuation bytes are never ASCII digits.
 */
export function hasLongDigitRun(bytes: Uint8Array, minDigits = 16): boolean {
  const stride = minDigits >> 1;
  for (let i = stride - 1; i < bytes.length; i += stride) {
    if (!isDigit(bytes[i])) continue;
    let start = i;
    while (isDigit(bytes[start - 1])) start--;
    let end = i;
    while (isDigit(bytes[end + 1])) end++;
    if (end - start + 1 >= minDigits) return true;
    i = end;
  }
  return false;
}
