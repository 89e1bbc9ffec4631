// Completion of NumPy names after "np." (and "numpy.", or the document's own alias), of
// np.linalg / np.random / np.fft members, and of array methods after any other name ("x.").
// The names come from the pinned NumPy (numpy_names.json, written by ../gen_numpy_names.py);
// the document's own names come from @codemirror/lang-python's local completion.
import { syntaxTree } from "@codemirror/language";
import NAMES from "./numpy_names.json";

const NAMESPACES = ["numpy", "numpy.linalg", "numpy.random", "numpy.fft"];
const SKIP_NODES = new Set(["String", "FormatString", "Comment"]);

function optionsOf(groups, boost = 0) {
  const options = [];
  for (const [type, labels] of Object.entries(groups)) {
    for (const label of labels) options.push({ label, type, boost });
  }
  return options;
}

const OPTIONS = Object.fromEntries(NAMESPACES.map((name) => [name, optionsOf(NAMES[name])]));
// Methods first: after "x." one usually wants x.sum(...), x.reshape(...), then x.shape.
const ARRAY_OPTIONS = optionsOf({ method: NAMES.ndarray.method }, 1).concat(optionsOf({ property: NAMES.ndarray.property }));

/** The names this document gives NumPy: "np" and "numpy", plus any `import numpy as X`. */
function numpyAliases(doc) {
  const aliases = new Set(["np", "numpy"]);
  for (const match of doc.matchAll(/^\s*import\s+numpy\s+as\s+([A-Za-z_]\w*)/gm)) aliases.add(match[1]);
  return aliases;
}

/** The options after a dotted path: NumPy's for "np" / "np.linalg", an array's for any other name. */
function optionsAfter(path, aliases) {
  const [head, ...rest] = path.split(".");
  if (!aliases.has(head)) return ARRAY_OPTIONS;
  return OPTIONS[["numpy", ...rest].join(".")] || null; // np.ma., np.pi.: nothing we know of
}

export function numpyCompletions(context) {
  const node = syntaxTree(context.state).resolveInner(context.pos, -1);
  if (SKIP_NODES.has(node.name)) return null;
  const before = context.matchBefore(/[A-Za-z_][\w]*(?:\.[A-Za-z_]\w*)*\.\w*$/);
  if (!before) return null;
  const dot = before.text.lastIndexOf(".");
  const path = before.text.slice(0, dot);
  // Imports sit at the top: reading the first 20,000 characters keeps each keystroke cheap.
  const options = optionsAfter(path, numpyAliases(context.state.sliceDoc(0, Math.min(context.pos, 20000))));
  if (!options) return null;
  return { from: before.from + dot + 1, options, validFor: /^\w*$/ };
}

export const NUMPY_VERSION = NAMES.version;
