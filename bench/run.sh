#!/usr/bin/env bash
# Buurtplein against nginx serving the byte-identical page, in one run. See bench/README.md.
#
#   bench/run.sh            (or `make bench`, which builds first)
#
# Builds nothing: needs build/release/buurtplein and build/release/bench_generate.
# Settings (environment): BENCH_DURATION (10s), BENCH_WARMUP (2s), BENCH_CONNECTIONS (50),
# BENCH_ROUNDS (2), BENCH_SERVER_CPU (0), BENCH_CLIENT_CPU (1), BENCH_KEEP=1 keeps the temp dir,
# BENCH_BIN (another buurtplein binary, e.g. a patched build, measured against the same nginx),
# BENCH_USER (demo resident logged in for the logged-in cases; bewoner1.oost@example.nl).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
BIN=${BENCH_BIN:-$ROOT/build/release/buurtplein}
GEN=$ROOT/build/release/bench_generate
DURATION=${BENCH_DURATION:-10s}
WARMUP=${BENCH_WARMUP:-2s}
CONNS=${BENCH_CONNECTIONS:-50}
ROUNDS=${BENCH_ROUNDS:-2}
BENCH_USER=${BENCH_USER:-bewoner1.oost@example.nl}
DEMO_PASSWORD='buurtplein demo wachtwoord'  # every demo account's (README.md, "Demo logins")
SERVER_CPU=${BENCH_SERVER_CPU:-0}
CLIENT_CPU=${BENCH_CLIENT_CPU:-1}

for tool in "$BIN" "$GEN"; do
  [[ -x $tool ]] || { echo "run.sh: $tool is missing; build first (make bench)" >&2; exit 1; }
done
for tool in nginx wrk taskset curl python3; do
  command -v "$tool" >/dev/null || { echo "run.sh: $tool is not installed (scripts/install-deps.sh bench)" >&2; exit 1; }
done

TMP=$(mktemp -d /tmp/buurtplein-bench.XXXXXX)
chmod 755 "$TMP"  # nginx workers run as another user
PIDS=()

# Every server this script starts is in PIDS; all of them go on any exit.
cleanup() {
  local pid
  for pid in "${PIDS[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  PIDS=()
  if [[ ${BENCH_KEEP:-0} == 1 ]]; then echo "kept $TMP" >&2; else rm -rf "$TMP"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# stop PID: SIGTERM (graceful drain), then wait for it and drop it from PIDS.
stop() {
  local pid=$1 keep=() p
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  kill -KILL "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  for p in "${PIDS[@]}"; do [[ $p == "$pid" ]] || keep+=("$p"); done
  PIDS=("${keep[@]}")
}

# start_bp NAME DB IO_THREADS LOG_LEVEL [SERVE_FLAG...]: serves DB pinned to SERVER_CPU; sets
# BP_PID and BP_PORT. stdout (one info line per request) goes to a file, as it would under a
# process manager. --dev (development mode) is only needed for the demo logins.
start_bp() {
  local name=$1 db=$2 io=$3 level=$4 log=$TMP/$1.log
  BUURTPLEIN_IO_THREADS=$io BUURTPLEIN_LOG_LEVEL=$level BUURTPLEIN_DATA_DIR=$TMP/var \
    taskset -c "$SERVER_CPU" "$BIN" --database "sqlite://$db" serve --port 0 "${@:5}" >"$log" 2>&1 &
  BP_PID=$!
  PIDS+=("$BP_PID")
  for _ in $(seq 1200); do  # up to 60 s: a loaded machine starts B slowly
    if BP_PORT=$(grep -m1 -o 'listening on http://127.0.0.1:[0-9]*' "$log" 2>/dev/null | sed 's/.*://'); then
      [[ -n $BP_PORT ]] && return 0
    fi
    kill -0 "$BP_PID" 2>/dev/null || break
    sleep 0.05
  done
  echo "run.sh: buurtplein ($name) did not start:" >&2
  cat "$log" >&2
  exit 1
}

# fetch URL FILE [CURL_ARG...]: the plain bytes (curl sends no Accept-Encoding); fails on a non-200.
fetch() {
  local code
  code=$(curl -s -o "$2" -w '%{http_code}' "${@:3}" "$1")
  [[ $code == 200 ]] || { echo "run.sh: $1 answered $code" >&2; exit 1; }
}

# capture PORT PATH [ROOT [CURL_ARG...]]: saves what buurtplein serves at PATH into an nginx root
# (www, or www-in for the logged-in bytes; a path ending in / as index.html).
capture() {
  local port=$1 path=$2 file=$TMP/${3:-www}$2
  [[ $path == */ ]] && file+=index.html
  mkdir -p "$(dirname "$file")"
  fetch "http://127.0.0.1:$port$path" "$file" "${@:4}"
}

RESULTS=$TMP/results.tsv  # label server round rps p50 p99 errors
: >"$RESULTS"
RUNS=0

# measure LABEL SERVER ROUND URL DURATION [WRK_ARG...]: one wrk run on CLIENT_CPU, appended to
# RESULTS.
measure() {
  local label=$1 server=$2 round=$3 url=$4 duration=$5 out
  out=$(taskset -c "$CLIENT_CPU" wrk -t1 -c"$CONNS" -d"$duration" --latency "${@:6}" "$url")
  RUNS=$((RUNS + 1))
  printf '%s %s %s\n%s\n' "$label" "$server" "$round" "$out" >"$TMP/wrk-$RUNS.txt"
  echo "$out" | awk -v label="$label" -v server="$server" -v round="$round" '
    function ms(v) {
      if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; if (v ~ /s$/) return v * 1000; return v
    }
    $1 == "50%" { p50 = ms($2) } $1 == "99%" { p99 = ms($2) }
    /^Requests\/sec:/ { rps = $2 }
    /Non-2xx or 3xx/ { errors += $NF } /Socket errors/ { errors += 1 }
    /^Checked:/ { errors += $2 - $4 }
    END { printf "%s\t%s\t%s\t%.0f\t%.3f\t%.3f\t%d\n", label, server, round, rps, p50, p99, errors }' >>"$RESULTS"
  tail -1 "$RESULTS" | awk -F'\t' '{ printf "  %-34s %-10s round %-6s %9s req/s  p50 %7s ms  p99 %7s ms%s\n",
    $1, $2, $3, $4, $5, $6, ($7 > 0 ? "  ERRORS" : "") }'
}

LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
echo "== data ($TMP); load average $LOAD_BEFORE"
DB_A=$TMP/demo.db
DB_B=$TMP/national.db
"$BIN" --database "sqlite://$DB_A" --log-level warn demo >"$TMP/demo.out"
tail -1 "$TMP/demo.out"
"$GEN" --database "sqlite://$DB_B" --cbs-dir data/cbs --scale "${BENCH_SCALE:-1}" | tee "$TMP/generate.out"
PAGE_A=/nijmegen/oost/
PAGE_B=$(sed -n 's/^Sample site: //p' "$TMP/generate.out")
[[ -n $PAGE_B ]] || { echo "run.sh: bench_generate named no sample site" >&2; exit 1; }

echo "== capturing the bytes nginx will serve"
start_bp capture-a "$DB_A" 1 warn
capture "$BP_PORT" "$PAGE_A"
capture "$BP_PORT" /healthz
STATIC=$(grep -o '/static/css/[^"]*\.css' "$TMP/www$PAGE_A/index.html" | head -1)
capture "$BP_PORT" "$STATIC"
stop "$BP_PID"
start_bp capture-b "$DB_B" 1 warn
capture "$BP_PORT" "$PAGE_B"
stop "$BP_PID"
echo "  $PAGE_A $(wc -c <"$TMP/www$PAGE_A/index.html") bytes, $PAGE_B $(wc -c <"$TMP/www$PAGE_B/index.html") bytes," \
  "$STATIC $(wc -c <"$TMP/www$STATIC") bytes"

# More pages of site A: the first public news post and the first public event of its lists (what
# an anonymous visitor sees), anonymous and logged in as a demo resident of that site. Demo
# accounts log in only in development mode (serve --dev), which changes nothing else on these pages.
start_bp capture-in "$DB_A" 1 warn --dev
BPURL=http://127.0.0.1:$BP_PORT
# first_link LIST: the first item link (h2.card-title) of the list page at LIST, under LIST.
first_link() {
  fetch "$BPURL$1" "$TMP/list.html"
  grep -o 'class="card-title"><a href="[^"]*"' "$TMP/list.html" | sed 's/.*href="//; s/"$//' |
    awk -v list="$1" 'index($0, list) == 1 && $0 != list && !found { print; found = 1 }' || true
}
PAGE_NEWS=$(first_link "${PAGE_A}nieuws/")
PAGE_EVENT=$(first_link "${PAGE_A}agenda/")
[[ -n $PAGE_NEWS && -n $PAGE_EVENT ]] || { echo "run.sh: no news post or event listed on $PAGE_A" >&2; exit 1; }
capture "$BP_PORT" "$PAGE_NEWS"
capture "$BP_PORT" "$PAGE_EVENT"
# Log in with curl as a browser does: the login form sets the CSRF cookie and carries the token.
JAR=$TMP/cookies.txt
fetch "$BPURL/account/login" "$TMP/login.html" -c "$JAR" -b "$JAR"
CSRF=$(grep -o 'name="csrf" value="[^"]*"' "$TMP/login.html" | sed 's/.*value="//; s/"$//')
code=$(curl -s -o /dev/null -w '%{http_code}' -c "$JAR" -b "$JAR" -H "Origin: $BPURL" \
  --data-urlencode "csrf=$CSRF" --data-urlencode "email=$BENCH_USER" --data-urlencode "password=$DEMO_PASSWORD" \
  --data-urlencode "next=$PAGE_A" "$BPURL/account/login")
SESSION=$(awk '$6 == "bp_session" { print $7 }' "$JAR")
[[ $code == 303 && -n $SESSION ]] || { echo "run.sh: login as $BENCH_USER failed ($code)" >&2; exit 1; }
COOKIE="Cookie: bp_session=$SESSION"
for page in "$PAGE_A" "$PAGE_NEWS" "$PAGE_EVENT"; do
  capture "$BP_PORT" "$page" www-in -H "$COOKIE" -D "$TMP/headers-in.txt"
done
# The user's name as the page header shows it: every logged-in page must contain it.
USER_NAME=$(grep -o 'class="account-name" href="[^"]*">[^<]*<' "$TMP/www-in$PAGE_A/index.html" | sed 's/.*">//; s/<$//' || true)
[[ -n $USER_NAME ]] || { echo "run.sh: $PAGE_A with the session cookie shows no logged-in user" >&2; exit 1; }
for file in "$TMP/www-in$PAGE_A/index.html" "$TMP/www-in$PAGE_NEWS" "$TMP/www-in$PAGE_EVENT"; do
  grep -qF "$USER_NAME" "$file" || { echo "run.sh: $file does not show $USER_NAME" >&2; exit 1; }
done
stop "$BP_PID"
echo "  $PAGE_NEWS $(wc -c <"$TMP/www$PAGE_NEWS") bytes, $PAGE_EVENT $(wc -c <"$TMP/www$PAGE_EVENT") bytes (anonymous)"
echo "  logged in as $BENCH_USER ($USER_NAME): $PAGE_A $(wc -c <"$TMP/www-in$PAGE_A/index.html")," \
  "$PAGE_NEWS $(wc -c <"$TMP/www-in$PAGE_NEWS"), $PAGE_EVENT $(wc -c <"$TMP/www-in$PAGE_EVENT") bytes;" \
  "$(grep -i '^cache-control' "$TMP/headers-in.txt" | tr -d '\r')"

# nginx: one worker on the server's core, like buurtplein's one I/O thread. It logs every
# request to a file, as buurtplein does at its default level (see README: "fairness").
# It sends the same security headers as buurtplein so the responses are about as long.
# A second server on another port serves the logged-in bytes (root www-in) at the same paths,
# with the Cache-Control buurtplein sends for them. The news and event pages have no extension:
# text/html like buurtplein's.
NGINX_PORT=$(free_port)
NGINX_IN_PORT=$(free_port)
CC_IN=$(sed -n 's/^[Cc]ache-[Cc]ontrol: *//p' "$TMP/headers-in.txt" | tr -d '\r' | head -1)
mkdir -p "$TMP/nginx"
server_block() {  # PORT ROOT CACHE_CONTROL
  cat <<EOF
  server {
    listen 127.0.0.1:$1;
    root $2;
    add_header Cache-Control "$3";
    add_header Vary "Accept-Encoding, Accept-Language, Cookie";
    add_header Content-Security-Policy "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";
    add_header X-Content-Type-Options nosniff;
    add_header Referrer-Policy strict-origin-when-cross-origin;
    add_header X-Frame-Options DENY;
    add_header X-Request-Id "000000-1";
    location ~ ^/[^/]+/[^/]+/(nieuws|agenda)/ { default_type text/html; }
  }
EOF
}
cat >"$TMP/nginx/nginx.conf" <<EOF
daemon off;
master_process on;
worker_processes 1;
pid $TMP/nginx/nginx.pid;
error_log $TMP/nginx/error.log warn;
events { worker_connections 4096; }
http {
  types { text/html html; text/css css; }
  default_type text/plain;
  charset utf-8;
  charset_types text/css text/plain;
  access_log $TMP/nginx/access.log;
  sendfile on;
  tcp_nopush on;
  keepalive_requests 1000000;
  server_tokens off;
$(server_block "$NGINX_PORT" "$TMP/www" no-cache)
$(server_block "$NGINX_IN_PORT" "$TMP/www-in" "${CC_IN:-no-store}")
}
EOF
taskset -c "$SERVER_CPU" nginx -c "$TMP/nginx/nginx.conf" -p "$TMP/nginx" &
NGINX_PID=$!
PIDS+=("$NGINX_PID")
for _ in $(seq 100); do curl -s -o /dev/null "http://127.0.0.1:$NGINX_PORT/healthz" && break; sleep 0.05; done
NGINX=http://127.0.0.1:$NGINX_PORT
NGINX_IN=http://127.0.0.1:$NGINX_IN_PORT

# verify PATH BP_PORT [NGINX_URL CURL_ARG...]: nginx and buurtplein send the same body.
verify() {
  fetch "${3:-$NGINX}$1" "$TMP/check-nginx" "${@:4}"
  fetch "http://127.0.0.1:$2$1" "$TMP/check-bp" "${@:4}"
  cmp -s "$TMP/check-nginx" "$TMP/check-bp" || { echo "run.sh: $1 differs between nginx and buurtplein" >&2; exit 1; }
}

echo "== wrk -t1 -c$CONNS -d$DURATION --latency, server on CPU $SERVER_CPU, wrk on CPU $CLIENT_CPU"
# Each configuration restarts buurtplein; every buurtplein run sits next to an nginx run.
for config in "io1 info" "io1 warn" "io2 info"; do
  read -r cname level <<<"$config"
  io=${cname#io}
  for db in A B; do
    if [[ $db == A ]]; then dbfile=$DB_A page=$PAGE_A; else dbfile=$DB_B page=$PAGE_B; fi
    label="$db $page io=$io log=$level"
    start_bp "bp-$cname-$level-$db" "$dbfile" "$io" "$level"
    verify "$page" "$BP_PORT"  # also fills the page cache
    measure "$label" buurtplein warmup "http://127.0.0.1:$BP_PORT$page" "$WARMUP"
    measure "$label" nginx warmup "$NGINX$page" "$WARMUP"
    for round in $(seq "$ROUNDS"); do
      measure "$label" nginx "$round" "$NGINX$page" "$DURATION"
      measure "$label" buurtplein "$round" "http://127.0.0.1:$BP_PORT$page" "$DURATION"
    done
    if [[ $config == "io1 info" && $db == A ]]; then
      for path in /healthz "$STATIC"; do
        verify "$path" "$BP_PORT"
        measure "context $path io=1 log=info" nginx 1 "$NGINX$path" "$DURATION"
        measure "context $path io=1 log=info" buurtplein 1 "http://127.0.0.1:$BP_PORT$path" "$DURATION"
      done
    fi
    stop "$BP_PID"
  done
done

# rounds LABEL PATH [WRK_ARG...]: the measured rounds of one case against BP_PORT and NGINX_URL.
rounds() {
  local label=$1 path=$2 round
  for round in $(seq "$ROUNDS"); do
    measure "$label" nginx "$round" "$NGINX_URL$path" "$DURATION" "${@:3}"
    measure "$label" buurtplein "$round" "http://127.0.0.1:$BP_PORT$path" "$DURATION" "${@:3}"
  done
}

# A news post and an event of site A, anonymous (page cache), then the three pages logged in: no
# page cache for a session, every request is rendered (Cache-Control: no-store). One process,
# the default configuration (one I/O thread, log level info), in development mode for the login.
start_bp bp-pages "$DB_A" 1 info --dev
NGINX_URL=$NGINX
for page in "$PAGE_NEWS" "$PAGE_EVENT"; do
  label="A $page anonymous io=1 log=info"
  verify "$page" "$BP_PORT"  # also fills the page cache
  measure "$label" buurtplein warmup "http://127.0.0.1:$BP_PORT$page" "$WARMUP"
  measure "$label" nginx warmup "$NGINX$page" "$WARMUP"
  rounds "$label" "$page"
done
# The warmups of the logged-in cases check every response (bench/logged_in.lua: status 200 and
# the user's name on the page), so wrk's requests are known to take the logged-in path.
NGINX_URL=$NGINX_IN
for page in "$PAGE_A" "$PAGE_NEWS" "$PAGE_EVENT"; do
  label="A $page logged-in io=1 log=info"
  # The form tokens on the page (log out) come from a key each server process makes at start:
  # take nginx's copy from this process (nginx reads the file on each request).
  capture "$BP_PORT" "$page" www-in -H "$COOKIE"
  verify "$page" "$BP_PORT" "$NGINX_IN" -H "$COOKIE"
  BENCH_EXPECT=$USER_NAME measure "$label" buurtplein warmup "http://127.0.0.1:$BP_PORT$page" "$WARMUP" \
    -H "$COOKIE" -s "$ROOT/bench/logged_in.lua"
  BENCH_EXPECT=$USER_NAME measure "$label" nginx warmup "$NGINX_IN$page" "$WARMUP" \
    -H "$COOKIE" -s "$ROOT/bench/logged_in.lua"
  grep -h '^Checked:' "$TMP/wrk-$((RUNS - 1)).txt" "$TMP/wrk-$RUNS.txt" | sed 's/^/    /'
  rounds "$label" "$page" -H "$COOKIE"
  fetch "http://127.0.0.1:$BP_PORT$page" "$TMP/check-bp" -H "$COOKIE"
  grep -qF "$USER_NAME" "$TMP/check-bp" || { echo "run.sh: $page no longer shows $USER_NAME" >&2; exit 1; }
done
stop "$BP_PID"

# The table: per label, mean req/s over the measured rounds (warmups apart) and the ratio.
DATE=$(date +%F)
mkdir -p "$ROOT/bench/out"
OUT=$ROOT/bench/out/results-$(date +%F-%H%M).md  # one file per run: earlier runs stay
TABLE=$(awk -F'\t' '
  $3 != "warmup" {
    k = $1; if (!(k in seen)) { seen[k] = 1; order[++n] = k }
    sum[k, $2] += $4; cnt[k, $2]++
    if (!((k, $2) in lo) || $4 < lo[k, $2]) lo[k, $2] = $4
    if ($4 > hi[k, $2]) hi[k, $2] = $4
    p50[k, $2] += $5; p99[k, $2] += $6; err[k, $2] += $7
  }
  $3 == "warmup" { warm[$1, $2] = $4 }
  END {
    print "| what | nginx req/s (min-max) | buurtplein req/s (min-max) | ratio | nginx p50 / p99 ms | buurtplein p50 / p99 ms | warmup req/s (nginx / bp) |"
    print "|---|---:|---:|---:|---:|---:|---:|"
    for (i = 1; i <= n; i++) {
      k = order[i]; a = sum[k, "nginx"] / cnt[k, "nginx"]; b = sum[k, "buurtplein"] / cnt[k, "buurtplein"]
      w = ((k, "nginx") in warm) ? sprintf("%d / %d", warm[k, "nginx"], warm[k, "buurtplein"]) : "-"
      e = (err[k, "nginx"] + err[k, "buurtplein"] > 0) ? " (ERRORS)" : ""
      printf "| %s | %.0f (%d-%d) | %.0f (%d-%d) | %.2f%s | %.2f / %.2f | %.2f / %.2f | %s |\n", k,
        a, lo[k, "nginx"], hi[k, "nginx"], b, lo[k, "buurtplein"], hi[k, "buurtplein"], b / a, e,
        p50[k, "nginx"] / cnt[k, "nginx"], p99[k, "nginx"] / cnt[k, "nginx"],
        p50[k, "buurtplein"] / cnt[k, "buurtplein"], p99[k, "buurtplein"] / cnt[k, "buurtplein"], w
    }
  }' "$RESULTS")
{
  echo "# Buurtplein vs nginx, $DATE"
  echo
  echo "- command: \`bench/run.sh\` (BENCH_DURATION=$DURATION BENCH_ROUNDS=$ROUNDS BENCH_CONNECTIONS=$CONNS)"
  echo "- binary: ${BIN#"$ROOT"/} (built $(date -r "$BIN" '+%F %T')), source $(git -C "$ROOT" describe --always --dirty 2>/dev/null || echo unknown)"
  echo "- load average before / after: $LOAD_BEFORE / $(cut -d' ' -f1-3 /proc/loadavg) (other work on the machine shows here)"
  echo "- machine: $(nproc) cores, $(uname -sr), $(nginx -v 2>&1 | sed 's/.*: //'), $(wrk -v 2>&1 | head -1 | cut -d' ' -f1-2)"
  echo "- servers pinned to CPU $SERVER_CPU, wrk (\`-t1 -c$CONNS -d$DURATION --latency\`) to CPU $CLIENT_CPU"
  echo "- pages of A: $PAGE_NEWS (news), $PAGE_EVENT (event); logged in as $BENCH_USER ($USER_NAME), session cookie on every request, buurtplein in development mode (\`serve --dev\`, demo logins); logged-in responses: Cache-Control: ${CC_IN:-?}"
  echo "- A: \`buurtplein demo\`; B: \`bench_generate\` ($(sed -n 's/^Cities: \([0-9]*\), sites: \([0-9]*\) created.*/\1 cities, \2 sites/p' "$TMP/generate.out"))"
  echo "- buurtplein logs to a file at the level shown; nginx logs every request to a file"
  echo "- ratio = buurtplein req/s / nginx req/s, means over $ROUNDS alternating rounds"
  echo
  echo "$TABLE"
  echo
  echo "## Every run"
  echo
  echo "| what | server | round | req/s | p50 ms | p99 ms | errors |"
  echo "|---|---|---|---:|---:|---:|---:|"
  awk -F'\t' '{ printf "| %s | %s | %s | %s | %s | %s | %s |\n", $1, $2, $3, $4, $5, $6, $7 }' "$RESULTS"
} >"$OUT"
echo
echo "$TABLE"
echo
echo "written to ${OUT#"$ROOT"/}"
