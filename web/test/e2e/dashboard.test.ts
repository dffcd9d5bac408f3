/**
 * @vitest-environment node
 */
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { VoteProducerHandle } from '@tally/producers';
import { eventually } from '@tally/testkit';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { forbidInternet, graphql, launchChromium, totalValue, turnoutRows } from './browser.js';
import { type Stack, startStack } from './stack.js';

const screenshotPath = resolve(import.meta.dirname, '..', '..', '..', 'docs', 'dashboard.png');
const VOTERS = 1200;

type Summary = { summary: { registeredVoters: number; votesCast: number; candidateCount: number } };
const SUMMARY = '{ summary { registeredVoters votesCast candidateCount } }';

describe('dashboard in Chromium against the real stack', () => {
  let stack: Stack;
  let browser: Browser;
  let page: Page;
  let producer: VoteProducerHandle;
  const offenders: string[] = [];

  beforeAll(async () => {
    [stack, browser] = await Promise.all([startStack(VOTERS), launchChromium()]);
    // A first batch of votes, so the page opens on an election in progress.
    producer = await stack.startVoting(60);
    await eventually(
      async () => {
        const { summary } = await graphql<Summary>(stack.api.url, SUMMARY);
        expect(summary.votesCast).toBeGreaterThan(50);
      },
      { timeoutMs: 90_000, intervalMs: 500 },
    );
    page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
    await forbidInternet(page, offenders);
    await page.goto(stack.api.url);
  });

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  test('loads with the current totals', async () => {
    const before = (await graphql<Summary>(stack.api.url, SUMMARY)).summary;
    await eventually(async () => {
      expect(await totalValue(page, 'total-registered')).toBe(VOTERS);
      expect(await totalValue(page, 'total-candidates')).toBe(before.candidateCount);
      expect(await totalValue(page, 'total-votes')).toBeGreaterThanOrEqual(before.votesCast);
    });
    const shown = await totalValue(page, 'total-votes');
    const after = (await graphql<Summary>(stack.api.url, SUMMARY)).summary;
    expect(shown).toBeLessThanOrEqual(after.votesCast);
    expect(before.candidateCount).toBe(3);
    await expect(page.locator('[data-testid="candidate-table"] tbody tr').count()).resolves.toBe(3);
    await expect(page.locator('[data-testid="leader"] .leader-name').textContent()).resolves.toMatch(/\w/);
    await expect(page.getByTestId('connection').textContent()).resolves.toContain('Live');
  });

  test('shows votes produced during the test without a reload', async () => {
    const shown = await totalValue(page, 'total-votes');
    const rowsBefore = await page.locator('[data-testid="candidate-table"] tbody').textContent();
    await eventually(async () => expect(await totalValue(page, 'total-votes')).toBeGreaterThan(shown + 20), {
      timeoutMs: 60_000,
    });
    expect(await page.locator('[data-testid="candidate-table"] tbody').textContent()).not.toBe(rowsBefore);
    await expect(page.getByTestId('updated-ago').textContent()).resolves.toMatch(/Updated/);
  });

  test('draws the map, with details on hover and on keyboard focus', async () => {
    const states = page.locator('[data-testid="map"] path.state');
    expect(await states.count()).toBeGreaterThanOrEqual(51);
    await page.locator('[data-testid="map"] path[data-state="TX"]').hover();
    await eventually(async () =>
      expect(await page.getByTestId('map-details').textContent()).toContain('Texas'),
    );
    await page.locator('[data-testid="map"] path[data-state="OH"]').focus();
    await eventually(async () =>
      expect(await page.getByTestId('map-details').textContent()).toContain('Ohio'),
    );
    const label = await page.locator('[data-testid="map"] path[data-state="OH"]').getAttribute('aria-label');
    expect(label).toMatch(/^Ohio: [\d.]+% turnout/);
    await page.keyboard.press('Tab');
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
    await expect(page.getByTestId('turnout-page').textContent()).resolves.toMatch(/Page 1 of 6 · 51 states/);

    await table.getByRole('button', { name: 'Next →' }).click();
    await eventually(async () => {
      expect(await page.getByTestId('turnout-page').textContent()).toMatch(/Page 2 of 6/);
      expect((await turnoutRows(page))[0]?.name).toBe('Idaho');
    });
    await table.getByRole('button', { name: '← Previous' }).click();
    await eventually(async () => expect((await turnoutRows(page))[0]?.name).toBe('Alabama'));

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
    await page.getByTestId('turnout-min').fill('1000');
    await eventually(async () => expect(await turnoutRows(page)).toHaveLength(0));
    await page.getByTestId('turnout-min').fill('');
    await eventually(async () => expect(await turnoutRows(page)).toHaveLength(10));
  });

  test('says reconnecting while the API restarts, then live again', async () => {
    await stack.stopApi();
    await eventually(async () =>
      expect(await page.getByTestId('connection').textContent()).toMatch(/Reconnecting/),
    );
    const shown = await totalValue(page, 'total-votes');
    await stack.startApi();
    await eventually(async () => expect(await page.getByTestId('connection').textContent()).toBe('Live'), {
      timeoutMs: 30_000,
    });
    // Subscriptions resumed: new votes keep arriving without a reload.
    await eventually(async () => expect(await totalValue(page, 'total-votes')).toBeGreaterThan(shown), {
      timeoutMs: 60_000,
    });
  });

  test('agrees with PostgreSQL once voting stops, shows the audit badge, and saves a screenshot', async () => {
    await producer.stop();
    // A final burst at full speed, so every registered voter votes.
    producer = await stack.startVoting(0);
    await eventually(
      async () => {
        const { summary } = await graphql<Summary>(stack.api.url, SUMMARY);
        expect(summary.votesCast).toBe(VOTERS);
        expect(await totalValue(page, 'total-votes')).toBe(VOTERS);
      },
      { timeoutMs: 90_000, intervalMs: 500 },
    );
    await eventually(async () => expect(await page.getByTestId('audit').textContent()).toMatch(/Audited/), {
      timeoutMs: 30_000,
    });
    await page.locator('[data-testid="map"] path[data-state="PA"]').hover();
    mkdirSync(dirname(screenshotPath), { recursive: true });
    await page.screenshot({ path: screenshotPath, fullPage: true });
    expect(offenders).toEqual([]);
  });
});
