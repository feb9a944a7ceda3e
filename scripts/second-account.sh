#!/bin/sh
# The shared-machine cache attacks (SECURITY.md), re-run with a real second account: run as root, naming
# another user. That user fills a cache folder they own, then forges it (scripts/forge-cache.mjs): look-up
# entries naming attacker@evil.example with valid checksums, and a code cache compiled from a bundle altered
# to report version 6.6.6. Root's commands pointed at that folder must answer exactly as with --no-cache,
# with one line on stderr each. Not part of CI: it needs root and a second account.
#
#   useradd -m attacker && scripts/second-account.sh attacker
set -eu
user=${1:?usage: scripts/second-account.sh <other user>}
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
chmod 755 "$work"
cp -r "$root/runbooks" "$work/"
chmod -R a+rX "$work/runbooks"
mkdir "$work/cache"
chown "$user" "$work/cache"
at=2027-01-05T12:00
as_user() { su "$user" -s /bin/sh -c "$1"; }
cli="node $root/bin/runbook.js --dir $work/runbooks"

echo "== $user fills $work/cache and forges it"
# Twice: the bundle's own code cache is kept from a run answered from the look-up cache.
as_user "XDG_CACHE_HOME=$work/cache $cli who engagement --at $at >/dev/null"
as_user "XDG_CACHE_HOME=$work/cache $cli who engagement --at $at >/dev/null"
as_user "node $root/scripts/forge-cache.mjs $work/cache/runbook"
ls -l "$work/cache/runbook"

echo "== root, with $user's cache folder"
XDG_CACHE_HOME="$work/cache" $cli who engagement --at $at >"$work/cached.out" 2>"$work/cached.err"
XDG_CACHE_HOME="$work/cache" $cli --version >"$work/version.out" 2>"$work/version.err"
$cli --no-cache who engagement --at $at >"$work/plain.out"
$cli --no-cache --version >"$work/plain-version.out"
for run in cached version; do
  echo "-- $run: stderr ($(wc -l <"$work/$run.err") line):"
  cat "$work/$run.err"
done
cmp "$work/cached.out" "$work/plain.out" && echo "who: equal to --no-cache"
for command in "show engagement late-click-data --at $at" "owners"; do
  XDG_CACHE_HOME="$work/cache" $cli $command >"$work/a.out" 2>/dev/null
  $cli --no-cache $command >"$work/b.out"
  cmp "$work/a.out" "$work/b.out" && echo "$command: equal to --no-cache"
done
cmp "$work/version.out" "$work/plain-version.out" && echo "--version: equal to --no-cache ($(cat "$work/version.out"))"
if grep -q evil "$work/cached.out" "$work/a.out"; then echo "FAIL: the forged entry was used"; exit 1; fi

echo "== control: the same forged files in folders root owns are trusted (what the ownership check stops)"
# Apart: the forged bundle reports another version, which would make every look-up entry a miss.
for kind in json bin; do
  mkdir -m 700 "$work/own-$kind" "$work/own-$kind/runbook"
  cp "$work/cache/runbook/"*."$kind" "$work/own-$kind/runbook/"
  chown -R root:root "$work/own-$kind"
  chmod 600 "$work/own-$kind/runbook/"*
done
for command in "who engagement --at $at" "show engagement late-click-data --at $at"; do
  XDG_CACHE_HOME="$work/own-json" $cli $command >/dev/null
  echo "$command: $(XDG_CACHE_HOME="$work/own-json" $cli $command | grep -c evil.example) lines name evil.example"
done
echo "--version: $(XDG_CACHE_HOME="$work/own-bin" $cli --version)"
rm -rf "$work"
