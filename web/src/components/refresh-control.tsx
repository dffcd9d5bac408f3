import { For, Show } from 'solid-js';
import {
  parseRefreshMode,
  REFRESH_INTERVALS,
  type RefreshMode,
  refreshModeValue,
} from '../store/refresh-mode.js';

/** Props of {@link RefreshControl}. */
export interface RefreshControlProps {
  mode: RefreshMode;
  onChange: (mode: RefreshMode) => void;
  /** Views with updates held back; offers "Apply now" when positive. */
  pending: number;
  onApplyNow: () => void;
}

/** The refresh setting: live, paused, or every N seconds. */
export function RefreshControl(props: RefreshControlProps) {
  return (
    <div class="refresh">
      <label for="refresh-mode">Updates</label>
      <select
        id="refresh-mode"
        value={refreshModeValue(props.mode)}
        onChange={(event) => props.onChange(parseRefreshMode(event.currentTarget.value))}
      >
        <option value="live">Live</option>
        <For each={REFRESH_INTERVALS}>
          {(seconds) => <option value={String(seconds)}>Every {seconds} s</option>}
        </For>
        <option value="paused">Paused</option>
      </select>
      <Show when={props.mode.kind !== 'live' && props.pending > 0}>
        <button type="button" class="link-button" onClick={() => props.onApplyNow()}>
          Apply new results
        </button>
      </Show>
    </div>
  );
}
