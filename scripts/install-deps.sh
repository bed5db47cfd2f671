#!/usr/bin/env bash
# Installs what Buurtplein needs to build, run and test on Debian 12. Idempotent: packages that
# are already present are skipped, so a second run costs a second.
set -euo pipefail

BUILD_PKGS=(
  g++ cmake ninja-build ccache pkg-config make
  libboost1.81-dev libboost-url1.81-dev
  libsqlite3-dev libpq-dev zlib1g-dev
  nlohmann-json3-dev libspdlog-dev libfmt-dev libcli11-dev libtomlplusplus-dev
  libkainjow-mustache-dev libsodium-dev libcurl4-openssl-dev libssl-dev
  libgtest-dev libgmock-dev
  libqrencode-dev
  libvips-dev libxml2-dev  # libxml2: the Atom feed tests parse the XML
  libcmark-gfm-dev libcmark-gfm-extensions-dev
  libstemmer-dev
  libical-dev  # the tests (configured with every build) parse the agenda's iCal feeds with it
)
# The test suite also needs a real PostgreSQL 15 server and a real browser.
TEST_PKGS=(postgresql-15 chromium nodejs npm)
# The benchmark compares against nginx, with wrk as load generator.
BENCH_PKGS=(nginx-light wrk curl python3)

want=("${BUILD_PKGS[@]}")
case "${1:-build}" in
  build) ;;
  run) want+=(nodejs npm) ;;
  test) want+=("${TEST_PKGS[@]}") ;;
  bench) want+=("${TEST_PKGS[@]}" "${BENCH_PKGS[@]}") ;;
  *) echo "usage: $0 [build|run|test|bench]" >&2; exit 2 ;;
esac

missing=()
for p in "${want[@]}"; do
  # node/npm may come from elsewhere than Debian (a newer Node.js on the machine): accept that.
  if [[ $p == nodejs ]] && command -v node >/dev/null; then continue; fi
  if [[ $p == npm ]] && command -v npm >/dev/null; then continue; fi
  if [[ $p == nginx-light ]] && command -v nginx >/dev/null; then continue; fi
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed'; then
    missing+=("$p")
  fi
done

if ((${#missing[@]})); then
  echo "install-deps: installing ${missing[*]}"
  SUDO=""
  if [[ $(id -u) -ne 0 ]]; then SUDO="sudo"; fi
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get -o DPkg::Lock::Timeout=600 update -qq
  $SUDO apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends "${missing[@]}"
fi

# Front-end and browser-test packages, pinned in package-lock.json.
if [[ ${1:-build} != build ]]; then
  lock_sum=$(sha256sum package-lock.json | cut -d' ' -f1)
  if [[ ! -f node_modules/.lock-sum ]] || [[ $(cat node_modules/.lock-sum) != "$lock_sum" ]]; then
    npm ci --no-audit --no-fund --loglevel=error
    echo "$lock_sum" > node_modules/.lock-sum
  fi
fi
