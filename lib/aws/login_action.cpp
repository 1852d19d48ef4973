#include "lib/aws/login_action.hpp"

#include <fmt/format.h>

#include <sstream>

#include "lib/util/timefmt.hpp"
#include "lib/util/wrap.hpp"

namespace eks {

const char* login_reason_name(LoginReason reason) {
  switch (reason) {
    case LoginReason::sso_token_missing: return "sso_token_missing";
    case LoginReason::sso_token_expired: return "sso_token_expired";
    case LoginReason::sso_session_invalid: return "sso_session_invalid";
  }
  return "sso_token_missing";
}

std::string shell_quote(const std::string& word) {
  if (word.empty()) {
    return "''";
  }
  bool safe = true;
  for (const char c : word) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    std::string_view("@%+=:,./_-").find(c) != std::string_view::npos;
    safe = safe && ok;
  }
  return safe ? word : single_quote(word);
}

std::string single_quote(const std::string& word) {
  std::string out = "'";
  for (const char c : word) {
    if (c == '\'') {
      out += "'\\''";
    } else {
      out += c;
    }
  }
  return out + "'";
}

std::string eks_login_command(const LoginRequired& o) {
  std::string cmd = "eks-sso login";
  if (!o.kubeconfig.empty()) {
    cmd += " --kubeconfig " + shell_quote(o.kubeconfig);
  }
  if (!o.context.empty()) {
    cmd += " --context " + shell_quote(o.context);
  } else if (!o.profile.empty()) {
    cmd += " --profile " + shell_quote(o.profile);
  }
  return cmd;
}

std::string aws_login_command(const LoginRequired& o) {
  const std::string base = o.aws_login ? "aws login" : "aws sso login";
  if (o.profile.empty() || o.profile == "default") {
    return o.profile.empty() ? base : base + " --profile default";
  }
  return base + " --profile " + shell_quote(o.profile);
}

namespace {

std::string why(const LoginRequired& o, TimePoint now) {
  switch (o.reason) {
    case LoginReason::sso_token_missing:
      return "no SSO token is cached (never logged in, or logged out)";
    case LoginReason::sso_token_expired:
      if (o.expired_at) {
        return fmt::format("the SSO token expired {} ({})", relative_to_now(*o.expired_at, now),
                           format_rfc3339(*o.expired_at));
      }
      return "the SSO token has expired";
    case LoginReason::sso_session_invalid:
      return "the SSO session has expired or is otherwise invalid";
  }
  return "";
}

}  // namespace

void print_login_required(std::ostream& stream, const LoginRequired& o, TimePoint now, bool color, int width) {
  std::ostringstream err;
  const char* bold = color ? "\033[1m" : "";
  const char* yellow = color ? "\033[33m" : "";
  const char* reset = color ? "\033[0m" : "";
  const std::string what = o.aws_login ? "AWS login" : "AWS SSO login";
  if (o.context.empty()) {
    err << yellow << what << " required" << reset << '\n';
  } else {
    err << yellow << what << " required for context \"" << o.context << "\"" << reset << '\n';
  }
  err << "  profile \"" << (o.profile.empty() ? "default" : o.profile) << "\": " << why(o, now) << '\n';
  if (!o.requested_profile.empty() && o.requested_profile != o.profile) {
    err << "  (the plugin's profile \"" << o.requested_profile << "\" gets its credentials from it via "
        << (o.via.empty() ? "source_profile" : o.via) << ")\n";
  } else if (o.via == "credential_process") {
    err << "  (profile \"" << o.profile << "\" runs a credential_process whose SSO login is needed; "
        << "its command line names no profile, log in with the profile the process uses)\n";
  }
  if (!o.start_url.empty() || !o.session.empty()) {
    err << "  ";
    if (!o.session.empty()) {
      err << "sso-session \"" << o.session << "\"" << (o.start_url.empty() ? "" : ", ");
    }
    if (!o.start_url.empty()) {
      err << "start URL " << o.start_url;
    }
    err << '\n';
  }
  if (!o.evidence.empty()) {
    err << "  (" << o.evidence << ")\n";
  }
  err << "  " << bold << "→ " << (o.aws_login ? "Login with AWS" : "Login with AWS SSO") << ":" << reset << "  "
      << eks_login_command(o) << '\n';
  err << "    (runs: " << aws_login_command(o) << ")\n";
  if (o.aws_cli_v1) {
    err << "  note: the AWS CLI found is version 1, which has no 'aws sso login'; install AWS CLI v2 to log in\n";
  }
  stream << wrap_prose(err.str(), width);
}

nlohmann::json login_required_json(const LoginRequired& o) {
  nlohmann::json j = {
      {"status", "login_required"},
      {"context", o.context},
      {"profile", o.profile},
      {"reason", login_reason_name(o.reason)},
      {"action",
       {{"label", o.aws_login ? "Login with AWS" : "Login with AWS SSO"},
        {"command", eks_login_command(o)},
        {"awsCommand", aws_login_command(o)}}},
  };
  if (!o.requested_profile.empty() && o.requested_profile != o.profile) {
    j["requestedProfile"] = o.requested_profile;
  }
  if (!o.via.empty()) {
    j["via"] = o.via;
  }
  if (o.expired_at) {
    j["expiredAt"] = format_rfc3339(*o.expired_at);
  }
  if (!o.start_url.empty()) {
    j["startUrl"] = o.start_url;
  }
  if (!o.session.empty()) {
    j["session"] = o.session;
  }
  if (o.aws_cli_v1) {
    j["awsCliV1"] = true;
  }
  return j;
}

}  // namespace eks

namespace eks {

std::optional<LoginRequired> login_required_from(const AwsFailure& failure, const std::string& context,
                                                 const std::string& profile) {
  if (failure.kind != AwsErrorClass::sso_login_required && failure.kind != AwsErrorClass::aws_login_required) {
    return std::nullopt;
  }
  LoginRequired o;
  o.context = context;
  o.profile = failure.profile.empty() ? profile : failure.profile;
  o.aws_login = failure.kind == AwsErrorClass::aws_login_required;
  if (failure.custom_process) {
    o.via = "credential_process";  // the wrapped profile, when known, is named by the caller
  }
  switch (failure.sso_reason) {
    case SsoLoginReason::token_missing: o.reason = LoginReason::sso_token_missing; break;
    case SsoLoginReason::token_expired:
    case SsoLoginReason::refresh_failed: o.reason = LoginReason::sso_token_expired; break;
    case SsoLoginReason::none:
    case SsoLoginReason::session_invalid:
    case SsoLoginReason::cache_corrupt: o.reason = LoginReason::sso_session_invalid; break;
  }
  // "Token for X does not exist": X is the sso-session name, or the start URL for legacy profiles.
  if (!failure.sso_subject.empty()) {
    if (failure.sso_subject.find("://") != std::string::npos) {
      o.start_url = failure.sso_subject;
    } else {
      o.session = failure.sso_subject;
    }
  }
  std::string said = failure.message;
  if (const auto nl = said.find('\n'); nl != std::string::npos) {
    said = said.substr(0, nl);
  }
  o.evidence = "the exec plugin said: " + said;
  return o;
}

}  // namespace eks
