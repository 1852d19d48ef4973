#include "lib/aws/profile.hpp"

namespace eks {
namespace {

struct OptionSpec {
  std::string_view name;
  std::optional<std::string> GetTokenArgs::*field;
};

constexpr OptionSpec k_options[] = {
    {"--profile", &GetTokenArgs::profile},     {"--region", &GetTokenArgs::region},
    {"--cluster-name", &GetTokenArgs::cluster_name}, {"--cluster-id", &GetTokenArgs::cluster_id},
    {"--role-arn", &GetTokenArgs::role_arn},   {"--role", &GetTokenArgs::role_arn},
    {"--output", &GetTokenArgs::output},
};

}  // namespace

GetTokenArgs parse_get_token_args(const std::vector<std::string>& args) {
  GetTokenArgs out;
  bool saw_eks = false;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string_view arg = args[i];
    if (arg.substr(0, 2) == "--") {
      const auto eq = arg.find('=');
      const std::string_view name = arg.substr(0, eq);
      for (const auto& spec : k_options) {
        if (name != spec.name) {
          continue;
        }
        if (eq != std::string_view::npos) {
          out.*spec.field = std::string(arg.substr(eq + 1));
        } else if (i + 1 < args.size()) {
          out.*spec.field = args[++i];
        }
        break;
      }
      continue;
    }
    if (arg == "eks") {
      saw_eks = true;
    } else if (arg == "get-token" && saw_eks) {
      out.is_eks_get_token = true;
    }
  }
  return out;
}

const char* profile_source_name(ProfileSource source) {
  switch (source) {
    case ProfileSource::flag: return "--profile";
    case ProfileSource::aws_profile_env: return "AWS_PROFILE";
    case ProfileSource::aws_default_profile_env: return "AWS_DEFAULT_PROFILE";
    case ProfileSource::default_profile: return "default";
  }
  return "default";
}

ProfileResolution resolve_profile(const std::vector<std::string>& args, const Env& env,
                                  int cli_major) {
  ProfileResolution out;
  const GetTokenArgs parsed = parse_get_token_args(args);
  // botocore configprovider: v1 reads ['AWS_DEFAULT_PROFILE', 'AWS_PROFILE'], v2 the reverse.
  const bool v1 = cli_major == 1;
  const std::pair<const char*, ProfileSource> order[2] = {
      {v1 ? "AWS_DEFAULT_PROFILE" : "AWS_PROFILE",
       v1 ? ProfileSource::aws_default_profile_env : ProfileSource::aws_profile_env},
      {v1 ? "AWS_PROFILE" : "AWS_DEFAULT_PROFILE",
       v1 ? ProfileSource::aws_profile_env : ProfileSource::aws_default_profile_env},
  };
  if (parsed.profile) {
    out.name = *parsed.profile;
    out.source = ProfileSource::flag;
  } else if (auto first = env.get(order[0].first)) {
    out.name = *first;
    out.source = order[0].second;
  } else if (auto second = env.get(order[1].first)) {
    out.name = *second;
    out.source = order[1].second;
  } else {
    out.name = "default";
    out.source = ProfileSource::default_profile;
  }
  if (env.has("AWS_ACCESS_KEY_ID")) {
    out.env_keys = env.has("AWS_SECRET_ACCESS_KEY") ? EnvKeys::complete : EnvKeys::partial;
  }
  out.env_keys_win = out.env_keys != EnvKeys::none && out.source != ProfileSource::flag;
  // botocore AssumeRoleWithWebIdentityProvider: disable_env_vars when a profile was given on the
  // command line, as for the env keys.
  out.env_web_identity = !env.get_or_empty("AWS_WEB_IDENTITY_TOKEN_FILE").empty() &&
                         !env.get_or_empty("AWS_ROLE_ARN").empty() && out.source != ProfileSource::flag;
  return out;
}

const char* region_source_name(RegionSource source) {
  switch (source) {
    case RegionSource::flag: return "--region";
    case RegionSource::aws_region_env: return "AWS_REGION";
    case RegionSource::aws_default_region_env: return "AWS_DEFAULT_REGION";
    case RegionSource::profile: return "profile";
    case RegionSource::none: return "none";
  }
  return "none";
}

RegionResolution resolve_region(const GetTokenArgs& args, const Env& env,
                                const AwsProfile* profile, int cli_major) {
  if (args.region && !args.region->empty()) {
    return {*args.region, RegionSource::flag};
  }
  if (cli_major != 1 && env.has("AWS_REGION")) {
    return {env.get_or_empty("AWS_REGION"), RegionSource::aws_region_env};
  }
  if (env.has("AWS_DEFAULT_REGION")) {
    return {env.get_or_empty("AWS_DEFAULT_REGION"), RegionSource::aws_default_region_env};
  }
  if (profile != nullptr) {
    if (auto region = profile->get("region"); region && !region->empty()) {
      return {*region, RegionSource::profile};
    }
  }
  return {};
}

}  // namespace eks
