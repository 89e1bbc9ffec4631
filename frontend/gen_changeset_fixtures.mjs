// Write tests/app/fixtures/changesets.json: random documents and ChangeSets run through the real
// @codemirror/state, so app/collab.py is checked against what the browser computes. `--check`
// compares a fresh generation with the committed file instead of writing it.
// Deterministic: a seeded generator, no clock, so the same lockfile gives the same bytes.
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { ChangeSet, EditorState, Text } from "@codemirror/state";

const here = dirname(fileURLToPath(import.meta.url));
const outfile = join(here, "..", "tests", "app", "fixtures", "changesets.json");

// mulberry32: small, seeded, the same on every Node version.
function generator(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const random = generator(20261201);
const int = (n) => Math.floor(random() * n);
const pick = (items) => items[int(items.length)];

// Astral characters (two UTF-16 code units each), accents, CJK, tabs and line breaks.
const PIECES = ["a", "b", "x", "y", "0", " ", "    ", "\n", "\n", "np.", "(", ")", "é", "中", "\t", "😀", "🧮", "𝑥"];

function randomText(maxPieces) {
  let text = "";
  for (let n = int(maxPieces + 1); n > 0; n--) text += pick(PIECES);
  return text;
}

// Positions that never cut a surrogate pair, unless `anywhere` (then half an emoji may be edited).
function randomPos(doc, from, anywhere) {
  const length = doc.length;
  for (let tries = 0; tries < 8; tries++) {
    const pos = from + int(length - from + 1);
    if (anywhere || !isInsidePair(doc, pos)) return pos;
  }
  return length;
}

function isInsidePair(doc, pos) {
  const code = doc.charCodeAt(pos - 1);
  return pos > 0 && pos < doc.length && code >= 0xd800 && code < 0xdc00;
}

function randomSpecs(doc, anywhere) {
  const specs = [];
  for (let n = 1 + int(4); n > 0; n--) {
    const from = randomPos(doc, 0, anywhere);
    const to = random() < 0.4 ? from : randomPos(doc, from, anywhere);
    const insert = random() < 0.25 ? "" : randomText(4);
    specs.push({ from, to, insert });
  }
  return specs;
}

function mapped(changes, length) {
  const positions = new Set([0, length]);
  while (positions.size < Math.min(length + 1, 8)) positions.add(int(length + 1));
  const rows = [];
  for (const pos of [...positions].sort((x, y) => x - y)) {
    rows.push([pos, -1, changes.mapPos(pos, -1)], [pos, 1, changes.mapPos(pos, 1)]);
  }
  return rows;
}

function applyCase(anywhere) {
  const doc = random() < 0.08 ? "" : randomText(12);
  const changes = ChangeSet.of(randomSpecs(doc, anywhere), doc.length);
  const result = changes.apply(Text.of(doc.split("\n"))).toString();
  return { kind: "apply", doc, changes: changes.toJSON(), result, mapped: mapped(changes, doc.length) };
}

// A log of updates, each made on the text the previous one left, composed as the server would.
function composeCase() {
  const doc = random() < 0.1 ? "" : randomText(10);
  let text = Text.of(doc.split("\n"));
  const log = [];
  let total = null;
  for (let n = 2 + int(4); n > 0; n--) {
    const current = text.toString();
    const changes = ChangeSet.of(random() < 0.15 ? [] : randomSpecs(current, false), current.length);
    log.push(changes.toJSON());
    text = changes.apply(text);
    total = total ? total.compose(changes) : changes;
  }
  return { kind: "compose", doc, log, composed: total.toJSON(), result: text.toString(), mapped: mapped(total, doc.length) };
}

// Changes made for another version of the text: CodeMirror refuses them, and so must the server.
function wrongLengthCase() {
  const doc = randomText(10);
  const other = doc + pick(["a", "😀", "\n"]);
  const changes = ChangeSet.of(randomSpecs(other, false), other.length);
  let refused = false;
  try {
    changes.apply(Text.of(doc.split("\n")));
  } catch {
    refused = true;
  }
  return { kind: "refused", doc, changes: changes.toJSON(), refused };
}

// JSON shapes CodeMirror's fromJSON itself rejects.
const MALFORMED = [{}, "3", null, 3, [[]], [["1"]], [[1, 2]], [[1, "a", 2]], [true], ["a"], [[null]], [1, {}]];
function malformedCases() {
  return MALFORMED.map((changes) => {
    let refused = false;
    try {
      ChangeSet.fromJSON(changes);
    } catch {
      refused = true;
    }
    return { kind: "malformed", doc: "", changes, refused };
  });
}

// Text with "\r\n" and lone "\r" as an editor loads it (the server normalises starter code the same way).
function loadCase() {
  let doc = "";
  for (let n = int(8); n > 0; n--) doc += pick(["a", "😀", "\r\n", "\r", "\n", "\r\r\n", "\n\r"]);
  return { kind: "load", doc, result: EditorState.create({ doc }).doc.toString() };
}

const cases = [];
for (let n = 0; n < 260; n++) cases.push(applyCase(false));
for (let n = 0; n < 60; n++) cases.push(applyCase(true));
for (let n = 0; n < 80; n++) cases.push(composeCase());
for (let n = 0; n < 20; n++) cases.push(wrongLengthCase());
cases.push(...malformedCases());
for (let n = 0; n < 12; n++) cases.push(loadCase());

// One case per line: small diffs when the pinned package changes.
const text = `[\n${cases.map((c) => JSON.stringify(c)).join(",\n")}\n]\n`;

if (process.argv.includes("--check")) {
  const committed = readFileSync(outfile, "utf8");
  if (committed !== text) {
    console.error("tests/app/fixtures/changesets.json differs from a fresh generation: run 'node gen_changeset_fixtures.mjs' in frontend/");
    process.exit(1);
  }
  console.log(`tests/app/fixtures/changesets.json matches a fresh generation (${cases.length} cases)`);
} else {
  writeFileSync(outfile, text);
  console.log(`wrote tests/app/fixtures/changesets.json (${cases.length} cases, ${Buffer.byteLength(text)} bytes)`);
}
