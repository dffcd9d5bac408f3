/** The planner: logical + stream plans of analyzed queries, and EXPLAIN. */
export * from './plan.js';
