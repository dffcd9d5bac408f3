import type { Plugin } from 'graphql-yoga';
import { bearerToken, tokenMatches } from './auth.js';
import type { ApiMetrics } from './metrics.js';

/**
 * Requires `Authorization: Bearer <token>` on GraphQL HTTP requests when a token is set. The
 * GraphiQL page itself (a GET asking for HTML, holding no data) and CORS preflights stay open.
 */
export function useBearerToken(token: string | undefined): Plugin {
  return {
    onRequest({ request, endResponse, fetchAPI }) {
      if (!token || request.method === 'OPTIONS') return;
      const url = new URL(request.url);
      const isPlaygroundPage =
        request.method === 'GET' &&
        !url.searchParams.has('query') &&
        (request.headers.get('accept') ?? '').includes('text/html');
      if (isPlaygroundPage) return;
      if (tokenMatches(token, bearerToken(request.headers.get('authorization')))) return;
      endResponse(
        new fetchAPI.Response(
          JSON.stringify({
            errors: [
              {
                message: 'Expected an Authorization: Bearer <API_TOKEN> header, found none or a wrong token.',
                extensions: { code: 'UNAUTHENTICATED' },
              },
            ],
          }),
          { status: 401, headers: { 'content-type': 'application/json', 'www-authenticate': 'Bearer' } },
        ),
      );
    },
  };
}

/** Counts operations (`tally_api_operations_total`) by type. */
export function useOperationMetrics(metrics: ApiMetrics): Plugin {
  return {
    onExecute() {
      metrics.operations.inc({ type: 'query' });
    },
    onSubscribe() {
      metrics.operations.inc({ type: 'subscription' });
    },
  };
}
