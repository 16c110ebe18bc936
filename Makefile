# IAMStore: two commands on a fresh Debian/Ubuntu machine with the Swift toolchain.
#   make run   installs missing system packages, builds iamctl (release) and serves the AWS IAM API on
#              127.0.0.1:9000 in lab mode, on a database seeded with the walkthrough lab
#   make test  the same set-up, then every test: Swift tests, then Tests/Integration (pytest with boto3
#              and the aws CLI against `iamctl serve`)

SHELL := /bin/bash
SYSTEM_PACKAGES := libsqlite3-dev libargon2-dev pkg-config sqlite3
LAB_DIR ?= .lab
LAB_DB ?= $(LAB_DIR)/iam.sqlite
LAB_SEED ?= Seeds/walkthrough-start.yaml
PORT ?= 9000
IAMCTL = .build/release/iamctl

.PHONY: run test deps pydeps build clean

# The database is created from the seed on the first run and kept afterwards (delete $(LAB_DIR) to
# start over); POST /moto-api/reset puts it back to the seed at any time.
run: deps build
	@mkdir -p $(LAB_DIR)
	@echo "Try: AWS_ACCESS_KEY_ID=lab AWS_SECRET_ACCESS_KEY=lab aws --endpoint-url http://127.0.0.1:$(PORT) --region us-east-1 iam list-users"
	$(IAMCTL) serve --db $(LAB_DB) --lab --seed $(LAB_SEED) --port $(PORT)

test: deps pydeps
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

# The integration tests drive `iamctl serve` with boto3, pytest and the real aws CLI.
pydeps:
	@python3 -c "import boto3, pytest" 2>/dev/null || python3 -m pip install --quiet boto3 pytest
	@command -v aws >/dev/null || python3 -m pip install --quiet awscli

build:
	swift build -c release --product iamctl

clean:
	rm -rf .build $(LAB_DIR)
