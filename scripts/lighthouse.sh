#!/usr/bin/env bash
# Lighthouse 12.2.3 (desktop preset) on /pipeline, signed in as the demo manager, 3 runs; prints the median scores
# (performance, accessibility, best practices) and the key metrics (TBT, CLS, LCP, DOM size) with the machine's load.
# It publishes the app (Release) into a scratch folder and runs it as it ships (Production: compressed static assets),
# over a scratch PostgreSQL cluster on a random port holding the demo data (loaded by one start in Development, the
# only place the demo accounts are created); signs in as the demo manager by posting the login form with curl and gives
# the auth cookie to the Chromium that Lighthouse drives.
# Everything it starts is stopped and removed at the end. Needs node/npm and Chromium at /usr/bin/chromium.
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
chmod 711 "$scratch" # the cluster runs as user postgres when this runs as root
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
dotnet publish DealTracker.Web -c Release -o "$scratch/app" -nologo -v q

echo "Starting a scratch PostgreSQL on port $pg_port and the app on port $app_port"
ConnectionStrings__DealTrackerOwner="$(bash scripts/local-postgres.sh --as owner "$scratch/pgdata" "$pg_port")"
ConnectionStrings__DealTracker="$(bash scripts/local-postgres.sh --as app "$scratch/pgdata" "$pg_port")"
export ConnectionStrings__DealTracker ConnectionStrings__DealTrackerOwner
base="http://127.0.0.1:$app_port"
start_app() { # ENVIRONMENT [extra env...]
  env ASPNETCORE_ENVIRONMENT="$1" "${@:2}" Logging__LogLevel__Default=Warning \
    bash -c 'cd "$0" && exec dotnet DealTracker.Web.dll --urls "$1"' "$scratch/app" "$base" >>"$scratch/app.log" 2>&1 &
  app_pid=$!
  for _ in $(seq 1 180); do
    curl -fsS "$base/health" >/dev/null 2>&1 && return 0
    kill -0 "$app_pid" 2>/dev/null || { echo "The app stopped:" >&2; tail -20 "$scratch/app.log" >&2; exit 1; }
    sleep 1
  done
  echo "The app did not become healthy" >&2; tail -20 "$scratch/app.log" >&2; exit 1
}
stop_app() { kill "$app_pid" 2>/dev/null || true; wait "$app_pid" 2>/dev/null || true; app_pid=""; }
echo "Loading the demo data and accounts (one start in Development)"
start_app Development Seed__Demo=true
stop_app
echo "Starting the app (Production)"
start_app Production

echo "Signing in as the demo manager"
jar="$scratch/cookies.txt"
token="$(curl -fsS -c "$jar" "$base/account/login" | grep -o 'name="__RequestVerificationToken"[^>]*value="[^"]*"' | sed 's/.*value="//; s/"$//' | head -1)"
[ -n "$token" ] || { echo "No antiforgery token on the login page" >&2; exit 1; }
curl -fsS -b "$jar" -c "$jar" -o /dev/null "$base/account/login" \
  --data-urlencode "_handler=login" --data-urlencode "__RequestVerificationToken=$token" \
  --data-urlencode "Input.Email=manager@dealtracker.local" --data-urlencode "Input.Password=demo-manager-pass" \
  || { echo "Posting the login form failed" >&2; exit 1; }
# The app's auth cookie (DealTracker.Auth, see Identity/AuthSetup.cs; large ones come in chunks DealTracker.AuthC1, …).
cookie="$(awk -F'\t' '$6 ~ /^DealTracker\.Auth/ { printf "%s%s=%s", sep, $6, $7; sep="; " }' "$jar")"
[ -n "$cookie" ] || { echo "Signing in as the demo manager failed (no auth cookie)" >&2; exit 1; }
# Warm the app once (first-request compilation is not what a user sees on the second visit).
curl -fsS -o /dev/null -H "Cookie: $cookie" "$base/pipeline"

# The cookie goes into the browser itself (Lighthouse's --extra-headers reached the page but, now and then, not the
# circuit's first fetch, which then ended on the login page): Chromium is started by puppeteer-core (a dependency of
# lighthouse), and each run first clears the browser's cache, as Lighthouse's own storage reset would, but not the cookie.
cat >"$scratch/npm/run.mjs" <<'JS'
import fs from 'node:fs';
import puppeteer from 'puppeteer-core';
import lighthouse from 'lighthouse';
import desktopConfig from 'lighthouse/core/config/desktop-config.js';
const [url, chrome, cookie, runs, out] = process.argv.slice(2);
const browser = await puppeteer.launch({ executablePath: chrome, args: ['--headless=new', '--no-sandbox'] });
try {
  const page = await browser.newPage();
  for (const pair of cookie.split('; ')) {
    const at = pair.indexOf('=');
    await page.setCookie({ name: pair.slice(0, at), value: pair.slice(at + 1), url, httpOnly: true });
  }
  const session = await page.createCDPSession();
  for (let i = 1; i <= Number(runs); i++) {
    const load = fs.readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
    console.log(`Lighthouse run ${i} of ${runs} (load: ${load})`);
    await session.send('Network.clearBrowserCache');
    const result = await lighthouse(url, { output: 'json', logLevel: 'error', disableStorageReset: true }, desktopConfig, page);
    fs.writeFileSync(`${out}/run-${i}.json`, result.report);
  }
} finally {
  await browser.close();
}
JS
(cd "$scratch/npm" && node run.mjs "$base/pipeline" "$chrome" "$cookie" "$runs" "$scratch/reports")
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
