"""Runs `iamctl serve` (the debug build; nothing is built here) on a free loopback port over a
temporary database, and hands the tests boto3 clients and an `aws` CLI runner pointed at it."""

import json
import os
import pathlib
import subprocess
import tempfile

import boto3
import pytest
from botocore.config import Config

ROOT = pathlib.Path(__file__).resolve().parents[2]
IAMCTL = os.environ.get("IAMCTL", str(ROOT / ".build" / "debug" / "iamctl"))
ACCOUNT_ID = "123456789012"
REGION = "us-east-1"


class Server:
    """One `iamctl serve` process over `db`; `start()` again after `stop()` to restart it."""

    def __init__(self, db, *extra):
        self.db = db
        self.extra = extra
        self.process = None
        self.endpoint = None

    def start(self):
        self.process = subprocess.Popen(
            [IAMCTL, "serve", "--db", self.db, "--host", "127.0.0.1", "--port", "0", *self.extra],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        line = self.process.stdout.readline()
        if "Serving" not in line:
            self.process.kill()
            raise RuntimeError(f"iamctl serve did not start: {line}{self.process.stderr.read()}")
        # "Serving the AWS IAM API for account 123456789012 on http://127.0.0.1:PORT"
        self.endpoint = line.split(" on ")[1].split()[0]
        return self

    def stop(self):
        self.process.terminate()  # SIGTERM: a graceful shutdown
        self.process.wait(timeout=20)
        assert self.process.returncode == 0, self.process.stderr.read()


def iamctl(*args, db, stdin=None):
    result = subprocess.run([IAMCTL, *args, "--db", db], input=stdin, capture_output=True, text=True, check=True)
    return json.loads(result.stdout) if result.stdout.strip() else None


@pytest.fixture(scope="session")
def database():
    if not os.path.exists(IAMCTL):
        pytest.fail(f"{IAMCTL} is missing: run `swift build` first")
    directory = tempfile.mkdtemp(prefix="iamstore-it-")
    db = os.path.join(directory, "iam.sqlite")
    iamctl("init", "--account-id", ACCOUNT_ID, "--root-email", "root@example.com", "--root-password-stdin",
           db=db, stdin="Lab-Root-Password-1\n")
    key = iamctl("create-access-key", db=db)["AccessKey"]
    return {"db": db, "root": (key["AccessKeyId"], key["SecretAccessKey"])}


@pytest.fixture(scope="session")
def server(database):
    server = Server(database["db"]).start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def client_for(server):
    """boto3 clients signed with the given key pair."""

    def make(credentials, service="iam"):
        access_key_id, secret = credentials
        return boto3.client(
            service, endpoint_url=server.endpoint, region_name=REGION, aws_access_key_id=access_key_id,
            aws_secret_access_key=secret, config=Config(retries={"max_attempts": 1}))

    return make


@pytest.fixture(scope="session")
def root(database, client_for):
    return client_for(database["root"])


@pytest.fixture(scope="session")
def aws(server):
    """Runs the real `aws` CLI against the server with the given key pair; returns the completed process."""

    def run(credentials, *args):
        access_key_id, secret = credentials
        environment = dict(os.environ, AWS_ACCESS_KEY_ID=access_key_id, AWS_SECRET_ACCESS_KEY=secret,
                           AWS_DEFAULT_REGION=REGION, AWS_MAX_ATTEMPTS="1", AWS_PAGER="")
        environment.pop("AWS_SESSION_TOKEN", None)
        environment.pop("AWS_PROFILE", None)
        return subprocess.run(["aws", "--endpoint-url", server.endpoint, "--output", "json", *args],
                              capture_output=True, text=True, env=environment)

    return run
