// eks-sso-sandbox: an EKS-like HTTPS API server and a fake `aws` CLI for end-to-end tests and demos.
// The only file that touches the process: argv, environ, std streams, the exit code.
#include <filesystem>
#include <iostream>
#include <string>
#include <vector>

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

int main_init(const std::vector<std::string>& args, const char* argv0) {
  sandbox::InitOptions o;
  o.self_exe = self_exe(argv0);
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    const bool has_value = i + 1 < args.size();
    if (a == "--nodes" && has_value) {
      o.nodes_file = args[++i];
    } else if (a == "--scenario" && has_value) {
      o.scenario = args[++i];
    } else if (a == "--port" && has_value) {
      if (!parse_int(args[++i], o.port) || o.port > 65535) {
        return usage_error("invalid --port \"" + args[i] + "\"");
      }
    } else if (a == "--force") {
      o.force = true;
    } else if (!a.empty() && a[0] != '-' && o.dir.empty()) {
      o.dir = a;
    } else {
      return usage_error("init: unexpected argument \"" + a + "\"");
    }
  }
  if (o.dir.empty()) {
    return usage_error("init: DIR is required");
  }
  o.dir = std::filesystem::absolute(o.dir);
  return sandbox::run_init(o, std::cout, std::cerr);
}

int main_serve(const std::vector<std::string>& args) {
  sandbox::ServeOptions o;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    const bool has_value = i + 1 < args.size();
    if (a == "--port" && has_value) {
      if (!parse_int(args[++i], o.port) || o.port > 65535) {
        return usage_error("invalid --port \"" + args[i] + "\"");
      }
    } else if (a == "--max-seconds" && has_value) {
      if (!parse_int(args[++i], o.max_seconds)) {
        return usage_error("invalid --max-seconds \"" + args[i] + "\"");
      }
    } else if (a == "--alt-cert") {
      o.alt_cert = true;
    } else if (!a.empty() && a[0] != '-' && o.dir.empty()) {
      o.dir = a;
    } else {
      return usage_error("serve: unexpected argument \"" + a + "\"");
    }
  }
  if (o.dir.empty()) {
    return usage_error("serve: DIR is required");
  }
  o.dir = std::filesystem::absolute(o.dir);
  return sandbox::run_serve(o, std::cout, std::cerr);
}

int main_set(const std::vector<std::string>& args) {
  sandbox::SetOptions o;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    const bool has_value = i + 1 < args.size();
    if (a == "--nodes" && has_value) {
      o.nodes_file = args[++i];
    } else if (a == "--scenario" && has_value) {
      o.scenario = args[++i];
    } else if (a == "--admin" && has_value) {
      o.admin_scenario = args[++i];
    } else if (!a.empty() && a[0] != '-' && o.dir.empty()) {
      o.dir = a;
    } else if (!a.empty() && a[0] != '-') {
      o.assignments.push_back(a);
    } else {
      return usage_error("set: unexpected argument \"" + a + "\"");
    }
  }
  if (o.dir.empty()) {
    return usage_error("set: DIR is required");
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
