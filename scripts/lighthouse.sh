#!/usr/bin/env bash
# Lighthouse 12.2.3 (desktop preset) on /pipeline, signed in as the demo manager, 3 runs; prints the median scores
# (performance, accessibility, best practices) and the key metrics (TBT, CLS, LCP, DOM size) with the machine's load.
# It publishes the app (Release) into a scratch folder, starts a scratch PostgreSQL cluster on a random port with the
# demo data, signs in by posting the login form with curl, and passes the auth cookie to Lighthouse. Everything it
# starts is stopped and removed at the end. Needs node/npm and Chromium at /usr/bin/chromium.
#   bash scripts/lighthouse.sh [RUNS]        (default 3; the JSON reports stay in $DEALTRACKER_LIGHTHOUSE_OUT if set)
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"
runs="${1:-3}"
chrome="${CHROME_PATH:-/usr/bin/chromium}"
for tool in node npm curl; do
  command -v "$tool" >/dev/null 2>&1 || { echo "scripts/lighthouse.sh needs $tool" >&2; exit 3; }
done
[ -x "$chrome" ] || { echo "scripts/lighthouse.sh needs Chromium at $chrome (or set CHROME_PATH)" >&2; exit 3; }

scratch="$(mktemp -d /tmp/dealtracker-lighthouse.XXXXXX)"
pg_port=$((20000 + RANDOM % 20000))
app_port=$((40000 + RANDOM % 20000))
app_pid=""
cleanup() {
  if [ -n "$app_pid" ]; then kill "$app_pid" 2>/dev/null || true; wait "$app_pid" 2>/dev/null || true; fi
  if [ -f "$scratch/pgdata/PG_VERSION" ]; then
    bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r | head -1)"
    if [ "$(id -u)" = "0" ]; then runuser -u postgres -- "$bin/pg_ctl" -D "$scratch/pgdata" -m fast stop >/dev/null 2>&1 || true
    else "$bin/pg_ctl" -D "$scratch/pgdata" -m fast stop >/dev/null 2>&1 || true; fi
  fi
  rm -rf "$scratch"
}
trap cleanup EXIT

echo "Installing lighthouse@12.2.3 into $scratch/npm (not the repository)"
mkdir -p "$scratch/npm" "$scratch/reports"
(cd "$scratch/npm" && npm init -y >/dev/null && npm i -E --no-audit --no-fund --silent lighthouse@12.2.3 >/dev/null)

echo "Publishing the app (Release)"
dotnet publish DealTracker.Web -c Release -o "$scratch/app" -nologo -v q >/dev/null

echo "Starting a scratch PostgreSQL on port $pg_port and the app on port $app_port"
ConnectionStrings__DealTrackerOwner="$(bash scripts/local-postgres.sh --as owner "$scratch/pgdata" "$pg_port")"
ConnectionStrings__DealTracker="$(bash scripts/local-postgres.sh --as app "$scratch/pgdata" "$pg_port")"
export ConnectionStrings__DealTracker ConnectionStrings__DealTrackerOwner
# Development: the demo accounts (published passwords) exist only there; the build itself is a Release publish.
ASPNETCORE_ENVIRONMENT=Development Seed__Demo=true Logging__LogLevel__Default=Warning \
  dotnet "$scratch/app/DealTracker.Web.dll" --urls "http://127.0.0.1:$app_port" >"$scratch/app.log" 2>&1 &
app_pid=$!
base="http://127.0.0.1:$app_port"
for _ in $(seq 1 180); do
  curl -fsS "$base/health" >/dev/null 2>&1 && break
  kill -0 "$app_pid" 2>/dev/null || { echo "The app stopped:" >&2; tail -20 "$scratch/app.log" >&2; exit 1; }
  sleep 1
done
curl -fsS "$base/health" >/dev/null || { echo "The app did not become healthy" >&2; tail -20 "$scratch/app.log" >&2; exit 1; }

echo "Signing in as the demo manager"
jar="$scratch/cookies.txt"
token="$(curl -fsS -c "$jar" "$base/account/login" | grep -o 'name="__RequestVerificationToken"[^>]*value="[^"]*"' | sed 's/.*value="//; s/"$//' | head -1)"
[ -n "$token" ] || { echo "No antiforgery token on the login page" >&2; exit 1; }
curl -fsS -b "$jar" -c "$jar" -o /dev/null "$base/account/login" \
  --data-urlencode "_handler=login" --data-urlencode "__RequestVerificationToken=$token" \
  --data-urlencode "Input.Email=manager@dealtracker.local" --data-urlencode "Input.Password=demo-manager-pass"
cookie="$(awk -F'\t' '$6 ~ /^\.AspNetCore\.Identity\.Application/ { printf "%s%s=%s", sep, $6, $7; sep="; " }' "$jar")"
[ -n "$cookie" ] || { echo "Signing in as the demo manager failed (no auth cookie)" >&2; exit 1; }
# Warm the app once (first-request compilation is not what a user sees on the second visit).
curl -fsS -o /dev/null -H "Cookie: $cookie" "$base/pipeline"

headers="$(node -e 'console.log(JSON.stringify({ Cookie: process.argv[1] }))' "$cookie")"
for i in $(seq 1 "$runs"); do
  echo "Lighthouse run $i of $runs (load: $(cut -d' ' -f1-3 /proc/loadavg))"
  (cd "$scratch/npm" && npx lighthouse "$base/pipeline" --preset=desktop --chrome-path="$chrome" \
    --chrome-flags="--headless=new --no-sandbox" --extra-headers="$headers" --output=json \
    --output-path="$scratch/reports/run-$i.json" --quiet)
done
if [ -n "${DEALTRACKER_LIGHTHOUSE_OUT:-}" ]; then mkdir -p "$DEALTRACKER_LIGHTHOUSE_OUT" && cp "$scratch"/reports/*.json "$DEALTRACKER_LIGHTHOUSE_OUT/"; fi

node - "$scratch"/reports/*.json <<'JS'
const fs = require('fs');
const reports = process.argv.slice(2).map(f => JSON.parse(fs.readFileSync(f, 'utf8')));
const median = xs => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
const score = id => Math.round(median(reports.map(r => r.categories[id].score * 100)));
const metric = id => median(reports.map(r => r.audits[id].numericValue));
const final = reports.map(r => r.finalDisplayedUrl || r.finalUrl);
if (final.some(u => !u.endsWith('/pipeline'))) { console.error('Not signed in: Lighthouse ended on ' + final.join(', ')); process.exit(1); }
console.log(`Median of ${reports.length} runs on /pipeline (Lighthouse ${reports[0].lighthouseVersion}, desktop):`);
console.log(`  performance ${score('performance')} · accessibility ${score('accessibility')} · best practices ${score('best-practices')}`);
console.log(`  TBT ${Math.round(metric('total-blocking-time'))} ms · CLS ${metric('cumulative-layout-shift').toFixed(3)} · ` +
  `LCP ${(metric('largest-contentful-paint') / 1000).toFixed(2)} s · DOM ${Math.round(metric('dom-size'))} elements`);
const failing = new Map();
for (const r of reports)
  for (const c of ['accessibility', 'best-practices'])
    for (const ref of r.categories[c].auditRefs)
      if (ref.weight > 0 && r.audits[ref.id].score !== null && r.audits[ref.id].score < 1) failing.set(ref.id, r.audits[ref.id].title);
for (const [id, title] of failing) console.log(`  failing: ${id} (${title})`);
JS
echo "Load when done: $(uptime)"
