// Build static/editor.js from src/editor.js; `--check` compares a fresh build with the committed file.
// The output depends only on the pinned packages (package-lock.json) and these options: no
// timestamps, no absolute paths, so the same inputs give the same bytes on every machine.
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const here = dirname(fileURLToPath(import.meta.url));
const outfile = join(here, "..", "static", "editor.js");

const result = await build({
  absWorkingDir: here,
  entryPoints: ["src/editor.js"],
  bundle: true,
  minify: true,
  format: "iife",
  target: ["es2020"],
  legalComments: "none",
  charset: "utf8",
  write: false,
  outfile,
  banner: {
    js: "/* ArrayDojo editor: CodeMirror 6 (MIT, codemirror.net) with @replit/codemirror-vim and -emacs (MIT). Built by frontend/build.mjs; do not edit. */",
  },
});
const bytes = result.outputFiles[0].contents;

if (process.argv.includes("--check")) {
  const committed = readFileSync(outfile);
  if (!committed.equals(Buffer.from(bytes))) {
    console.error(`static/editor.js differs from a fresh build (${committed.length} vs ${bytes.length} bytes): run 'npm run build' in frontend/`);
    process.exit(1);
  }
  console.log(`static/editor.js matches a fresh build (${bytes.length} bytes)`);
} else {
  writeFileSync(outfile, bytes);
  console.log(`wrote static/editor.js (${bytes.length} bytes)`);
}
