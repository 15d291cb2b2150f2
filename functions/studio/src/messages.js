// What the page says for each problem type of the API (docs/http-api.md's catalogue): one place for the wording.

const BY_SLUG = {
  'image-too-large': () => 'The picture is too large.',
  'body-too-large': () => 'The picture is too large.',
  'unsupported-image-type': () => 'This file type is not supported: use a PNG, JPEG or WebP picture.',
  'undecodable-image': () => 'The picture cannot be read: the file may be damaged.',
  'no-foreground': () => 'No object found in the picture. Try "None: a relief" or a picture with a plain background.',
  'image-rejected': () => 'This picture cannot be made into a mesh.',
  'invalid-options': () => 'An option is out of range.',
  'rate-limited': (p) => 'Rate limited: too many requests.' + retry(p),
  'saturated': (p) => 'The server is busy with other models.' + retry(p),
  'unauthorized': () => 'An API key is needed: enter it at the top of the page.',
  'not-ready': (p) => 'The server is still starting.' + retry(p),
  'shutting-down': (p) => 'The server is restarting.' + retry(p),
  'storage-unavailable': (p) => 'The storage is unavailable at the moment.' + retry(p),
  'network': () => 'The server cannot be reached. Check the connection and try again.',
};

function retry(problem) {
  return problem.retryAfter !== undefined ? ` Try again in ${problem.retryAfter} s.` : ' Try again shortly.';
}

/**
 * {headline, detail} for an ApiProblem (or a problem+json object of a failed job): the headline in the page's
 * words, the detail as the server gave it.
 */
export function describeProblem(problem) {
  const slug = problem.slug ?? '';
  const wording = BY_SLUG[slug];
  const headline = wording ? wording(problem) : (problem.problem?.title || problem.message || 'Something went wrong.');
  const detail = problem.problem?.detail ?? '';
  return { headline, detail: detail && detail !== headline ? detail : '' };
}
