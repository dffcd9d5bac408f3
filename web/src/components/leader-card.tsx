import { Show } from 'solid-js';
import { formatInt, formatPercent } from '../data/format.js';
import { textColourOn } from '../data/palette.js';
import type { LiveViews } from '../store/live-data.js';
import { TweenedNumber } from './tweened-number.js';

/** The leading candidate: portrait, name, party, votes, share and margin over the runner-up. */
export function LeaderCard(props: { summary: LiveViews['summary']; color: (id: string) => string }) {
  return (
    <section class="leader card" aria-labelledby="leader-heading" data-testid="leader">
      <h2 id="leader-heading" class="eyebrow">
        Leading
      </h2>
      <Show when={props.summary.leader} fallback={<p class="muted">No votes counted yet.</p>}>
        {(leader) => (
          <div
            class="leader-body"
            style={{
              '--party': props.color(leader().candidate.id),
              '--on-party': textColourOn(props.color(leader().candidate.id)),
            }}
          >
            <img
              class="leader-photo"
              src={leader().candidate.photoUrl}
              alt={`Portrait of ${leader().candidate.name}`}
              width="96"
              height="96"
            />
            <div>
              <p class="leader-name">{leader().candidate.name}</p>
              <p class="leader-party">
                <span class="swatch" aria-hidden="true" />
                {leader().candidate.party}
              </p>
              <p class="leader-votes">
                <TweenedNumber value={leader().votes} format={formatInt} /> votes
                <span class="leader-share">
                  <TweenedNumber value={leader().sharePercent} format={(n) => formatPercent(n)} />
                </span>
              </p>
              <p class="leader-margin">
                Ahead by <TweenedNumber value={props.summary.marginVotes} format={formatInt} /> votes (
                <TweenedNumber value={props.summary.marginPercent} format={(n) => formatPercent(n)} /> of
                votes cast)
              </p>
            </div>
          </div>
        )}
      </Show>
    </section>
  );
}
