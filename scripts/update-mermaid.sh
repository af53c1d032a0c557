#!/usr/bin/env bash
# Replace the shipped Mermaid build with another version from the npm registry:
#   scripts/update-mermaid.sh 12.3.0
set -euo pipefail
version="${1:?usage: $0 VERSION}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent "mermaid@$version" >/dev/null && tar -xzf mermaid-*.tgz)
target="$(dirname "$0")/../sopbook/assets/mermaid"
cp "$work/package/dist/mermaid.min.js" "$target/mermaid.min.js"
cp "$work/package/LICENSE" "$target/LICENSE"
echo "$version" > "$target/VERSION"
echo "Mermaid $version installed in $target"
