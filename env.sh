# shellcheck shell=bash
# Environment for sparsedrl. Source it: `source env.sh` (every script and the launcher do).
#   JAVA_HOME      a JDK >= 21: an existing JAVA_HOME if it is new enough, else the newest under
#                  $SPARSEDRL_JVM_DIR (default /usr/lib/jvm).
#   TORNADOVM_HOME exported only when a TornadoVM SDK is found: an explicit TORNADOVM_HOME first,
#                  then /opt/tornadovm*/ and ~/tornadovm*/ (a directory with bin/tornado;
#                  SPARSEDRL_TORNADO_DIRS overrides where to look).
#   SPARSEDRL_ROMS the Atari ROM folder (default: roms/ next to this file).
# Returns non-zero with a message naming what is missing when no JDK >= 21 exists.

sparsedrl_root="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
export SPARSEDRL_HOME="$sparsedrl_root"

# Prints the feature release (17, 21, 25, ...) of the JDK at $1, or nothing when $1 is no JDK.
sparsedrl_jdk_release() {
  local home="$1" line
  [ -x "$home/bin/java" ] && [ -x "$home/bin/javac" ] || return 1
  if [ -f "$home/release" ]; then
    line=$(grep -E '^JAVA_VERSION=' "$home/release" | head -n 1)
    line=${line#JAVA_VERSION=}
    line=${line//\"/}
  else
    line=$("$home/bin/java" -version 2>&1 | head -n 1 | sed -E 's/.*version "([^"]+)".*/\1/')
  fi
  line=${line#1.}
  line=${line%%[.+-]*}
  [[ "$line" =~ ^[0-9]+$ ]] || return 1
  echo "$line"
}

sparsedrl_find_jdk() {
  local min=21 best="" best_rel=0 rel dir
  if [ -n "${JAVA_HOME:-}" ]; then
    rel=$(sparsedrl_jdk_release "$JAVA_HOME")
    if [ -n "$rel" ] && [ "$rel" -ge "$min" ]; then
      echo "$JAVA_HOME"
      return 0
    fi
  fi
  for dir in "${SPARSEDRL_JVM_DIR:-/usr/lib/jvm}"/*; do
    [ -d "$dir" ] && [ ! -L "$dir" ] || continue
    rel=$(sparsedrl_jdk_release "$dir") || continue
    if [ "$rel" -ge "$min" ] && [ "$rel" -gt "$best_rel" ]; then
      best="$dir"
      best_rel="$rel"
    fi
  done
  [ -n "$best" ] || return 1
  echo "$best"
}

sparsedrl_find_tornado() {
  local dir
  if [ -n "${TORNADOVM_HOME:-}" ]; then
    [ -x "$TORNADOVM_HOME/bin/tornado" ] && { echo "$TORNADOVM_HOME"; return 0; }
    echo "sparsedrl: TORNADOVM_HOME=$TORNADOVM_HOME has no bin/tornado; ignoring it" >&2
  fi
  # SPARSEDRL_TORNADO_DIRS: where to look when TORNADOVM_HOME is not usable (space-separated globs).
  for dir in ${SPARSEDRL_TORNADO_DIRS:-/opt/tornadovm* $HOME/tornadovm*}; do
    [ -x "$dir/bin/tornado" ] && { echo "$dir"; return 0; }
  done
  return 1
}

if sparsedrl_jdk="$(sparsedrl_find_jdk)"; then
  export JAVA_HOME="$sparsedrl_jdk"
  case ":$PATH:" in
    *":$JAVA_HOME/bin:"*) ;;
    *) export PATH="$JAVA_HOME/bin:$PATH" ;;
  esac
  if sparsedrl_tornado="$(sparsedrl_find_tornado)"; then
    export TORNADOVM_HOME="$sparsedrl_tornado"
    case ":$PATH:" in
      *":$TORNADOVM_HOME/bin:"*) ;;
      *) export PATH="$PATH:$TORNADOVM_HOME/bin" ;;
    esac
  else
    unset TORNADOVM_HOME
  fi
  export SPARSEDRL_ROMS="${SPARSEDRL_ROMS:-$sparsedrl_root/roms}"
  unset sparsedrl_jdk sparsedrl_tornado
  true
else
  echo "sparsedrl: no JDK 21 or newer found (JAVA_HOME=${JAVA_HOME:-unset}, searched ${SPARSEDRL_JVM_DIR:-/usr/lib/jvm})." >&2
  echo "sparsedrl: install one, e.g. 'apt-get install temurin-25-jdk' or 'apt-get install openjdk-21-jdk', or set JAVA_HOME to it." >&2
  unset sparsedrl_jdk
  false
fi
