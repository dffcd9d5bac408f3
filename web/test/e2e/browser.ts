import { existsSync } from 'node:fs';
import { type Browser, chromium, type Page } from 'playwright-core';

const chromiumPath = (): string => process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

/** Why the browser tests cannot run here (no Chromium), with the command that fixes it; else undefined. */
export function chromiumMissing(): string | undefined {
  if (existsSync(chromiumPath())) return undefined;
  return `browser tests skipped: no Chromium at ${chromiumPath()} — install it with \`sudo apt-get install -y chromium\` (or set CHROMIUM_PATH)`;
}

/** Debian's Chromium, never a downloaded browser. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath(),
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/**
 * Fails the test on any request that leaves the machine: the page must work offline (fonts, map
 * shapes and portraits are bundled or data URIs).
 */
export async function forbidInternet(page: Page, offenders: string[]): Promise<void> {
  await page.route('**/*', (route) => {
    const url = new URL(route.request().url());
    if (url.protocol === 'data:' || url.hostname === '127.0.0.1' || url.hostname === 'localhost') {
      return route.continue();
    }
    offenders.push(url.toString());
    return route.abort();
  });
}

/** The exact number a totals tile shows (its `data-value`, not the tweening text). */
export async function totalValue(page: Page, testId: string): Promise<number> {
  const value = await page
    .locator(`[data-testid="${testId}"] [data-value]`)
    .first()
    .getAttribute('data-value');
  if (value === null) throw new Error(`Expected a number in [data-testid="${testId}"], found none`);
  return Number(value);
}

/** Texts of the first cell of each row of the turnout table. */
export async function turnoutRows(
  page: Page,
): Promise<{ code: string; name: string; votes: number; turnout: number }[]> {
  return page.locator('[data-testid="turnout-table"] tbody tr').evaluateAll((rows) =>
    rows.map((row) => {
      const cells = row.querySelectorAll('td');
      const number = (text: string | null | undefined) => Number((text ?? '').replace(/[^0-9.]/g, ''));
      return {
        code: row.getAttribute('data-state') ?? '',
        name: (row.querySelector('th')?.firstChild?.textContent ?? '').trim(),
        votes: number(cells[1]?.textContent),
        turnout: number(cells[2]?.textContent),
      };
    }),
  );
}

/** Posts a GraphQL query to the API (what the page shows is compared with this). */
export async function graphql<T>(apiUrl: string, query: string): Promise<T> {
  const response = await fetch(`${apiUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query }),
  });
  const body = (await response.json()) as { data?: T; errors?: { message: string }[] };
  if (!body.data) throw new Error(`Expected data from the API, found errors: ${JSON.stringify(body.errors)}`);
  return body.data;
}
