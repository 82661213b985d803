#!/usr/bin/env bash
# Regenerates scripts/sparsedrl_completion (bash/zsh) from the CLI definition with picocli.
# Run after adding or renaming options; the CLI test checks the file names every subcommand.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=../env.sh
source "$root/env.sh"
"$root/sparsedrl" --version >/dev/null
java -cp "$root/agent/target/sparsedrl.jar" picocli.AutoComplete --force \
  --completionScript "$root/scripts/sparsedrl_completion" -n sparsedrl sparsedrl.cli.SparseDrl
echo "wrote $root/scripts/sparsedrl_completion"
