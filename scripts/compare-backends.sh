#!/usr/bin/env bash
# Same network, same seed, N updates on every available backend/device: prints updates/s and the
# largest absolute difference of Q-values and weights against the JVM backend.
#
#   scripts/compare-backends.sh [--net minatar|nature] [--padding same|valid] [--no-bias]
#                               [--updates N] [--batch B] [--seed S] [--sparsity F]
#                               [--backends jvm,tornado[:D:I]...]
#
# Backends: the JVM backend always; with a TornadoVM SDK (TORNADOVM_HOME, see env.sh) every device
# that 'tornado --devices' lists, unless --backends names them. Without an SDK only the JVM row is
# printed, with a note. Exit status: 0 when every backend matched the JVM within the tolerance
# stated in the output, 1 on a mismatch or failure, 2 on bad arguments.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=../env.sh
source "$root/env.sh"

main=sparsedrl.tasks.backend.tornado.CompareBackends
jar="$root/agent/target/sparsedrl.jar"

case " $* " in
  *" --help "*|*" -h "*)
    sed -n '2,13p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
    exit 0 ;;
esac

# The launcher builds the application jar when it is missing or older than the sources.
"$root/sparsedrl" --version >/dev/null

if [ -n "${TORNADOVM_HOME:-}" ]; then
  # Bailouts off: a kernel TornadoVM cannot compile must fail, not run quietly on the JVM.
  # The tornado launcher puts the working directory on the module path: run from an empty one.
  workdir="$(mktemp -d)"
  trap 'rm -rf "$workdir"' EXIT
  cd "$workdir"
  "$TORNADOVM_HOME/bin/tornado" --jvm="-Dtornado.recover.bailout=False ${SPARSEDRL_JAVA_OPTS:-}" \
      --classpath "$jar" "$main" "$@"
else
  echo "compare-backends: no TornadoVM SDK (TORNADOVM_HOME unset and none under /opt/tornadovm*): JVM backend only." >&2
  # shellcheck disable=SC2086
  "$JAVA_HOME/bin/java" ${SPARSEDRL_JAVA_OPTS:-} -cp "$jar" "$main" --backends jvm "$@"
fi
