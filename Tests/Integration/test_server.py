"""The AWS CLI and boto3, unmodified, against `iamctl serve`."""

import json
import subprocess
import urllib.request

import botocore.exceptions
import pytest

from conftest import ACCOUNT_ID

ADMIN = "arn:aws:iam::aws:policy/AdministratorAccess"


def error_code(excinfo):
    return excinfo.value.response["Error"]["Code"]


def new_user_with_key(root, name):
    root.create_user(UserName=name)
    key = root.create_access_key(UserName=name)["AccessKey"]
    return key["AccessKeyId"], key["SecretAccessKey"]


def test_the_walkthrough_with_boto3_and_the_aws_cli(root, aws, database):
    user = root.create_user(UserName="testuser1", Tags=[{"Key": "location", "Value": "us_va_norfolk"}])["User"]
    assert user["Arn"] == f"arn:aws:iam::{ACCOUNT_ID}:user/testuser1"
    assert user["UserId"].startswith("AIDA")
    root.create_login_profile(UserName="testuser1", Password="Lab-User-Password-1", PasswordResetRequired=True)
    key = root.create_access_key(UserName="testuser1")["AccessKey"]
    assert key["AccessKeyId"].startswith("AKIA") and len(key["SecretAccessKey"]) == 40
    root.attach_user_policy(UserName="testuser1", PolicyArn=ADMIN)

    created = aws(database["root"], "iam", "create-group", "--group-name", "labadmin")
    assert created.returncode == 0, created.stderr
    assert json.loads(created.stdout)["Group"]["GroupName"] == "labadmin"
    assert aws(database["root"], "iam", "add-user-to-group", "--group-name", "labadmin", "--user-name", "testuser1").returncode == 0
    assert aws(database["root"], "iam", "attach-group-policy", "--group-name", "labadmin", "--policy-arn", ADMIN).returncode == 0
    root.detach_user_policy(UserName="testuser1", PolicyArn=ADMIN)

    group = root.get_group(GroupName="labadmin")
    assert [member["UserName"] for member in group["Users"]] == ["testuser1"]
    attached = root.list_attached_group_policies(GroupName="labadmin")["AttachedPolicies"]
    assert [policy["PolicyArn"] for policy in attached] == [ADMIN]
    assert root.list_attached_user_policies(UserName="testuser1")["AttachedPolicies"] == []
    assert root.list_user_tags(UserName="testuser1")["Tags"] == [{"Key": "location", "Value": "us_va_norfolk"}]

    # testuser1 now acts through the group, with the aws CLI.
    testuser1 = (key["AccessKeyId"], key["SecretAccessKey"])
    identity = aws(testuser1, "sts", "get-caller-identity")
    assert identity.returncode == 0, identity.stderr
    assert json.loads(identity.stdout)["Arn"] == f"arn:aws:iam::{ACCOUNT_ID}:user/testuser1"
    listed = aws(testuser1, "iam", "list-users")
    assert listed.returncode == 0, listed.stderr
    assert "testuser1" in [u["UserName"] for u in json.loads(listed.stdout)["Users"]]


def test_a_user_without_policies_is_denied_until_it_joins_an_admin_group(root, client_for, aws):
    credentials = new_user_with_key(root, "newhire")
    newhire = client_for(credentials)
    with pytest.raises(botocore.exceptions.ClientError) as denied:
        newhire.create_user(UserName="newhire-made")
    assert error_code(denied) == "AccessDenied"
    assert denied.value.response["ResponseMetadata"]["HTTPStatusCode"] == 403
    assert denied.value.response["Error"]["Message"] == (
        f"User: arn:aws:iam::{ACCOUNT_ID}:user/newhire is not authorized to perform: iam:CreateUser on resource: "
        f"arn:aws:iam::{ACCOUNT_ID}:user/newhire-made because no identity-based policy allows the iam:CreateUser action")
    cli = aws(credentials, "iam", "create-user", "--user-name", "newhire-made")
    assert cli.returncode in (254, 255)  # aws CLI v2 and v1 exit codes for a service error
    assert "An error occurred (AccessDenied) when calling the CreateUser operation" in cli.stderr

    root.create_group(GroupName="admins")
    root.attach_group_policy(GroupName="admins", PolicyArn=ADMIN)
    root.add_user_to_group(GroupName="admins", UserName="newhire")
    assert newhire.create_user(UserName="newhire-made")["User"]["UserName"] == "newhire-made"


def test_an_inactive_key_is_refused(root, client_for):
    credentials = new_user_with_key(root, "sleeper")
    sleeper = client_for(credentials, "sts")
    assert sleeper.get_caller_identity()["Arn"].endswith(":user/sleeper")
    root.update_access_key(UserName="sleeper", AccessKeyId=credentials[0], Status="Inactive")
    with pytest.raises(botocore.exceptions.ClientError) as refused:
        sleeper.get_caller_identity()
    assert error_code(refused) == "InvalidClientTokenId"


def test_a_wrong_secret_and_an_unknown_key_are_refused(root, client_for, database):
    with pytest.raises(botocore.exceptions.ClientError) as forged:
        client_for((database["root"][0], "x" * 40)).list_users()
    assert error_code(forged) == "SignatureDoesNotMatch"
    with pytest.raises(botocore.exceptions.ClientError) as unknown:
        client_for(("AKIAIOSFODNN7EXAMPLE", "x" * 40)).list_users()
    assert error_code(unknown) == "InvalidClientTokenId"


def test_errors_are_aws_errors(root):
    with pytest.raises(root.exceptions.NoSuchEntityException):
        root.get_user(UserName="nobody")
    with pytest.raises(botocore.exceptions.ClientError) as invalid:
        root.create_user(UserName="bad name!")
    assert error_code(invalid) == "ValidationError"


def test_a_presigned_get_user_url_works_with_curl_and_urllib(root, client_for):
    credentials = new_user_with_key(root, "presigner")
    root.put_user_policy(UserName="presigner", PolicyName="self", PolicyDocument=json.dumps({
        "Version": "2012-10-17",
        "Statement": [{"Effect": "Allow", "Action": "iam:GetUser", "Resource": "arn:aws:iam::*:user/${aws:username}"}]}))
    url = client_for(credentials).generate_presigned_url("get_user", Params={}, ExpiresIn=300, HttpMethod="GET")
    assert "X-Amz-Signature=" in url
    with urllib.request.urlopen(url) as response:
        assert response.status == 200
        assert b"<UserName>presigner</UserName>" in response.read()
    curl = subprocess.run(["curl", "-sS", "-w", "\n%{http_code}", url], capture_output=True, text=True, check=True)
    body, status = curl.stdout.rsplit("\n", 1)
    assert status == "200" and "<UserName>presigner</UserName>" in body
    tampered = subprocess.run(["curl", "-sS", "-w", "\n%{http_code}", url.replace("GetUser", "ListUsers")],
                              capture_output=True, text=True, check=True)
    assert tampered.stdout.rsplit("\n", 1)[1] == "403"
    assert "<Code>SignatureDoesNotMatch</Code>" in tampered.stdout


def test_key_last_use_is_recorded(root, client_for):
    credentials = new_user_with_key(root, "recorded")
    client_for(credentials, "sts").get_caller_identity()
    last = root.get_access_key_last_used(AccessKeyId=credentials[0])["AccessKeyLastUsed"]
    assert last["ServiceName"] == "sts" and last["Region"] == "us-east-1" and "LastUsedDate" in last


def test_data_survives_a_restart(root, server, client_for, database):
    root.create_user(UserName="survivor")
    server.stop()
    server.start()
    restarted = client_for(database["root"])
    assert restarted.get_user(UserName="survivor")["User"]["UserName"] == "survivor"
    assert "labadmin" in [g["GroupName"] for g in restarted.list_groups()["Groups"]]
