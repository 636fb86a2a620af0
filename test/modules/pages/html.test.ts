import assert from 'node:assert/strict';
import { html } from '../../../src/modules/pages/html.js';

describe('pages: the html tag escapes every value (issue 11, XSS)', () => {
  it('escapes strings, numbers and arrays, and passes only html-built fragments through', () => {
    const name = '<img src=x onerror="alert(1)">&\'';
    const out = html`<p title="${name}">${name}${[name, 3]}${html`<b>${'<i>'}</b>`}${null}${undefined}${false}</p>`
      .text;
    assert.equal(
      out,
      '<p title="&lt;img src=x onerror=&quot;alert(1)&quot;&gt;&amp;&#39;">' +
        '&lt;img src=x onerror=&quot;alert(1)&quot;&gt;&amp;&#39;&lt;img src=x onerror=&quot;alert(1)&quot;&gt;&amp;&#39;3<b>&lt;i&gt;</b></p>',
    );
  });
});
