#include "lib/session/wrapper.hpp"

#include <filesystem>

#include <fmt/format.h>

#include "lib/kube/exec_plugin.hpp"

namespace eks {
namespace {

bool take_flag(const std::vector<std::string>& args, size_t& i, std::string_view flag, std::string& value) {
  const std::string& a = args[i];
  if (a == flag && i + 1 < args.size()) {
    value = args[++i];
    return true;
  }
  const std::string prefix = std::string(flag) + "=";
  if (a.rfind(prefix, 0) == 0) {
    value = a.substr(prefix.size());
    return true;
  }
  return false;
}

}  // namespace

std::optional<WrapperArgs> parse_wrapper(const ExecConfig& exec) {
  const std::string base = std::filesystem::path(exec.command).filename().string();
  if (base != "eks-sso" && base != "kubectl-eks_sso" && base != "kubectl-eks-sso") {
    return std::nullopt;
  }
  WrapperArgs out;
  bool credential = false;
  for (size_t i = 0; i < exec.args.size(); ++i) {
    if (take_flag(exec.args, i, "--kubeconfig", out.kubeconfig) || take_flag(exec.args, i, "--context", out.context)) {
      continue;
    }
    credential = credential || exec.args[i] == "credential";
  }
  if (!credential) {
    return std::nullopt;
  }
  return out;
}

Result<WrappedUser> follow_wrapper(const ExecConfig& wrapper, const std::string& wrapper_user,
                                   std::shared_ptr<const Kubeconfig> current, const KubeconfigSources& sources,
                                   const Env& env) {
  const std::optional<WrapperArgs> args = parse_wrapper(wrapper);
  if (!args) {
    return make_error(ErrorKind::general, fmt::format("the user \"{}\" does not run eks-sso credential", wrapper_user));
  }
  WrappedUser out;
  out.env = plugin_environment(wrapper, env);
  KubeconfigSources theirs;
  theirs.home = sources.home;
  theirs.kubeconfig_env = out.env.get("KUBECONFIG");
  if (!args->kubeconfig.empty()) {
    theirs.explicit_path = args->kubeconfig;
  }
  const bool same = theirs.explicit_path == sources.explicit_path &&
                    (sources.explicit_path || theirs.kubeconfig_env == sources.kubeconfig_env);
  if (same) {
    out.config = std::move(current);
  } else {
    auto loaded = load_kubeconfig(theirs);
    if (!loaded) {
      Error e = loaded.take_error();
      e.message = fmt::format("the user \"{}\" runs eks-sso credential, which reads a kubeconfig that does not load: {}",
                              wrapper_user, e.message);
      return e;
    }
    out.config = std::make_shared<const Kubeconfig>(std::move(*loaded));
  }
  auto sel = select_context(*out.config, args->context);
  if (!sel) {
    Error e = sel.take_error();
    e.message = fmt::format("the user \"{}\" runs eks-sso credential for a context it cannot open: {}", wrapper_user,
                            e.message);
    return e;
  }
  out.context = sel->context->name;
  out.user = sel->user;
  if (out.user->exec && parse_wrapper(*out.user->exec)) {
    return make_error(ErrorKind::config,
                      fmt::format("the user \"{}\" runs eks-sso credential for context \"{}\", whose user \"{}\" runs "
                                  "eks-sso credential too; it cannot wrap itself",
                                  wrapper_user, out.context, out.user->name),
                      {"point the wrapper's --context at a context whose user runs the real plugin (aws eks get-token)"});
  }
  return out;
}

}  // namespace eks
