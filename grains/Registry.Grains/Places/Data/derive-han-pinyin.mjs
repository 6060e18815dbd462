// Derives han-pinyin.txt from the npm package `pinyin` (hotoo/pinyin, MIT), file data/dict-zi.js.
// Usage: cd /tmp && npm pack pinyin@2.11.2 && tar xzf pinyin-2.11.2.tgz
//        node derive-han-pinyin.mjs /tmp/package/data/dict-zi.js > han-pinyin.txt
// Output: one line per character, "<character>\t<reading>,<reading>..." (readings with tone marks, in the
// package's order), sorted by code point. Nothing is added or edited by hand.
import { readFileSync } from "node:fs";

const source = readFileSync(process.argv[2], "utf8");
const line = /^dict\[0x([0-9a-f]+)\]\s*=\s*"([^"]*)";/i;
const rows = [];
for (const text of source.split("\n")) {
  const match = line.exec(text);
  if (match) {
    rows.push([parseInt(match[1], 16), match[2]]);
  }
}
rows.sort((a, b) => a[0] - b[0]);
process.stdout.write("# Derived from npm pinyin@2.11.2 data/dict-zi.js (MIT, hotoo/pinyin) by derive-han-pinyin.mjs\n");
for (const [codePoint, readings] of rows) {
  process.stdout.write(`${String.fromCodePoint(codePoint)}\t${readings}\n`);
}
