// The page's SSE parsing and problem naming, in plain node (node --test; Maven's test phase runs it).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ApiProblem, parseEvent, slugOf } from '../src/api.js';
import { describeProblem } from '../src/messages.js';

test('an SSE block gives its event name and its data lines joined by newlines', () => {
  assert.deepEqual(parseEvent('event: job\ndata: {"a":1,\ndata: "b":2}\nid: 3'), { event: 'job', data: '{"a":1,\n"b":2}' });
});

test('an SSE block without a space after the colon, with a comment, and without an event name', () => {
  assert.deepEqual(parseEvent(': keep-alive\ndata:{"x":true}'), { event: 'message', data: '{"x":true}' });
});

test('a problem type URN names its slug', () => {
  assert.equal(slugOf('urn:orfeas:problem:image-too-large'), 'image-too-large');
  assert.equal(slugOf(undefined), '');
});

test('too large, unsupported, no object and rate limited are said in plain words, with the Retry-After', () => {
  const said = (type, retryAfter) => describeProblem(new ApiProblem({ type, status: 400, detail: 'd' }, retryAfter));
  assert.match(said('urn:orfeas:problem:image-too-large').headline, /too large/);
  assert.match(said('urn:orfeas:problem:unsupported-image-type').headline, /PNG, JPEG or WebP/);
  assert.match(said('urn:orfeas:problem:no-foreground').headline, /No object found/);
  assert.match(said('urn:orfeas:problem:rate-limited', 17).headline, /Try again in 17 s/);
  assert.equal(said('urn:orfeas:problem:rate-limited', 17).detail, 'd');
});

test('a problem the page has no words for shows its own title', () => {
  const problem = new ApiProblem({ type: 'urn:orfeas:problem:something-new', title: 'Something new', status: 400 });
  assert.equal(describeProblem(problem).headline, 'Something new');
});
