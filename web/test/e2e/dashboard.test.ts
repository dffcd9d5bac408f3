/**
 * @vitest-environment node
 */
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { VoteProducerHandle } from '@tally/producers';
import { eventually } from '@tally/testkit';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  chromiumMissing,
  forbidInternet,
  graphql,
  launchChromium,
  totalValue,
  turnoutRows,
} from './browser.js';
import { type Stack, startStack } from './stack.js';

const repo = resolve(import.meta.dirname, '..', '..', '..');
/** The README's image is rewritten only on purpose (UPDATE_SCREENSHOT=1); else a git-ignored copy. */
const screenshotPath = process.env['UPDATE_SCREENSHOT']
  ? resolve(repo, 'docs', 'dashboard.png')
  : resolve(repo, 'test-results', 'dashboard.png');
const noChromium = chromiumMissing();
if (noChromium) console.warn(noChromium);

type Summary = { summary: { registeredVoters: number; votesCast: number; candidateCount: number } };
const SUMMARY = '{ summary { registeredVoters votesCast candidateCount } }';
const slow = { timeoutMs: 60_000, intervalMs: 250 };

describe.skipIf(noChromium !== undefined)('dashboard in Chromium against the real stack', () => {
  let stack: Stack;
  let browser: Browser;
  let page: Page;
  let producer: VoteProducerHandle;
  const offenders: string[] = [];

  /** Waits until the API counts `votes` ballots of `votes` registered voters. */
  const apiCounts = (votes: number) =>
    eventually(async () => {
      const { summary } = await graphql<Summary>(stack.api.url, SUMMARY);
      expect(summary).toMatchObject({ registeredVoters: votes, votesCast: votes });
    }, slow);

  beforeAll(async () => {
    [stack, browser] = await Promise.all([startStack(), launchChromium()]);
    producer = await stack.startVoting();
    await stack.register(600);
    await apiCounts(600);
    page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
    await forbidInternet(page, offenders);
    await page.goto(stack.api.url);
  });

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  test('loads with the current totals', async () => {
    await eventually(async () => {
      expect(await totalValue(page, 'total-registered')).toBe(600);
      expect(await totalValue(page, 'total-votes')).toBe(600);
      expect(await totalValue(page, 'total-candidates')).toBe(3);
    });
    expect(await page.locator('[data-testid="candidate-table"] tbody tr').count()).toBe(3);
    const { candidates } = await graphql<{ candidates: { votes: number; candidate: { name: string } }[] }>(
      stack.api.url,
      '{ candidates { votes candidate { name } } }',
    );
    const rows = await page.locator('[data-testid="candidate-table"] tbody tr').allTextContents();
    candidates.forEach((c, i) => {
      expect(rows[i]).toContain(c.candidate.name);
      expect(rows[i]).toContain(c.votes.toLocaleString('en-US'));
    });
    expect(await page.locator('[data-testid="leader"] .leader-name').textContent()).toBe(
      candidates[0]?.candidate.name,
    );
    expect(await page.getByTestId('connection').textContent()).toBe('Live');
    expect(await page.getByTestId('updated-ago').textContent()).toMatch(/^Updated/);
  });

  test('shows votes produced during the test without a reload', async () => {
    const before = await page.locator('[data-testid="candidate-table"] tbody').textContent();
    await stack.register(900);
    await eventually(async () => {
      expect(await totalValue(page, 'total-registered')).toBe(900);
      expect(await totalValue(page, 'total-votes')).toBe(900);
    }, slow);
    expect(await page.locator('[data-testid="candidate-table"] tbody').textContent()).not.toBe(before);
    expect(await page.evaluate(() => performance.getEntriesByType('navigation').length)).toBe(1);
  });

  test('draws the map, with details on hover and on keyboard focus', async () => {
    expect(await page.locator('[data-testid="map"] path.state').count()).toBe(51);
    await page.locator('[data-testid="map"] path[data-state="TX"]').hover();
    await eventually(async () =>
      expect(await page.getByTestId('map-details').textContent()).toContain('Texas'),
    );
    await page.locator('[data-testid="map"] path[data-state="OH"]').focus();
    await eventually(async () =>
      expect(await page.getByTestId('map-details').textContent()).toContain('Ohio'),
    );
    expect(
      await page.locator('[data-testid="map"] path[data-state="OH"]').getAttribute('aria-label'),
    ).toMatch(/^Ohio: [\d.]+% turnout, [\d,]+ votes/);
    // Tab moves on to the next state, keeping the keyboard inside the map.
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => document.activeElement?.getAttribute('data-state'));
    expect(focused).toMatch(/^[A-Z]{2}$/);
    expect(focused).not.toBe('OH');
    await eventually(async () =>
      expect(await page.getByTestId('map-details').textContent()).not.toContain('Ohio'),
    );
  });

  test('sorts, filters and pages the turnout table on the server', async () => {
    const table = page.getByTestId('turnout-table');
    await table.scrollIntoViewIfNeeded();
    await table.getByRole('button', { name: /^State/ }).click();
    await eventually(async () => {
      const names = (await turnoutRows(page)).map((r) => r.name);
      expect(names).toHaveLength(10);
      expect(names[0]).toBe('Alabama');
      expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));
    });
    expect(await page.getByTestId('turnout-page').textContent()).toMatch(/Page 1 of 6 · 51 states/);

    await table.getByRole('button', { name: 'Next →' }).click();
    await eventually(async () => {
      expect(await page.getByTestId('turnout-page').textContent()).toMatch(/Page 2 of 6/);
      expect((await turnoutRows(page))[0]?.name).toBe('Georgia');
    });
    await table.getByRole('button', { name: '← Previous' }).click();
    await eventually(async () => expect((await turnoutRows(page))[0]?.name).toBe('Alabama'));

    await table.getByRole('button', { name: /^State/ }).click();
    await eventually(async () => expect((await turnoutRows(page))[0]?.name).toBe('Wyoming'));

    await table.getByRole('button', { name: /^Votes/ }).click();
    await eventually(async () => {
      const votes = (await turnoutRows(page)).map((r) => r.votes);
      expect(votes).toEqual([...votes].sort((a, b) => b - a));
      expect(await table.locator('th[aria-sort="descending"]').textContent()).toMatch(/Votes/);
    });

    await page.getByTestId('turnout-search').fill('new');
    await eventually(async () => {
      const names = (await turnoutRows(page)).map((r) => r.name).sort();
      expect(names).toEqual(['New Hampshire', 'New Jersey', 'New Mexico', 'New York']);
      expect(await page.getByTestId('turnout-page').textContent()).toMatch(/Page 1 of 1 · 4 states/);
    });
    await page.getByTestId('turnout-search').fill('');
    type AllStates = { turnoutByState: { edges: { node: { turnoutPercent: number } }[] } };
    const all = await graphql<AllStates>(
      stack.api.url,
      '{ turnoutByState(first: 60) { edges { node { turnoutPercent } } } }',
    );
    const atLeastHalf = all.turnoutByState.edges.filter((e) => e.node.turnoutPercent >= 50).length;
    await page.getByTestId('turnout-min').fill('50');
    await eventually(async () => {
      expect(await page.getByTestId('turnout-page').textContent()).toContain(`· ${atLeastHalf} states`);
      for (const row of await turnoutRows(page)) expect(row.turnout).toBeGreaterThanOrEqual(50);
    });
    await page.getByTestId('turnout-min').fill('');
    await eventually(async () => expect(await turnoutRows(page)).toHaveLength(10));
  });

  test('says reconnecting while the API restarts, then live again with the votes cast meanwhile', async () => {
    await stack.stopApi();
    await eventually(async () =>
      expect(await page.getByTestId('connection').textContent()).toMatch(/Reconnecting/),
    );
    await stack.register(1200);
    await stack.startApi();
    await eventually(
      async () => expect(await page.getByTestId('connection').textContent()).toBe('Live'),
      slow,
    );
    await eventually(async () => expect(await totalValue(page, 'total-votes')).toBe(1200), slow);
  });

  test('shows the audit badge when PostgreSQL agrees, and saves a screenshot', async () => {
    await apiCounts(1200);
    // Voting pauses while more voters register, so the screenshot shows turnout varying by state.
    await producer.stop();
    await stack.register(1800);
    await eventually(async () => {
      expect(await totalValue(page, 'total-registered')).toBe(1800);
      expect(await totalValue(page, 'total-votes')).toBe(1200);
    }, slow);
    await eventually(
      async () => expect(await page.getByTestId('audit').textContent()).toMatch(/Audited/),
      slow,
    );
    await page.mouse.move(0, 0);
    await page.locator('[data-testid="map"] path[data-state="PA"]').focus();
    await page.evaluate(() => window.scrollTo(0, 0));
    await eventually(async () =>
      expect(await page.getByTestId('map-details').textContent()).toContain('Pennsylvania'),
    );
    mkdirSync(dirname(screenshotPath), { recursive: true });
    await page.screenshot({ path: screenshotPath, fullPage: true });
    expect(offenders).toEqual([]);
  });
});
