// The pieces of `eks-sso logout-test` (guide step 10) that need no terminal: a throwaway HOME with
// an empty SSO cache, the context rewired to use it (the same AWS config and credentials files,
// nothing else of the user's home, so neither the SSO token cache nor CLI v2's cached role
// credentials in ~/.aws/cli/cache can mask the logged-out state), and the explanation when the
// plugin still gets a credential (the context does not depend on SSO).
#pragma once

#include <filesystem>
#include <memory>
#include <string>

#include "lib/aws/config.hpp"
#include "lib/session/context_access.hpp"
#include "lib/util/env.hpp"
#include "lib/util/result.hpp"

namespace eks {

// A private directory (mkdtemp, mode 0700) holding an empty .aws/sso/cache; removed with
// everything below it when the object is destroyed.
class ThrowawayHome {
 public:
  // Under $TMPDIR (from `env`), else /tmp. Errors are general errors naming the directory.
  [[nodiscard]] static Result<std::unique_ptr<ThrowawayHome>> create(const Env& env);
  ~ThrowawayHome();
  ThrowawayHome(const ThrowawayHome&) = delete;
  ThrowawayHome& operator=(const ThrowawayHome&) = delete;

  [[nodiscard]] const std::filesystem::path& path() const { return m_path; }

 private:
  explicit ThrowawayHome(std::filesystem::path path) : m_path(std::move(path)) {}
  std::filesystem::path m_path;
};

// The context as the plugin would see it logged out. Owns the rewritten user.
struct IsolatedAccess {
  ContextAccess access;               // selection.user points into `user`
  std::shared_ptr<const AuthInfo> user;
  AwsConfigPaths real_paths;          // the files the plugin reads, resolved as the AWS CLI would
};

// HOME=<fake_home>, AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE = the paths the plugin would
// read with its real environment (exec env over `process_env`; its HOME, else `real_home`),
// appended to the user's exec env so they win over anything there (later entries win). A user
// without an exec plugin is returned unchanged.
[[nodiscard]] IsolatedAccess isolate_access(const ContextAccess& access, const Env& process_env,
                                            const std::filesystem::path& real_home,
                                            const std::filesystem::path& fake_home);

// The home directory the plugin sees: HOME in its environment (exec env over `process_env`),
// else `fallback`.
[[nodiscard]] std::filesystem::path plugin_home(const ContextAccess& access, const Env& process_env,
                                                const std::filesystem::path& fallback);

struct NotSsoReason {
  std::string id;       // "kubeconfig-credential", "not-aws-plugin", "env-keys", "static-keys", ...
  std::string message;  // one line: why the context does not depend on AWS SSO
  std::string fix;      // "" when none applies
};

// Why the plugin got a credential with no SSO token, from the context and the AWS config (as the
// plugin reads it). `aws` may be an error (it is then named in the message).
[[nodiscard]] NotSsoReason explain_credential_without_sso(const ContextAccess& access, const Result<AwsConfig>& aws);

}  // namespace eks
