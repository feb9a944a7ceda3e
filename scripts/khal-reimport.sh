#!/usr/bin/env bash
# Re-imports a regenerated on-call calendar into khal (Debian's `khal` package) and records what khal holds,
# so test/khal.test.ts can check it against what runbook says the current shifts are. khal is not needed by CI
# or the tests: run this by hand after changing the calendar, and commit test/fixtures/khal/.
#
#   sudo apt-get install khal && npm run build && scripts/khal-reimport.sh
#
# The story: the shipped runbooks publish 26 weeks; then Isla (locked profit primary in the week of
# 2027-02-08) books two weeks away, Dev covers Grace's engagement shift Tuesday to Thursday that week, and the
# aggregated pipeline leaves the rotation. Calendar A (as first published) is imported, then calendar B (after
# the edits, published again); khal's events are listed after each import.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
out="$here/test/fixtures/khal"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export SOURCE_DATE_EPOCH=1790000000 TZ=UTC
runbook() { (cd "$work" && node "$here/bin/runbook.js" --no-cache --dir runbooks "$@"); }

cp -r "$here/runbooks" "$work/runbooks"
mkdir -p "$work/cal/oncall"
cat >"$work/khal.conf" <<CONF
[calendars]
[[oncall]]
path = $work/cal/oncall
[locale]
timeformat = %H:%M
dateformat = %Y-%m-%d
longdateformat = %Y-%m-%d
datetimeformat = %Y-%m-%dT%H:%M
longdatetimeformat = %Y-%m-%dT%H:%M
default_timezone = UTC
local_timezone = UTC
[default]
default_calendar = oncall
CONF
held() {
  khal -c "$work/khal.conf" list --day-format "" --format "{uid}|{status}|{start}|{end}|{title}" 2026-11-01 400d |
    sort -u
}

runbook rotate --weeks 26 --start 2026-11-30 --publish >/dev/null
runbook rotate --weeks 26 --start 2026-11-30 -o "$out/a.ics"
khal -c "$work/khal.conf" import --batch -a oncall "$out/a.ics"
held >"$out/held-after-a.txt"

# The edits a team makes over a few weeks.
node -e '
  const fs = require("node:fs");
  const dir = process.argv[1];
  const roster = fs.readFileSync(`${dir}/roster.yaml`, "utf8");
  const at = roster.indexOf("  - id: jonas");
  fs.writeFileSync(`${dir}/roster.yaml`,
    roster.slice(0, at).trimEnd() + "\n    away:\n      - { from: 2027-02-08, to: 2027-02-21, reason: ski trip }\n" + roster.slice(at));
  const aggregated = fs.readFileSync(`${dir}/aggregated.yaml`, "utf8");
  fs.writeFileSync(`${dir}/aggregated.yaml`,
    aggregated.replace("  mode: rotation\n  team: Data Engineering Team\n  weeks: last-of-month\n", "  mode: business-hours\n"));
' "$work/runbooks"
runbook override add --pipeline engagement --from 2027-02-09 --to 2027-02-12 --person dev --reason "grace at a conference" >/dev/null
runbook rotate --diff --json >"$out/diff.json"
runbook rotate --weeks 26 --start 2026-11-30 --publish >/dev/null
runbook rotate --weeks 26 --start 2026-11-30 -o "$out/b.ics"
runbook rotate --weeks 26 --start 2026-11-30 --format json >"$out/b.json"
khal -c "$work/khal.conf" import --batch -a oncall "$out/b.ics"
held >"$out/held-after-b.txt"
cp "$work/runbooks/rotation.lock.yaml" "$out/rotation.lock.yaml"
khal --version >"$out/khal-version.txt"
echo "khal holds $(grep -vc '|CANCELLED' "$out/held-after-b.txt") live events and $(grep -c '|CANCELLED' "$out/held-after-b.txt") cancelled ones; see $out"
