/** Splits a stream of text chunks into complete lines (without `\n` or a trailing `\r`). */
export function createLineSplitter(): { push(chunk: string): string[]; end(): string[] } {
  let buffer = '';
  const take = (all: boolean): string[] => {
    const parts = buffer.split('\n');
    buffer = all ? '' : (parts.pop() ?? '');
    return parts
      .map((line) => (line.endsWith('\r') ? line.slice(0, -1) : line))
      .filter((l) => l.trim() !== '');
  };
  return {
    push(chunk) {
      buffer += chunk;
      return take(false);
    },
    end() {
      return take(true);
    },
  };
}
