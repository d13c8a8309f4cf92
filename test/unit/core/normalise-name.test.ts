// normaliseName skips its split/join for names that are already clean; every name must come out as the
// plain component-by-component rule says, whichever way it went.
import { describe, expect, it } from 'vitest';
import { normaliseName } from '../../../src/core/names.js';

function byComponents(raw: string): { path: string; escaped: boolean } {
  const out: string[] = [];
  let escaped = false;
  for (const part of raw.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (out.length === 0) escaped = true;
      else out.pop();
    } else {
      out.push(part);
    }
  }
  return { path: out.join('/'), escaped };
}

describe('normaliseName', () => {
  it('agrees with the component rule on every name of up to 7 chars over a, ., /', () => {
    const names = [''];
    for (let length = 1; length <= 7; length++) {
      for (const name of names.filter((n) => n.length === length - 1)) for (const c of ['a', '.', '/']) names.push(name + c);
    }
    for (const name of names) expect(normaliseName(name), JSON.stringify(name)).toEqual(byComponents(name));
  });

  it('keeps clean names as they are and drops one trailing slash', () => {
    expect(normaliseName('usr/bin/env')).toEqual({ path: 'usr/bin/env', escaped: false });
    expect(normaliseName('usr/lib/')).toEqual({ path: 'usr/lib', escaped: false });
    expect(normaliseName('.hidden/..x/...')).toEqual({ path: '.hidden/..x/...', escaped: false });
    expect(normaliseName('../etc')).toEqual({ path: 'etc', escaped: true });
  });

  it("takes the './' of a layer tarred from inside its root off, and nothing else with it", () => {
    expect(normaliseName('./etc/rc2.d/')).toEqual({ path: 'etc/rc2.d', escaped: false });
    expect(normaliseName('./')).toEqual({ path: '', escaped: false });
    expect(normaliseName('./.wh.x')).toEqual({ path: '.wh.x', escaped: false });
    expect(normaliseName('./../x')).toEqual({ path: 'x', escaped: true });
    expect(normaliseName('.//x/')).toEqual({ path: 'x', escaped: false });
    expect(normaliseName('./x/../y')).toEqual({ path: 'y', escaped: false });
  });
});
