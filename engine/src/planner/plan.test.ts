import { describe, expect, it } from 'vitest';
import { analyzeQuery, type DataSource } from '../analyzer/index.js';
import { parseStatements } from '../syntax/index.js';
import { explain, planQuery } from './plan.js';

const VOTES: DataSource = {
  name: 'VOTES',
  type: 'STREAM',
  columns: [
    { name: 'VOTER_ID', type: { kind: 'STRING' }, namespace: 'KEY' },
    { name: 'CANDIDATE_ID', type: { kind: 'STRING' }, namespace: 'VALUE' },
    { name: 'REGISTERED_AGE', type: { kind: 'INTEGER' }, namespace: 'VALUE' },
  ],
  topic: 'votes_topic',
  keyFormat: 'KAFKA',
  valueFormat: 'JSON',
  isSource: false,
  sql: '',
};

function plan(sql: string, source: DataSource = VOTES) {
  const [stmt] = parseStatements(sql);
  if (stmt?.statement.kind !== 'createAs') throw new Error('expected CREATE … AS SELECT');
  const q = analyzeQuery(stmt.statement.query, source, { persistent: true, sinkName: stmt.statement.name });
  return planQuery('CTAS_X_1', q, {
    name: stmt.statement.name,
    topic: stmt.statement.name,
    keyFormat: 'KAFKA',
    valueFormat: 'JSON',
  });
}

describe('planner', () => {
  it('plans a stream aggregation (golden EXPLAIN)', () => {
    const p = plan(
      'CREATE TABLE BALLOTS AS SELECT VOTER_ID, LATEST_BY_OFFSET(CANDIDATE_ID) AS CANDIDATE_ID, COUNT(*) AS N FROM VOTES WHERE REGISTERED_AGE >= 18 GROUP BY VOTER_ID;',
    );
    expect(p.operator).toBe('StreamAggregate');
    expect(explain(p)).toBe(
      [
        'CTAS_X_1: StreamAggregate',
        '  schema: VOTER_ID STRING KEY, CANDIDATE_ID STRING, N BIGINT',
        '  > LogicalSink BALLOTS (topic BALLOTS, key KAFKA, value JSON)',
        '    > LogicalProject [VOTER_ID := `$KEY_0`, CANDIDATE_ID := `$AGG_0`, N := `$AGG_1`]',
        '      > LogicalAggregate by [VOTER_ID] computing [LATEST_BY_OFFSET(CANDIDATE_ID), COUNT(*)]',
        '        > LogicalFilter (REGISTERED_AGE >= 18)',
        '          > LogicalSource VOTES (STREAM, topic votes_topic)',
      ].join('\n'),
    );
  });

  it('chooses the windowed, session and table operators', () => {
    expect(
      plan(
        'CREATE TABLE T AS SELECT CANDIDATE_ID, COUNT(*) AS N FROM VOTES WINDOW TUMBLING (SIZE 1 MINUTE) GROUP BY CANDIDATE_ID;',
      ).operator,
    ).toBe('WindowedAggregate');
    expect(
      plan(
        'CREATE TABLE T AS SELECT CANDIDATE_ID, COUNT(*) AS N FROM VOTES WINDOW SESSION (30 SECONDS) GROUP BY CANDIDATE_ID;',
      ).operator,
    ).toBe('SessionAggregate');
    expect(
      plan('CREATE TABLE T AS SELECT CANDIDATE_ID, COUNT(*) AS N FROM VOTES GROUP BY CANDIDATE_ID;', {
        ...VOTES,
        type: 'TABLE',
      }).operator,
    ).toBe('TableAggregate');
    expect(plan('CREATE STREAM S AS SELECT * FROM VOTES;').operator).toBe('StreamSelect');
  });
});
