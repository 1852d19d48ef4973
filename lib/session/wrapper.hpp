// eks-sso's own exec plugin wrapper (`eks-sso [--kubeconfig F] [--context C] credential`, what
// `eks-sso credential --print-kubeconfig-user` writes, README "the kubectl wrapper") recognised and
// followed to the user it wraps (issue 16, defect 3). Without this, a context set up as our README
// says showed as "not SSO" in `contexts` and doctor proposed `aws eks update-kubeconfig`, undoing
// the setup. Followed once: a wrapper that wraps a wrapper is an error, as `credential` says.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "lib/kube/kubeconfig.hpp"
#include "lib/util/env.hpp"
#include "lib/util/result.hpp"

namespace eks {

// What the wrapper's args say: the kubeconfig it reads (empty: the plugin's KUBECONFIG or
// ~/.kube/config) and the context whose user it runs (empty: that kubeconfig's current-context).
struct WrapperArgs {
  std::string kubeconfig;
  std::string context;
};

// Recognises the wrapper by its command's basename (eks-sso, kubectl-eks_sso, kubectl-eks-sso)
// and a `credential` argument; reads --kubeconfig/--context in both `--flag v` and `--flag=v`
// forms. Pure.
[[nodiscard]] std::optional<WrapperArgs> parse_wrapper(const ExecConfig& exec);

// The user a wrapper runs, and the kubeconfig that owns it (the one given when the wrapper reads
// the same files, else loaded from the wrapper's --kubeconfig or its environment's KUBECONFIG).
struct WrappedUser {
  std::shared_ptr<const Kubeconfig> config;  // owns *user
  const AuthInfo* user = nullptr;
  std::string context;  // the wrapped context's name
  Env env;              // the environment the wrapped plugin gets (the wrapper's exec env applied)
};

// `sources` are the files `current` was loaded from; `env` is the process environment. Reads
// kubeconfig files when the wrapper names other ones. Errors are config errors naming the wrapper.
[[nodiscard]] Result<WrappedUser> follow_wrapper(const ExecConfig& wrapper, const std::string& wrapper_user,
                                                 std::shared_ptr<const Kubeconfig> current,
                                                 const KubeconfigSources& sources, const Env& env);

}  // namespace eks
