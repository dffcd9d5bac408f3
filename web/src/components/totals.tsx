import { formatInt, formatPercent } from '../data/format.js';
import type { LiveViews } from '../store/live-data.js';
import { TweenedNumber } from './tweened-number.js';

/** The headline numbers: registered voters, candidates, votes cast, turnout. */
export function Totals(props: { summary: LiveViews['summary'] }) {
  return (
    <dl class="totals" aria-label="Election totals">
      <div class="total" data-testid="total-votes">
        <dt>Votes cast</dt>
        <dd>
          <TweenedNumber value={props.summary.votesCast} format={formatInt} />
        </dd>
      </div>
      <div class="total" data-testid="total-turnout">
        <dt>Turnout</dt>
        <dd>
          <TweenedNumber value={props.summary.turnoutPercent} format={(n) => formatPercent(n)} />
        </dd>
      </div>
      <div class="total" data-testid="total-registered">
        <dt>Registered voters</dt>
        <dd>
          <TweenedNumber value={props.summary.registeredVoters} format={formatInt} />
        </dd>
      </div>
      <div class="total" data-testid="total-candidates">
        <dt>Candidates</dt>
        <dd>
          <TweenedNumber value={props.summary.candidateCount} format={formatInt} duration={0} />
        </dd>
      </div>
    </dl>
  );
}
