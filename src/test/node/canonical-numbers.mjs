// Checks numbers canonicalised by Pillar against ECMAScript's own Number-to-string (what RFC 8785 prescribes).
// Usage: node canonical-numbers.mjs FILE.json   (a list of [IEEE 754 bits as 16 hex digits, Pillar's text])
import { readFileSync } from 'node:fs';

const cases = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const wrong = [];
for (const [bits, text] of cases) {
  const expected = JSON.stringify(Buffer.from(bits, 'hex').readDoubleBE(0));
  if (expected !== text) wrong.push({ bits, pillar: text, ecmascript: expected });
}
console.log(JSON.stringify({ checked: cases.length, wrong: wrong.slice(0, 20), wrongCount: wrong.length }));
process.exit(wrong.length === 0 ? 0 : 1);
