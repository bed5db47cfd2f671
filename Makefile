# Buurtplein: the two commands a newcomer needs are `make run` and `make test`.
# Both install what they need on Debian 12 first (idempotent: a second run skips it).

BIN := build/release/buurtplein
DB  ?= sqlite://var/buurtplein.db

.PHONY: all install-deps build run test test-debug bench clean static

all: build

install-deps:
	scripts/install-deps.sh test

build:
	scripts/install-deps.sh run
	cmake --preset release
	cmake --build --preset release
	scripts/build-static.sh

static:
	scripts/build-static.sh

run: build
	$(BIN) demo --database $(DB)
	$(BIN) serve --database $(DB) --dev

test:
	scripts/install-deps.sh test
	scripts/test.sh release

test-debug:
	scripts/install-deps.sh test
	scripts/test.sh debug

bench: build
	scripts/install-deps.sh bench
	bench/run.sh

clean:
	rm -rf build
