// eks-sso-sandbox: an EKS-like HTTPS API server and a fake `aws` CLI for end-to-end tests and demos.
// The only file that touches the process: argv, environ, std streams, the exit code.
#include <algorithm>
#include <filesystem>
#include <functional>
#include <iostream>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "lib/util/clock.hpp"
#include "lib/util/env.hpp"
#include "sandbox/fake_aws.hpp"
#include "sandbox/init.hpp"
#include "sandbox/server.hpp"
#include "sandbox/set_cmd.hpp"

extern char** environ;

namespace {

constexpr int k_usage_exit = 2;

constexpr std::string_view k_usage =
    "usage:\n"
    "  eks-sso-sandbox init DIR [--nodes FILE] [--scenario default|empty|varied|many] [--port N] [--force]\n"
    "  eks-sso-sandbox serve DIR [--port N] [--max-seconds N] [--alt-cert]\n"
    "  eks-sso-sandbox set DIR [--nodes FILE | --scenario NAME] [--admin SCENARIO] [hang=B] [status500=B] [plainNodeList=B] [delayMs=N]\n"
    "  eks-sso-sandbox aws ARGS...        (the fake AWS CLI; also selected when run as \"aws\")\n";

int usage_error(const std::string& message) {
  std::cerr << "eks-sso-sandbox: " << message << "\n" << k_usage;
  return k_usage_exit;
}

bool parse_int(const std::string& text, int& out) {
  if (text.empty() || text.size() > 9 || text.find_first_not_of("0123456789") != std::string::npos) {
    return false;
  }
  out = std::stoi(text);
  return true;
}

std::filesystem::path self_exe(const char* argv0) {
  std::error_code ec;
  auto p = std::filesystem::read_symlink("/proc/self/exe", ec);
  return ec ? std::filesystem::absolute(argv0) : p;
}

// One flag of a sandbox command. A flag with a value hands it to `set`, which says whether it is
// valid; a switch's `set` gets "".
struct Flag {
  std::string_view name;
  bool takes_value;
  std::function<bool(const std::string&)> set;
};

// The arguments of `command`: the flags, DIR (the first bare word) and, when `extra` is given, the
// other bare words. Returns 0, or the usage error's exit code.
int parse_args(std::string_view command, const std::vector<std::string>& args, const std::vector<Flag>& flags,
               std::filesystem::path& dir, std::vector<std::string>* extra = nullptr) {
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    const auto flag = std::find_if(flags.begin(), flags.end(), [&](const Flag& f) { return f.name == a; });
    if (flag != flags.end() && (!flag->takes_value || i + 1 < args.size())) {
      const std::string value = flag->takes_value ? args[++i] : std::string();
      if (!flag->set(value)) {
        return usage_error(fmt::format("invalid {} \"{}\"", a, value));
      }
    } else if (!a.empty() && a[0] != '-' && dir.empty()) {
      dir = a;
    } else if (!a.empty() && a[0] != '-' && extra != nullptr) {
      extra->push_back(a);
    } else {
      return usage_error(fmt::format("{}: unexpected argument \"{}\"", command, a));
    }
  }
  return dir.empty() ? usage_error(fmt::format("{}: DIR is required", command)) : 0;
}

Flag string_flag(std::string_view name, std::string& out) {
  return {name, true, [&out](const std::string& v) { return (out = v), true; }};
}
Flag int_flag(std::string_view name, int& out, int max) {
  return {name, true, [&out, max](const std::string& v) { return parse_int(v, out) && out <= max; }};
}
Flag switch_flag(std::string_view name, bool& out) {
  return {name, false, [&out](const std::string&) { return (out = true), true; }};
}

int main_init(const std::vector<std::string>& args, const char* argv0) {
  sandbox::InitOptions o;
  o.self_exe = self_exe(argv0);
  if (const int rc = parse_args("init", args,
                                {string_flag("--nodes", o.nodes_file), string_flag("--scenario", o.scenario),
                                 int_flag("--port", o.port, 65535), switch_flag("--force", o.force)},
                                o.dir)) {
    return rc;
  }
  o.dir = std::filesystem::absolute(o.dir);
  return sandbox::run_init(o, std::cout, std::cerr);
}

int main_serve(const std::vector<std::string>& args) {
  sandbox::ServeOptions o;
  if (const int rc = parse_args("serve", args,
                                {int_flag("--port", o.port, 65535),
                                 int_flag("--max-seconds", o.max_seconds, 999'999'999),
                                 switch_flag("--alt-cert", o.alt_cert)},
                                o.dir)) {
    return rc;
  }
  o.dir = std::filesystem::absolute(o.dir);
  return sandbox::run_serve(o, std::cout, std::cerr);
}

int main_set(const std::vector<std::string>& args) {
  sandbox::SetOptions o;
  if (const int rc = parse_args("set", args,
                                {string_flag("--nodes", o.nodes_file), string_flag("--scenario", o.scenario),
                                 string_flag("--admin", o.admin_scenario)},
                                o.dir, &o.assignments)) {
    return rc;
  }
  return sandbox::run_set(o, std::cout, std::cerr);
}

int main_aws(const std::vector<std::string>& args) {
  const eks::Env env = eks::Env::from_environ(environ);
  const eks::SystemClock clock;
  sandbox::AwsIo io{std::cout, std::cerr, env, clock};
  const int rc = sandbox::run_fake_aws(args, io);
  std::cout.flush();
  return rc;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    const std::vector<std::string> args(argv + 1, argv + argc);
    if (std::filesystem::path(argv[0]).filename() == "aws") {
      return main_aws(args);
    }
    if (args.empty() || args[0] == "--help" || args[0] == "-h" || args[0] == "help") {
      std::cout << k_usage;
      return args.empty() ? k_usage_exit : 0;
    }
    const std::vector<std::string> rest(args.begin() + 1, args.end());
    if (args[0] == "init") {
      return main_init(rest, argv[0]);
    }
    if (args[0] == "serve") {
      return main_serve(rest);
    }
    if (args[0] == "set") {
      return main_set(rest);
    }
    if (args[0] == "aws") {
      return main_aws(rest);
    }
    return usage_error("unknown command \"" + args[0] + "\"");
  } catch (const std::exception& e) {
    std::cerr << "eks-sso-sandbox: internal error: " << e.what() << "\n";
    return 1;
  }
}
