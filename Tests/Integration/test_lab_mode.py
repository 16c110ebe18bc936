"""`iamctl serve --lab`: moto-server-style suites run unchanged."""

import os
import tempfile
import urllib.error
import urllib.request

import boto3

from conftest import REGION, Server


def test_lab_mode_accepts_any_key_and_resets_to_an_empty_account():
    db = os.path.join(tempfile.mkdtemp(prefix="iamstore-lab-"), "lab.sqlite")
    server = Server(db, "--lab").start()
    try:
        iam = boto3.client("iam", endpoint_url=server.endpoint, region_name=REGION,
                           aws_access_key_id="testing", aws_secret_access_key="testing")
        iam.create_user(UserName="student")
        iam.create_group(GroupName="class")
        assert [u["UserName"] for u in iam.list_users()["Users"]] == ["student"]
        sts = boto3.client("sts", endpoint_url=server.endpoint, region_name=REGION,
                           aws_access_key_id="testing", aws_secret_access_key="testing")
        assert sts.get_caller_identity()["Arn"] == "arn:aws:iam::123456789012:root"

        request = urllib.request.Request(server.endpoint + "/moto-api/reset", method="POST", data=b"")
        with urllib.request.urlopen(request) as response:
            assert response.status == 200
        assert iam.list_users()["Users"] == []
        assert iam.list_groups()["Groups"] == []
    finally:
        server.stop()


def test_the_reset_endpoint_is_absent_outside_lab_mode(server):
    request = urllib.request.Request(server.endpoint + "/moto-api/reset", method="POST", data=b"")
    try:
        urllib.request.urlopen(request)
        raise AssertionError("reset answered outside lab mode")
    except urllib.error.HTTPError as error:
        assert error.code == 404


def test_a_seeded_lab_starts_as_the_seed_and_resets_to_it():
    db = os.path.join(tempfile.mkdtemp(prefix="iamstore-seeded-"), "lab.sqlite")
    seed = os.path.join(os.path.dirname(__file__), "..", "..", "Seeds", "walkthrough-start.yaml")
    server = Server(db, "--lab", "--seed", seed).start()
    try:
        iam = boto3.client("iam", endpoint_url=server.endpoint, region_name=REGION,
                           aws_access_key_id="testing", aws_secret_access_key="testing")
        groups = iam.list_groups_for_user(UserName="labuser")["Groups"]
        assert [g["GroupName"] for g in groups] == ["admin"]
        attached = iam.list_attached_group_policies(GroupName="admin")["AttachedPolicies"]
        assert [p["PolicyName"] for p in attached] == ["AdministratorAccess"]
        iam.create_user(UserName="testuser1")

        # A restart keeps the database as it is: the seed only makes a new database.
        server.stop()
        server.start()  # on a new free port
        iam = boto3.client("iam", endpoint_url=server.endpoint, region_name=REGION,
                           aws_access_key_id="testing", aws_secret_access_key="testing")
        assert sorted(u["UserName"] for u in iam.list_users()["Users"]) == ["labuser", "testuser1"]

        request = urllib.request.Request(server.endpoint + "/moto-api/reset", method="POST", data=b"")
        with urllib.request.urlopen(request) as response:
            assert response.status == 200
        assert [u["UserName"] for u in iam.list_users()["Users"]] == ["labuser"]
        assert [g["GroupName"] for g in iam.list_groups()["Groups"]] == ["admin"]
    finally:
        server.stop()
