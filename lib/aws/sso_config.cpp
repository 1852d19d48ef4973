#include "lib/aws/sso_config.hpp"

#include <algorithm>

#include "lib/aws/credential_process.hpp"

namespace eks {
namespace {

constexpr std::size_t k_max_chain = 16;

std::string configure_sso_fix(std::string_view profile) {
  return "aws configure sso --profile " + std::string(profile);
}

bool has_static_keys(const AwsProfile& p) {
  return p.has("aws_access_key_id") || p.has("aws_secret_access_key");
}

bool from_credentials_file(const AwsProfile& p, std::string_view key) {
  return std::find(p.credentials_file_keys.begin(), p.credentials_file_keys.end(), key) !=
         p.credentials_file_keys.end();
}

// One profile on its own, in botocore's create_credential_resolver() order (env excluded).
ProfileKind classify(const AwsProfile& p) {
  const bool web_identity = p.has("web_identity_token_file");
  if (p.has("role_arn") && !web_identity) {
    return ProfileKind::assume_role;
  }
  if (p.has("role_arn") && web_identity) {
    return ProfileKind::web_identity;
  }
  if (p.has("sso_account_id") || p.has("sso_role_name")) {
    return p.has("sso_session") ? ProfileKind::sso_session : ProfileKind::sso_legacy;
  }
  if (from_credentials_file(p, "aws_access_key_id")) {
    return ProfileKind::static_keys;
  }
  if (p.has("login_session")) {
    return ProfileKind::login_session;
  }
  if (p.has("credential_process")) {
    return ProfileKind::credential_process;
  }
  if (p.has("aws_access_key_id")) {
    return ProfileKind::static_keys;
  }
  return ProfileKind::none;
}

void add(ProfileAnalysis& a, std::string id, FindingSeverity severity, std::string message,
         std::string fix) {
  a.findings.push_back({std::move(id), severity, std::move(message), std::move(fix)});
}

// botocore SSOProvider._load_sso_config and _resolve_sso_session_reference.
void check_sso(const AwsProfile& p, const AwsConfig& config, ProfileAnalysis& a) {
  std::vector<std::pair<std::string, std::string>> resolved;
  for (const auto& [k, v] : p.values) {
    resolved.emplace_back(k, v.text);
  }
  const auto lookup = [&resolved](std::string_view key) -> const std::string* {
    for (const auto& [k, v] : resolved) {
      if (k == key) {
        return &v;
      }
    }
    return nullptr;
  };
  std::vector<std::string> required = {"sso_role_name", "sso_account_id", "sso_start_url",
                                       "sso_region"};
  const auto session_name = p.get("sso_session");
  if (session_name) {
    const AwsSsoSession* session = config.find_sso_session(*session_name);
    if (session == nullptr) {
      add(a, "sso-session-not-found", FindingSeverity::error,
          "The specified sso-session does not exist: \"" + *session_name + "\"",
          configure_sso_fix(p.name));
      return;
    }
    for (const auto& [k, v] : session->values) {
      if (const std::string* own = lookup(k); own != nullptr) {
        if (*own != v) {
          add(a, "sso-inconsistent", FindingSeverity::error,
              "The value for " + k + " is inconsistent between profile (" + *own +
                  ") and sso-session (" + v + ").",
              configure_sso_fix(p.name));
          return;
        }
      } else {
        resolved.emplace_back(k, v);
      }
    }
    required.emplace_back("sso_session");
  }
  std::string missing;
  for (const auto& key : required) {
    if (lookup(key) == nullptr) {
      missing += (missing.empty() ? "" : ", ") + key;
    }
  }
  if (!missing.empty()) {
    add(a, "sso-missing-config", FindingSeverity::error,
        "The profile \"" + p.name + "\" is configured to use SSO but is missing required "
            "configuration: " + missing,
        configure_sso_fix(p.name));
    return;
  }
  SsoSettings s;
  s.session_name = session_name.value_or("");
  s.start_url = *lookup("sso_start_url");
  s.region = *lookup("sso_region");
  s.account_id = *lookup("sso_account_id");
  s.role_name = *lookup("sso_role_name");
  if (const std::string* scopes = lookup("sso_registration_scopes")) {
    s.registration_scopes = *scopes;
  }
  a.sso = std::move(s);
  a.sso_profile = p.name;
}

ProfileAnalysis resolve_impl(std::string_view profile_name, const AwsConfig& config,
                             std::vector<std::string>& followed);

// credential_process naming a profile: follow it once (botocore would run the process, whose
// AWS CLI then resolves that profile); merge its analysis when it ends in SSO.
void unwrap_process(const AwsProfile& p, const AwsConfig& config, ProfileAnalysis& a,
                    std::vector<std::string>& followed) {
  const auto wrapped = credential_process_profile(p.get("credential_process").value_or(""));
  if (!wrapped || config.find_profile(*wrapped) == nullptr ||
      std::find(followed.begin(), followed.end(), *wrapped) != followed.end()) {
    return;
  }
  ProfileAnalysis inner = resolve_impl(*wrapped, config, followed);
  if (!inner.uses_sso()) {
    return;
  }
  a.wrapped_profile = *wrapped;
  a.source_kind = inner.source_kind;
  a.sso_profile = inner.sso_profile;
  a.sso = inner.sso;
  a.chain.insert(a.chain.end(), inner.chain.begin(), inner.chain.end());
  a.findings.push_back({"credential-process-sso", FindingSeverity::note,
                        "profile \"" + p.name + "\" gets credentials from credential_process, "
                            "which uses AWS SSO profile \"" + a.sso_profile + "\"",
                        ""});
  a.findings.insert(a.findings.end(), inner.findings.begin(), inner.findings.end());
}

// Findings for a profile that is not (only) an assume-role link.
void describe_leaf(const AwsProfile& p, ProfileKind kind, const AwsConfig& config,
                   ProfileAnalysis& a, std::vector<std::string>& followed) {
  switch (kind) {
    case ProfileKind::sso_legacy:
    case ProfileKind::sso_session:
      check_sso(p, config, a);
      break;
    case ProfileKind::static_keys: {
      const bool creds = from_credentials_file(p, "aws_access_key_id");
      if (!p.has("aws_secret_access_key")) {
        add(a, "static-keys-partial", FindingSeverity::error,
            std::string("Partial credentials found in ") +
                (creds ? "shared-credentials-file" : "config-file") +
                ", missing: aws_secret_access_key",
            "aws configure --profile " + p.name);
      } else {
        add(a, "static-keys", FindingSeverity::note,
            "profile \"" + p.name + "\" uses static access keys, not AWS SSO", "");
      }
      break;
    }
    case ProfileKind::login_session:
      a.login_session = p.get("login_session").value_or("");
      add(a, "login-session", FindingSeverity::note,
          "profile \"" + p.name + "\" uses an \"aws login\" session (" + a.login_session +
              "), not AWS SSO; its login is \"aws login\" (AWS CLI v2.32 or later)",
          "aws login --profile " + p.name);
      break;
    case ProfileKind::credential_process:
      unwrap_process(p, config, a, followed);
      if (a.wrapped_profile.empty()) {
        add(a, "credential-process", FindingSeverity::note,
            "profile \"" + p.name + "\" gets credentials from credential_process, not AWS SSO",
            "");
      }
      break;
    case ProfileKind::web_identity:
      add(a, "web-identity", FindingSeverity::note,
          "profile \"" + p.name + "\" uses web identity (web_identity_token_file), not AWS SSO",
          "");
      break;
    case ProfileKind::none:
      if (p.has("sso_session")) {
        add(a, "sso-token-only", FindingSeverity::note,
            "profile \"" + p.name + "\" has sso_session but neither sso_account_id nor "
                "sso_role_name: it can get an SSO token but no AWS credentials",
            configure_sso_fix(p.name));
      }
      break;
    case ProfileKind::assume_role:
    case ProfileKind::not_found:
      break;
  }
}

std::string python_list(const std::vector<std::string>& items) {
  std::string out = "[";
  for (std::size_t i = 0; i < items.size(); ++i) {
    out += (i ? ", '" : "'") + items[i] + "'";
  }
  return out + "]";
}

// botocore AssumeRoleProvider: _get_role_config, _validate_source_profile and
// _resolve_credentials_from_profile.
void follow_chain(const AwsConfig& config, ProfileAnalysis& a, std::vector<std::string>& followed) {
  std::vector<std::string> visited = {a.profile};
  std::string current = a.profile;
  for (std::size_t depth = 0;; ++depth) {
    if (depth >= k_max_chain) {
      add(a, "role-chain-too-long", FindingSeverity::error,
          "role chain from profile \"" + a.profile + "\" is longer than " +
              std::to_string(k_max_chain) + " profiles",
          "");
      return;
    }
    const AwsProfile& p = *config.find_profile(current);
    const auto source_profile = p.get("source_profile");
    const auto credential_source = p.get("credential_source");
    if (source_profile && credential_source) {
      add(a, "role-both-sources", FindingSeverity::error,
          "The profile \"" + current + "\" contains both source_profile and credential_source.",
          "");
      return;
    }
    if (!source_profile && !credential_source) {
      add(a, "role-no-source", FindingSeverity::error,
          "Partial credentials found in assume-role, missing: source_profile or "
          "credential_source",
          "");
      return;
    }
    if (credential_source) {
      a.source_kind = ProfileKind::assume_role;
      add(a, "role-credential-source", FindingSeverity::note,
          "profile \"" + current + "\" assumes its role with credential_source = " +
              *credential_source + ", not AWS SSO",
          "");
      return;
    }
    const AwsProfile* source = config.find_profile(*source_profile);
    if (source == nullptr) {
      add(a, "source-profile-not-found", FindingSeverity::error,
          "The source_profile \"" + *source_profile + "\" referenced in the profile \"" + current +
              "\" does not exist.",
          "");
      return;
    }
    const bool seen = std::find(visited.begin(), visited.end(), *source_profile) != visited.end();
    if (seen && (*source_profile != current || !has_static_keys(*source))) {
      add(a, "source-profile-loop", FindingSeverity::error,
          "Infinite loop in credential configuration detected. Attempting to load from profile " +
              *source_profile + " which has already been visited. Visited profiles: " +
              python_list(visited),
          "");
      return;
    }
    visited.push_back(*source_profile);
    a.chain.push_back(*source_profile);
    if (has_static_keys(*source)) {
      a.source_kind = ProfileKind::static_keys;
      return;
    }
    const ProfileKind kind = classify(*source);
    if (kind != ProfileKind::assume_role) {
      a.source_kind = kind;
      followed.push_back(*source_profile);
      describe_leaf(*source, kind, config, a, followed);
      if (kind == ProfileKind::none) {
        add(a, "source-profile-no-credentials", FindingSeverity::error,
            "The source profile \"" + *source_profile + "\" must have credentials.",
            configure_sso_fix(*source_profile));
      }
      return;
    }
    current = *source_profile;
  }
}

}  // namespace

const char* profile_kind_name(ProfileKind kind) {
  switch (kind) {
    case ProfileKind::sso_legacy: return "sso-legacy";
    case ProfileKind::sso_session: return "sso-session";
    case ProfileKind::static_keys: return "static-keys";
    case ProfileKind::assume_role: return "assume-role";
    case ProfileKind::web_identity: return "web-identity";
    case ProfileKind::credential_process: return "credential-process";
    case ProfileKind::login_session: return "login-session";
    case ProfileKind::none: return "none";
    case ProfileKind::not_found: return "not-found";
  }
  return "none";
}

bool ProfileAnalysis::has_error() const {
  return std::any_of(findings.begin(), findings.end(), [](const ProfileFinding& f) {
    return f.severity == FindingSeverity::error;
  });
}

std::string ProfileAnalysis::via() const {
  if (!wrapped_profile.empty()) {
    return "credential_process";
  }
  return chain.size() > 1 && uses_sso() ? "source_profile" : "";
}

ProfileAnalysis resolve_sso(std::string_view profile_name, const AwsConfig& config) {
  std::vector<std::string> followed;
  return resolve_impl(profile_name, config, followed);
}

namespace {

ProfileAnalysis resolve_impl(std::string_view profile_name, const AwsConfig& config,
                             std::vector<std::string>& followed) {
  followed.emplace_back(profile_name);
  ProfileAnalysis a;
  a.profile = std::string(profile_name);
  a.chain = {a.profile};
  const AwsProfile* p = config.find_profile(profile_name);
  if (p == nullptr) {
    // botocore Session.get_scoped_config: a missing "default" is an empty profile, any other
    // missing name is ProfileNotFound.
    if (profile_name == "default") {
      a.kind = a.source_kind = ProfileKind::none;
      add(a, "no-credentials", FindingSeverity::error, "Unable to locate credentials",
          configure_sso_fix(profile_name));
      return a;
    }
    a.kind = a.source_kind = ProfileKind::not_found;
    add(a, "profile-not-found", FindingSeverity::error,
        "The config profile (" + a.profile + ") could not be found",
        configure_sso_fix(profile_name));
    return a;
  }
  a.kind = classify(*p);
  a.source_kind = a.kind;
  if (a.kind == ProfileKind::assume_role) {
    follow_chain(config, a, followed);
    return a;
  }
  describe_leaf(*p, a.kind, config, a, followed);
  if (a.kind == ProfileKind::none) {
    add(a, "no-credentials", FindingSeverity::error, "Unable to locate credentials",
        configure_sso_fix(profile_name));
  }
  return a;
}

}  // namespace

}  // namespace eks
