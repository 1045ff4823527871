import { LOCALES } from '@baanrian/contracts';
import { PROBLEM_TITLES } from '../problem/problem.messages';
import { REACH_ERROR_STATUS } from './reach.exception';
import { withoutVisitorIdentity } from './reach-log';

describe('reach problem codes', () => {
  it.each(Object.keys(REACH_ERROR_STATUS))('%s has a title in Thai, English and Vietnamese, with the wait', (code) => {
    for (const locale of LOCALES) expect(PROBLEM_TITLES[code]?.[locale]).toMatch(/\{seconds\}/);
  });
});

const request = (url: string) => ({
  id: 'req-1',
  method: 'POST',
  url,
  headers: { host: 'learn.example.org', 'user-agent': 'Mozilla/5.0 Unique', 'x-forwarded-for': '203.0.113.9', referer: 'https://www.facebook.com/', 'content-type': 'application/json' },
  remoteAddress: '203.0.113.9',
  remotePort: 51234,
});

describe('the access log of the reach beacon', () => {
  it('keeps method, URL and harmless headers but drops the address, user agent and referrer', () => {
    const logged = withoutVisitorIdentity(request('/api/v1/reach/visits'));
    expect(logged).toEqual({ id: 'req-1', method: 'POST', url: '/api/v1/reach/visits', headers: { host: 'learn.example.org', 'content-type': 'application/json' } });
    expect(JSON.stringify(logged)).not.toMatch(/203\.0\.113\.9|Unique|facebook/);
  });

  it('leaves every other request as it was', () => {
    const other = request('/api/v1/catalog');
    expect(withoutVisitorIdentity(other)).toBe(other);
  });
});
