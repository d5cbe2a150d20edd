// Verifies a Pillar governance bundle without Pillar: each vote's compact JWS with the jose library and the public
// JWK in the bundle, the proposal digest with an RFC 8785 canonicaliser written here, and the consensus rule.
// Usage: node verify-bundle.mjs BUNDLE.json --members AUS,GBR,USA   -> prints a JSON summary; exit 0 if it holds, 1 if not.
// --members is the list of core members in force on the proposal's day, from a source the verifier trusts (the
// partnership's published membership): the bundle's own `voters` list is not signed, so it is only checked against it.
import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { compactVerify, importJWK, calculateJwkThumbprint } from 'jose';

// RFC 8785: ECMAScript's own JSON.stringify for strings and numbers, properties sorted by UTF-16 code units.
function canonical(v) {
  if (v === null || typeof v !== 'object') return JSON.stringify(v);
  if (Array.isArray(v)) return '[' + v.map(canonical).join(',') + ']';
  return '{' + Object.keys(v).sort().map((k) => JSON.stringify(k) + ':' + canonical(v[k])).join(',') + '}';
}

function fail(message) {
  console.log(JSON.stringify({ ok: false, error: message }));
  process.exit(1);
}

const bundle = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const flag = process.argv.indexOf('--members');
if (flag < 0 || !process.argv[flag + 1]) {
  fail('give --members AUS,GBR,USA: the core members in force on the proposal\'s day, from a source you trust (the bundle\'s voters list is not signed)');
}
const members = process.argv[flag + 1].split(',').map((m) => m.trim()).filter((m) => m).sort();
const listed = [...bundle.voters].sort();
if (JSON.stringify(listed) !== JSON.stringify(members)) {
  fail(`the bundle lists voters ${listed.join(',')}, but the core members are ${members.join(',')}`);
}
if (bundle.type !== 'pillar.governance-bundle') fail('not a governance bundle');
const digest = createHash('sha256').update(canonical(bundle.proposal), 'utf8').digest('hex');
if (digest !== bundle.proposalDigest) fail(`proposal digest ${digest} differs from the bundle's ${bundle.proposalDigest}`);

const deadline = Date.parse(bundle.proposal.deadline);
const choices = new Map();
for (const v of bundle.votes) {
  if (!v.key) fail(`the vote of ${v.member} carries no key`);
  const thumbprint = await calculateJwkThumbprint({ kty: v.key.kty, crv: v.key.crv, x: v.key.x }, 'sha256');
  if (thumbprint !== v.key.kid) fail(`key ${v.key.kid} is not its own thumbprint (${thumbprint})`);
  const key = await importJWK(v.key, 'EdDSA');
  let verified;
  try {
    verified = await compactVerify(v.jws, key, { algorithms: ['EdDSA', 'Ed25519'] });
  } catch (e) {
    fail(`the vote of ${v.member} does not verify: ${e.code ?? e.message}`);
  }
  if (verified.protectedHeader.kid !== v.key.kid) fail(`the vote of ${v.member} names key ${verified.protectedHeader.kid}`);
  const payload = new TextDecoder().decode(verified.payload);
  if (payload !== canonical(JSON.parse(payload))) fail(`the vote of ${v.member} is not canonical JSON`);
  const claims = JSON.parse(payload);
  if (claims.type !== 'pillar.vote') fail(`the vote of ${v.member} is not a vote`);
  if (claims.proposal !== bundle.proposal.id) fail(`the vote of ${v.member} is for ${claims.proposal}`);
  if (claims.proposalDigest !== digest) fail(`the vote of ${v.member} was signed for other content`);
  if (claims.member !== v.member || claims.choice !== v.choice) fail(`the vote of ${v.member} says ${claims.member} ${claims.choice}`);
  const day = claims.time.slice(0, 10);
  if ((v.keyValid.from && day < v.keyValid.from) || (v.keyValid.until && day > v.keyValid.until)) fail(`the key of ${v.member} was not valid on ${day}`);
  if (Date.parse(claims.time) > deadline) fail(`the vote of ${v.member} was signed after the deadline`);
  if (choices.has(claims.member)) fail(`${claims.member} voted twice`);
  choices.set(claims.member, claims.choice);
}
const objected = [...choices.values()].includes('OBJECT');
for (const m of choices.keys()) if (!members.includes(m)) fail(`${m} voted but is not a core member`);
const adopted = !objected && members.every((m) => choices.get(m) === 'APPROVE');
const result = objected ? 'REJECTED' : adopted ? 'ADOPTED' : 'UNDECIDED';
const claimed = bundle.outcome ? bundle.outcome.result : 'UNDECIDED';
if (claimed !== result) fail(`the bundle claims ${claimed}, the signed votes give ${result}`);
console.log(JSON.stringify({ ok: true, proposal: bundle.proposal.id, digest, votes: choices.size, result }));
