import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, normalize, resolve, sep } from 'node:path';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
  '.wasm': 'application/wasm',
};

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

/**
 * Serves the built dashboard (`web/dist`) from `root`: files as they are, any other GET of a page
 * falls back to `index.html` (the SPA routes itself). Paths never escape `root`. Resolves false
 * when the request is not for it (not GET/HEAD, or a missing asset), so the caller answers 404.
 */
export function createStaticHandler(root: string) {
  const base = resolve(root);
  const index = join(base, 'index.html');
  return async (request: IncomingMessage, response: ServerResponse, pathname: string): Promise<boolean> => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return false;
    let decoded: string;
    try {
      decoded = decodeURIComponent(pathname);
    } catch {
      return false;
    }
    const candidate = resolve(base, `.${normalize(`/${decoded}`)}`);
    if (candidate !== base && !candidate.startsWith(base + sep)) return false;
    let file = candidate;
    if (!(await isFile(file))) {
      const wantsPage = extname(decoded) === '' || (request.headers.accept ?? '').includes('text/html');
      if (!wantsPage || !(await isFile(index))) return false;
      file = index;
    }
    const type = CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
    const immutable = file.startsWith(join(base, 'assets') + sep);
    response.writeHead(200, {
      'content-type': type,
      'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
      'x-content-type-options': 'nosniff',
    });
    if (request.method === 'HEAD') {
      response.end();
      return true;
    }
    await new Promise<void>((done) => {
      const stream = createReadStream(file);
      stream.on('error', () => {
        response.destroy();
        done();
      });
      stream.on('end', done);
      stream.pipe(response);
    });
    return true;
  };
}
