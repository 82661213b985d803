#!/usr/bin/env bash
# Installs a TornadoVM SDK from a release archive into a cache folder outside the repository and
# prints the SDK's folder (the value for TORNADOVM_HOME). The archive must match its sha256; an SDK
# extracted earlier from the same archive is reused. .ci/run uses it with the OpenCL archive in
# ../shared/tornadovm; the SDK never goes into the repository.
#   --archive FILE  default: ../shared/tornadovm/tornadovm-5.2.0-jdk25-opencl-linux-amd64.tar.gz
#                   beside the repository folder
#   --sha256 HEX    default: that archive's sha256 (as shared/tornadovm/README.md gives it)
#   --cache DIR     default: ${XDG_CACHE_HOME:-$HOME/.cache}/sparsedrl
# Exit codes: 0 installed or reused (SDK folder on stdout), 2 bad usage, 1 archive missing or
# not matching its sha256, or extraction failed.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

archive="$root/../shared/tornadovm/tornadovm-5.2.0-jdk25-opencl-linux-amd64.tar.gz"
sha256="fef468f0aceb35ccbc081d37836e73d6459cc5bcda5df3467b962f8820af702c"
cache="${XDG_CACHE_HOME:-$HOME/.cache}/sparsedrl"

usage() {
  echo "install-tornado-sdk: $1 (options: --archive FILE, --sha256 HEX, --cache DIR)" >&2
  exit 2
}
while [ $# -gt 0 ]; do
  case "$1" in
    --archive|--sha256|--cache)
      [ $# -ge 2 ] && [ -n "$2" ] || usage "$1 needs a value"
      case "$1" in
        --archive) archive="$2" ;;
        --sha256) sha256="$2" ;;
        --cache) cache="$2" ;;
      esac
      shift 2 ;;
    *) usage "unknown argument '$1'" ;;
  esac
done
[[ "$sha256" =~ ^[0-9a-f]{64}$ ]] || usage "--sha256 must be 64 lower-case hex digits, got '$sha256'"

if [ ! -f "$archive" ]; then
  echo "install-tornado-sdk: no TornadoVM archive at $archive (pass --archive FILE)" >&2
  exit 1
fi
actual=$(sha256sum "$archive" | cut -d' ' -f1)
if [ "$actual" != "$sha256" ]; then
  echo "install-tornado-sdk: $archive has sha256 $actual, expected $sha256: not installing it" >&2
  exit 1
fi

# One folder per archive content: another archive never reuses this one's SDK.
dest="$cache/tornadovm-${sha256:0:16}"
if [ -x "$dest/tornadovm-sdk/bin/tornado" ]; then
  echo "$dest/tornadovm-sdk"
  exit 0
fi
if [ -e "$dest" ]; then
  echo "install-tornado-sdk: $dest exists but holds no SDK (no tornadovm-sdk/bin/tornado); remove it and rerun" >&2
  exit 1
fi
mkdir -p "$cache"
# Extract beside the destination, then rename: an interrupted run leaves no half SDK at $dest.
partial=$(mktemp -d "$dest.partial.XXXXXX")
trap 'rm -rf "$partial"' EXIT
chmod 755 "$partial"
tar -C "$partial" -xzf "$archive"
if [ ! -x "$partial/tornadovm-sdk/bin/tornado" ]; then
  echo "install-tornado-sdk: $archive has no tornadovm-sdk/bin/tornado: not a TornadoVM SDK archive" >&2
  exit 1
fi
mv "$partial" "$dest"
trap - EXIT
echo "$dest/tornadovm-sdk"
