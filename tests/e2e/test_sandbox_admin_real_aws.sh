#!/usr/bin/env bash
# The sandbox's AWS admin side driven by the REAL AWS CLI v1 (botocore parses every answer):
# sso-admin / identitystore (JSON 1.1), eks (REST-JSON), iam / sts (query XML), reads, writes and
# the failure scenarios of `set --admin`. Skips when no AWS CLI v1 is on PATH.
source "$(dirname "${BASH_SOURCE[0]}")/sandbox_lib.sh"

AWS1=$(command -v aws || true)
if [[ "$AWS1" == */shims/aws ]]; then
  AWS1=$(pyenv which aws 2>/dev/null || true)
fi
[[ -n "$AWS1" ]] && "$AWS1" --version 2>&1 | grep -q '^aws-cli/1\.' || skip "no AWS CLI v1 on PATH"

sandbox_start
INSTANCE=arn:aws:sso:::instance/ssoins-7223sandbox0001
# aws1 ARGS...: the real CLI against the sandbox, static test keys, no network, no user config.
aws1() {
  env -i HOME="$TEST_TMP" PATH=/usr/bin:/bin LANG=C.UTF-8 AWS_CONFIG_FILE=/dev/null AWS_SHARED_CREDENTIALS_FILE=/dev/null \
    AWS_ENDPOINT_URL="https://127.0.0.1:$SANDBOX_PORT" AWS_CA_BUNDLE="$SANDBOX_DIR/certs/ca.crt" \
    AWS_ACCESS_KEY_ID=AKIASANDBOXADMIN0001 AWS_SECRET_ACCESS_KEY=sandbox-admin-secret AWS_DEFAULT_REGION=us-east-1 \
    "$AWS1" "$@"
}
run() {
  out=$(aws1 "$@" 2>"$TEST_TMP/err")
  rc=$?
  err=$(cat "$TEST_TMP/err")
}

# --- reads, every service ----------------------------------------------------------------------
run sso-admin list-instances --query 'Instances[0].[InstanceArn,IdentityStoreId,Status]' --output text
assert_eq $'arn:aws:sso:::instance/ssoins-7223sandbox0001\td-9067sandbox\tACTIVE' "$out" "list-instances"
run sso-admin list-instances --region eu-west-1 --query 'length(Instances)'
assert_eq 0 "$out" "no instance in another region"
run sso-admin list-permission-sets --instance-arn "$INSTANCE" --query 'length(PermissionSets)'
assert_eq 3 "$out" "list-permission-sets"
PS=$(aws1 sso-admin list-permission-sets --instance-arn "$INSTANCE" --query 'PermissionSets[0]' --output text)
run sso-admin describe-permission-set --instance-arn "$INSTANCE" --permission-set-arn "$PS" --query 'PermissionSet.[Name,SessionDuration]' --output text
assert_eq $'EKSClusterAdmin\tPT8H' "$out" "describe-permission-set"
run sso-admin get-inline-policy-for-permission-set --instance-arn "$INSTANCE" --permission-set-arn "$PS" --query InlinePolicy --output text
assert_contains "$out" "eks:DescribeCluster" "inline policy"
run sso-admin list-managed-policies-in-permission-set --instance-arn "$INSTANCE" --permission-set-arn "$PS" --query 'length(AttachedManagedPolicies)'
assert_eq 0 "$out" "managed policies"
run sso-admin list-customer-managed-policy-references-in-permission-set --instance-arn "$INSTANCE" --permission-set-arn "$PS" --query 'length(CustomerManagedPolicyReferences)'
assert_eq 0 "$out" "customer managed references"
run sso-admin list-permission-sets-provisioned-to-account --instance-arn "$INSTANCE" --account-id 111122223333 --query 'length(PermissionSets)'
assert_eq 3 "$out" "provisioned to account"
run sso-admin list-account-assignments --instance-arn "$INSTANCE" --account-id 111122223333 --permission-set-arn "$PS" --query 'AccountAssignments[0].[PrincipalType,PrincipalId]' --output text
assert_eq $'GROUP\t9067sandbox-0000-0000-0000-0000eks-devs' "$out" "list-account-assignments"
run identitystore list-users --identity-store-id d-9067sandbox --filters AttributePath=UserName,AttributeValue=jane.doe@example.com --query 'Users[0].UserId' --output text
assert_eq 9067sandbox-0000-0000-0000-00000000jane "$out" "list-users filter"
run identitystore list-groups --identity-store-id d-9067sandbox --filters AttributePath=DisplayName,AttributeValue=nobody --query 'length(Groups)'
assert_eq 0 "$out" "list-groups filter, no match"
run eks describe-cluster --name sandbox-eks --query 'cluster.[status,accessConfig.authenticationMode,endpoint]' --output text
assert_eq $'ACTIVE\tAPI_AND_CONFIG_MAP\thttps://127.0.0.1:'"$SANDBOX_PORT" "$out" "describe-cluster"
ROLE=$(aws1 iam list-roles --path-prefix /aws-reserved/sso.amazonaws.com/ --query "Roles[?starts_with(RoleName,'AWSReservedSSO_EKSClusterAdmin_')].Arn" --output text)
assert_contains "$ROLE" ":role/aws-reserved/sso.amazonaws.com/us-east-1/$(sandbox_role_name EKSClusterAdmin)" "iam list-roles (XML)"
run iam list-roles --path-prefix /nothing/ --query 'length(Roles)'
assert_eq 0 "$out" "list-roles path prefix"
run sts get-caller-identity --query Account --output text
assert_eq 111122223333 "$out" "sts get-caller-identity (XML)"
run eks list-access-entries --cluster-name sandbox-eks --query 'length(accessEntries)'
assert_eq 3 "$out" "list-access-entries"
run eks describe-access-entry --cluster-name sandbox-eks --principal-arn "$ROLE" --query 'accessEntry.[type,username]' --output text
assert_contains "$out" $'STANDARD\tarn:aws:sts::111122223333:assumed-role/' "describe-access-entry (ARN with path in the URI)"
run eks list-associated-access-policies --cluster-name sandbox-eks --principal-arn "$ROLE" --query 'associatedAccessPolicies[0].[policyArn,accessScope.type]' --output text
assert_eq $'arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy\tcluster' "$out" "list-associated-access-policies"

# --- errors as botocore classifies them ----------------------------------------------------------
run eks describe-cluster --name other-eks
assert_rc 255 "$rc" "unknown cluster (AWS CLI v1: 255)"
assert_contains "$err" "An error occurred (ResourceNotFoundException) when calling the DescribeCluster operation: No cluster found for name: other-eks." "eks error"
run sso-admin describe-permission-set --instance-arn "$INSTANCE" --permission-set-arn arn:aws:sso:::permissionSet/ssoins-7223sandbox0001/ps-nope
assert_contains "$err" "(ResourceNotFoundException) when calling the DescribePermissionSet operation" "sso-admin error"

# --- scenarios -----------------------------------------------------------------------------------
sandbox_set --admin no-instance
run sso-admin list-instances --query 'length(Instances)'
assert_eq 0 "$out" "no-instance"
sandbox_set --admin ps-not-provisioned
run sso-admin list-permission-sets-provisioned-to-account --instance-arn "$INSTANCE" --account-id 111122223333 --query 'length(PermissionSets)'
assert_eq 2 "$out" "ps-not-provisioned"
sandbox_set --admin ps-no-describe
run sso-admin get-inline-policy-for-permission-set --instance-arn "$INSTANCE" --permission-set-arn "$PS" --query InlinePolicy --output text
assert_not_contains "$out" "eks:DescribeCluster" "ps-no-describe"
sandbox_set --admin config-map
run eks describe-cluster --name sandbox-eks --query cluster.accessConfig.authenticationMode --output text
assert_eq CONFIG_MAP "$out" "config-map"
run eks list-access-entries --cluster-name sandbox-eks
assert_contains "$err" "InvalidRequestException" "access entries rejected in CONFIG_MAP mode"
sandbox_set --admin sts-entry
run eks list-access-entries --cluster-name sandbox-eks --query 'accessEntries[0]' --output text
assert_contains "$out" "arn:aws:sts::111122223333:assumed-role/" "sts-entry"
sandbox_set --admin entry-no-policy
run eks list-associated-access-policies --cluster-name sandbox-eks --principal-arn "$ROLE" --query 'length(associatedAccessPolicies)'
assert_eq 0 "$out" "entry-no-policy"
sandbox_set --admin namespace-policy
run eks list-associated-access-policies --cluster-name sandbox-eks --principal-arn "$ROLE" --query 'associatedAccessPolicies[0].accessScope.[type,namespaces[0]]' --output text
assert_eq $'namespace\tdefault' "$out" "namespace-policy"
sandbox_set --admin no-entry
run eks describe-access-entry --cluster-name sandbox-eks --principal-arn "$ROLE"
assert_contains "$err" "(ResourceNotFoundException) when calling the DescribeAccessEntry operation" "no-entry"

# --- writes (the state file changes) ---------------------------------------------------------------
sandbox_set --admin empty
run sso-admin create-permission-set --instance-arn "$INSTANCE" --name K8StudioEKSExec --query PermissionSet.Name --output text
assert_eq K8StudioEKSExec "$out" "create-permission-set"
NEW=$(aws1 sso-admin list-permission-sets --instance-arn "$INSTANCE" --query 'PermissionSets[0]' --output text)
run sso-admin create-permission-set --instance-arn "$INSTANCE" --name K8StudioEKSExec
assert_contains "$err" "ConflictException" "duplicate permission set"
run identitystore create-group --identity-store-id d-9067sandbox --display-name eks-users --query GroupId --output text
GID=$out
run sso-admin create-account-assignment --instance-arn "$INSTANCE" --target-id 111122223333 --target-type AWS_ACCOUNT \
  --permission-set-arn "$NEW" --principal-type GROUP --principal-id "$GID" --query AccountAssignmentCreationStatus.RequestId --output text
run sso-admin describe-account-assignment-creation-status --instance-arn "$INSTANCE" --account-assignment-creation-request-id "$out" \
  --query AccountAssignmentCreationStatus.Status --output text
assert_eq SUCCEEDED "$out" "assignment status"
NEWROLE=$(aws1 iam list-roles --path-prefix /aws-reserved/sso.amazonaws.com/ --query "Roles[?starts_with(RoleName,'AWSReservedSSO_K8StudioEKSExec_')].Arn" --output text)
assert_contains "$NEWROLE" "AWSReservedSSO_K8StudioEKSExec_" "role exists once assigned"
run eks create-access-entry --cluster-name sandbox-eks --principal-arn "$NEWROLE" --query accessEntry.principalArn --output text
assert_eq "$NEWROLE" "$out" "create-access-entry"
run eks associate-access-policy --cluster-name sandbox-eks --principal-arn "$NEWROLE" \
  --policy-arn arn:aws:eks::aws:cluster-access-policy/AmazonEKSAdminViewPolicy --access-scope type=cluster --query associatedAccessPolicy.accessScope.type --output text
assert_eq cluster "$out" "associate-access-policy"
assert_contains "$(cat "$SANDBOX_DIR/state.json")" 'AWSReservedSSO_K8StudioEKSExec_' "state.json holds the new entry"
sandbox_set --admin config-map
run eks update-cluster-config --name sandbox-eks --access-config authenticationMode=API_AND_CONFIG_MAP --query update.status --output text
assert_eq Successful "$out" "update-cluster-config"
run eks describe-cluster --name sandbox-eks --query cluster.accessConfig.authenticationMode --output text
assert_eq API_AND_CONFIG_MAP "$out" "mode after update"
finish
