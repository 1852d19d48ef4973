// Which AWS profile and region `aws eks get-token` will use, predicted from its arguments and the
// environment it will run with. Spec: docs/spec/aws.md 2.1, 2.5, 2.7, 3; transcripts 23, 35.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "lib/aws/config.hpp"
#include "lib/util/env.hpp"

namespace eks {

// The arguments of interest in an exec plugin's args (e.g. update-kubeconfig's
// `--region R eks get-token --cluster-name N --output json`). `--x=v` and `--x v` both work;
// a repeated option keeps its last value (argparse). `--role` is accepted for `--role-arn`
// (argparse prefix matching; update-kubeconfig writes `--role`).
struct GetTokenArgs {
  bool is_eks_get_token = false;  // "eks" followed by "get-token" among the words
  std::optional<std::string> profile;
  std::optional<std::string> region;
  std::optional<std::string> cluster_name;
  std::optional<std::string> cluster_id;
  std::optional<std::string> role_arn;
  std::optional<std::string> output;
};
[[nodiscard]] GetTokenArgs parse_get_token_args(const std::vector<std::string>& args);

enum class ProfileSource { flag, aws_profile_env, aws_default_profile_env, default_profile };
// "--profile", "AWS_PROFILE", "AWS_DEFAULT_PROFILE", "default".
[[nodiscard]] const char* profile_source_name(ProfileSource source);

// Static keys in the environment (botocore EnvProvider): it applies when AWS_ACCESS_KEY_ID is
// non-empty; without AWS_SECRET_ACCESS_KEY it fails ("Partial credentials found in env").
enum class EnvKeys { none, complete, partial };

struct ProfileResolution {
  std::string name;  // may be "" when AWS_PROFILE="" (the CLI then says "profile () not found")
  ProfileSource source = ProfileSource::default_profile;
  EnvKeys env_keys = EnvKeys::none;
  // True when env keys apply: they were set and the profile did not come from --profile
  // (--profile disables the env provider; AWS_PROFILE does not). SSO is then not used at all,
  // provided the profile exists (a missing profile fails first).
  bool env_keys_win = false;
  // True when AWS_WEB_IDENTITY_TOKEN_FILE and AWS_ROLE_ARN are both set (non-empty) and the profile
  // did not come from --profile: botocore's web-identity provider reads them before the profile's
  // sso_* settings (docs/spec/aws.md 3, the provider chain), the same in v1 and v2. It does not win
  // over env keys (earlier) nor over a role_arn + source_profile profile (assume-role is earlier).
  bool env_web_identity = false;
};

// `cli_major` is the AWS CLI major version: 1, or anything else for 2 (unknown -> 2).
// --profile > v2: AWS_PROFILE > AWS_DEFAULT_PROFILE (v1: the reverse) > "default".
// An environment variable that is set counts even when empty, as in botocore.
[[nodiscard]] ProfileResolution resolve_profile(const std::vector<std::string>& args,
                                                const Env& env, int cli_major);

enum class RegionSource { flag, aws_region_env, aws_default_region_env, profile, none };
[[nodiscard]] const char* region_source_name(RegionSource source);

struct RegionResolution {
  std::string region;  // "" when none: get-token then signs for sts.amazonaws.com / us-east-1
  RegionSource source = RegionSource::none;
};

// --region > v2: AWS_REGION > AWS_DEFAULT_REGION (v1 ignores AWS_REGION) > the profile's `region`.
// `profile` may be null (profile not found). Empty environment values are ignored.
[[nodiscard]] RegionResolution resolve_region(const GetTokenArgs& args, const Env& env,
                                              const AwsProfile* profile, int cli_major);

}  // namespace eks
