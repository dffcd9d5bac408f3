import { describe, expect, it } from 'vitest';
import { T } from '../types.js';
import { call } from './call.fixture.js';

const S = T.STRING;
const url1 = 'http://user@www.test.com:8080/nested/p%20ath?one=a&two=url%20encoded&three#frag%21';

describe('URL functions (java.net.URI reading)', () => {
  it.each([
    ['url_extract_protocol', [url1], 'http'],
    ['url_extract_host', [url1], 'www.test.com'],
    ['url_extract_port', [url1], 8080],
    ['url_extract_path', [url1], '/nested/p ath'],
    ['url_extract_query', [url1], 'one=a&two=url encoded&three'],
    ['url_extract_fragment', [url1], 'frag!'],
    ['url_extract_parameter', [url1, 'two'], 'url encoded'],
    ['url_extract_parameter', [url1, 'three'], ''],
    ['url_extract_parameter', [url1, 'four'], null],
    ['url_extract_port', ['http://test@confluent.io'], null],
    ['url_extract_path', ['http://www.test.com?query#fragment'], ''],
    ['url_extract_query', ['http://test.com/path'], null],
    ['url_extract_fragment', ['http://www.nofragment.com'], null],
    ['url_extract_protocol', ['www.confluent.io'], null],
    ['url_extract_host', ['www.confluent.io'], null],
    ['url_extract_path', ['www.confluent.io'], 'www.confluent.io'],
    ['url_extract_host', ['http://[::1]:80/'], '[::1]'],
    // An authority that is not host[:port] is registry-based: no host, no port.
    ['url_extract_host', ['http://under_score.com/'], null],
    ['url_extract_path', ['mailto:someone@x.org'], null],
    ['url_extract_host', [null], null],
    ['url_encode_param', ['?foo $bar'], '%3Ffoo+%24bar'],
    ['url_encode_param', ['a-_.*~é'], 'a-_.*%7E%C3%A9'],
    ['url_decode_param', ['%3Ffoo+%24bar'], '?foo $bar'],
    ['url_decode_param', ['%C3%A9'], 'é'],
  ] as const)('%s(%j) is %j', (name, values, expected) => {
    expect(
      call(
        name,
        values.map(() => S),
        [...values],
      ),
    ).toEqual(expected);
  });

  it('fails on what java.net.URI and URLDecoder refuse', () => {
    expect(() => call('url_extract_host', [S], ['http://a b.com/'])).toThrow(
      /^URL input has invalid syntax: http:\/\/a b.com\//,
    );
    expect(() => call('url_extract_path', [S], ['http://a.com/%zz'])).toThrow(/invalid syntax/);
    expect(() => call('url_decode_param', [S], ['100%'])).toThrow(
      'URLDecoder: Incomplete trailing escape (%) pattern',
    );
    expect(() => call('url_decode_param', [S], ['%zz1'])).toThrow(
      'URLDecoder: Illegal hex characters in escape (%) pattern',
    );
  });
});
