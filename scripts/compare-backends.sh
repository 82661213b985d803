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
    sed -n '2,12p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
    exit 0 ;;
esac

# The launcher builds the application jar when it is missing or older than the sources.
"$root/sparsedrl" --version >/dev/null

if [ -n "${TORNADOVM_HOME:-}" ]; then
  # TornadoVM's launcher takes over any argument that starts with '--', so it cannot pass ours.
  # Ask it for the JVM command line it would use and run that with our arguments instead, minus
  # the working directory it puts on the module path (whatever lies here is no module of ours).
  flags="$("$TORNADOVM_HOME/bin/tornado" --printJavaFlags 2>/dev/null | tail -n 1)"
  flags="${flags/--module-path .:/--module-path }"
  read -r -a tornado_java <<< "$flags"
  if [ "${#tornado_java[@]}" -lt 2 ]; then
    echo "compare-backends: '$TORNADOVM_HOME/bin/tornado --printJavaFlags' gave no command line" >&2
    exit 1
  fi
  # Bailouts off: a kernel TornadoVM cannot compile must fail, not run quietly on the JVM.
  # shellcheck disable=SC2086
  "${tornado_java[@]}" --add-modules=jdk.incubator.vector -Dtornado.recover.bailout=False ${SPARSEDRL_JAVA_OPTS:-} -cp "$jar" "$main" "$@"
else
  echo "compare-backends: no TornadoVM SDK (TORNADOVM_HOME unset and none under /opt/tornadovm*): JVM backend only." >&2
  # shellcheck disable=SC2086
  "$JAVA_HOME/bin/java" --add-modules=jdk.incubator.vector ${SPARSEDRL_JAVA_OPTS:-} -cp "$jar" "$main" --backends jvm "$@"
fi
