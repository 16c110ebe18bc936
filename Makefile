# IAMStore: two commands on a fresh Debian/Ubuntu machine with the Swift toolchain.
#   make run   installs missing system packages, builds iamctl, creates the default lab database
#              and runs the main job on it
#   make test  the same set-up, then every test: Swift tests, then Tests/Integration (pytest with boto3
#              and the aws CLI against `iamctl serve`)

SHELL := /bin/bash
SYSTEM_PACKAGES := libsqlite3-dev libargon2-dev pkg-config sqlite3
LAB_DIR ?= .lab
LAB_DB ?= $(LAB_DIR)/iam.sqlite
LAB_ACCOUNT ?= 123456789012
LAB_ROOT_EMAIL ?= root@example.com
LAB_ROOT_PASSWORD ?= Lab-Root-Password-1
IAMCTL = .build/release/iamctl

.PHONY: run test deps build lab clean

run: deps build lab
	$(IAMCTL) db status --db $(LAB_DB) --output table

test: deps
	swift build --build-tests
	swift test --skip-build
	python3 -m pytest -q Tests/Integration

deps:
	@missing=""; for p in $(SYSTEM_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "Installing$$missing"; apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	  else \
	    echo "Missing system packages:$$missing. Run: sudo apt-get update && sudo apt-get install -y$$missing"; exit 1; \
	  fi; \
	fi

build:
	swift build -c release --product iamctl

# The default lab database, created once; delete $(LAB_DIR) to start over.
lab: build
	@mkdir -p $(LAB_DIR)
	@if [ ! -f $(LAB_DB) ]; then \
	  printf '%s\n' '$(LAB_ROOT_PASSWORD)' | $(IAMCTL) init --db $(LAB_DB) --account-id $(LAB_ACCOUNT) \
	    --root-email $(LAB_ROOT_EMAIL) --root-password-stdin --output table; \
	fi

clean:
	rm -rf .build $(LAB_DIR)
