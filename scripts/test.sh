#!/usr/bin/env bash
# The test command (README, .ci/run): every module's JUnit 5 tests through Maven.
# Tests that need something this machine may lack (ROMs, a TornadoVM SDK, Slurm) skip themselves
# with a printed reason; .ci/run installs ROMs and Slurm first so that in CI they run.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=../env.sh
source "$root/env.sh"
cd "$root"
exec mvn -B -ntp verify "$@"
