// The login-required outcome of the contract (docs/CONTRACT.md): when the SSO token is
// missing, expired or no longer valid, every command stops with exit 3 and shows the explicit
// "Login with AWS SSO" action. eks-sso never starts the login itself (only `eks-sso login` does).
#pragma once

#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "lib/util/clock.hpp"

namespace eks {

enum class LoginReason { sso_token_missing, sso_token_expired, sso_session_invalid };

[[nodiscard]] const char* login_reason_name(LoginReason reason);

struct LoginRequired {
  std::string context;
  // The profile that owns the SSO session: the one `aws sso login --profile` accepts. For a role
  // chain it is the source profile the chain ends in; for a credential_process wrapper the wrapped
  // profile when its command line names one, else the process's own profile.
  std::string profile;
  // The profile the exec plugin uses, when it differs from `profile` ("" otherwise).
  std::string requested_profile;
  // How `profile` was reached from requested_profile: "source_profile" or "credential_process"
  // (also set when the process's own profile is all we can name); "" for the profile itself.
  std::string via;
  LoginReason reason = LoginReason::sso_token_missing;
  std::optional<TimePoint> expired_at;  // when known
  std::string start_url;
  std::string session;      // sso-session name, when the profile uses one
  bool aws_login = false;   // a `login_session` profile: the command is `aws login`, not `aws sso login`
  bool aws_cli_v1 = false;  // AWS CLI v1 found: it has no `aws sso login`
  std::string evidence;     // where we learned it: "the exec plugin said: ..." or "the SSO token cache"
  std::string kubeconfig;   // --kubeconfig given by the user, repeated in the eks-sso command
};

// "eks-sso login --context CTX" (with --kubeconfig when one was given), shell-quoted.
[[nodiscard]] std::string eks_login_command(const LoginRequired& outcome);
// "aws sso login --profile P" (or "aws login --profile P").
[[nodiscard]] std::string aws_login_command(const LoginRequired& outcome);

// The human form, for stderr.
// `width`: the terminal's columns to wrap the block to (lib/util/wrap.hpp: the login command moves
// to its own line rather than break), 0 = as it is.
void print_login_required(std::ostream& err, const LoginRequired& outcome, TimePoint now, bool color, int width = 0);

// The JSON form: {"status":"login_required","context","profile","reason","action":{...}, ...}.
[[nodiscard]] nlohmann::json login_required_json(const LoginRequired& outcome);

// POSIX shell quoting for copy-pasteable commands: bare when safe, else single quotes.
[[nodiscard]] std::string shell_quote(const std::string& word);

// Always single quotes, ' written as '\'' (the empty word too): for generated scripts.
[[nodiscard]] std::string single_quote(const std::string& word);

}  // namespace eks

#include "lib/aws/errors.hpp"

namespace eks {

// The login-required outcome from an AWS CLI plugin failure (aws_errors), or nullopt when the
// failure is not one a login fixes. `profile` is the profile the plugin used, as resolved by us;
// the plugin's own words win when it names one.
[[nodiscard]] std::optional<LoginRequired> login_required_from(const AwsFailure& failure, const std::string& context,
                                                               const std::string& profile);

}  // namespace eks
