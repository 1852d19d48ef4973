// The fake aws's admin commands: `aws sso-admin|identitystore|iam OP ...` and every `aws eks OP`
// but get-token, answered from the sandbox's state.json by the same run_admin the HTTPS port
// uses (aws_admin.hpp), so the quick start's `doctor --admin-profile` and a setup script work
// without the real CLI. Options map to the botocore model's members (--instance-arn ->
// InstanceArn; eks: --cluster-name/--name -> clusterName, --principal-arn -> principalArn); a
// value starting with [ or { is JSON, k=v,k=v is the CLI's shorthand. Output is the CLI's JSON
// (--output json, 4-space indent); errors are the CLI's "An error occurred (Code) when calling
// the Op operation: message" with exit 254 (v2). --query is not simulated.
// The sandbox directory: EKS_SSO_SANDBOX_DIR, else the parent of HOME (HOME=DIR/home).
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "lib/util/strings.hpp"
#include "sandbox/aws_admin.hpp"
#include "sandbox/aws_commands.hpp"

namespace sandbox {
namespace {

using nlohmann::json;
namespace fs = std::filesystem;

const std::set<std::string> k_global_values = {"--profile", "--region", "--output", "--query", "--endpoint-url",
                                               "--color", "--ca-bundle", "--cli-read-timeout",
                                               "--cli-connect-timeout", "--cli-binary-format"};
const std::set<std::string> k_global_flags = {"--debug", "--no-cli-pager", "--no-verify-ssl", "--no-paginate",
                                              "--no-sign-request"};

// list-instances -> ListInstances; instance-arn -> InstanceArn (camel: instanceArn).
std::string pascal(const std::string& kebab, bool camel = false) {
  std::string out;
  bool up = !camel;
  for (const char c : kebab) {
    if (c == '-') {
      up = true;
    } else {
      out += up ? static_cast<char>(std::toupper(static_cast<unsigned char>(c))) : c;
      up = false;
    }
  }
  return out;
}

// The CLI's shorthand for one structure: Key=Value,Key=Value.
json shorthand(const std::string& text) {
  json out = json::object();
  std::stringstream in(text);
  std::string pair;
  while (std::getline(in, pair, ',')) {
    const auto eq = pair.find('=');
    if (eq != std::string::npos) {
      out[pair.substr(0, eq)] = pair.substr(eq + 1);
    }
  }
  return out;
}

json option_value(const std::string& member, const std::string& text) {
  if (!text.empty() && (text[0] == '[' || text[0] == '{')) {
    const json j = json::parse(text, nullptr, false);
    if (!j.is_discarded()) {
      return j;
    }
  }
  if (text.find('=') != std::string::npos && member != "InlinePolicy" && member != "Description") {
    const json s = shorthand(text);
    return member == "Filters" || member == "GroupIds" ? json::array({s}) : s;
  }
  return text;
}

std::string read_file(const fs::path& p) {
  std::ifstream in(p);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

fs::path sandbox_dir(const eks::Env& env) {
  if (env.has("EKS_SSO_SANDBOX_DIR")) {
    return env.get_or_empty("EKS_SSO_SANDBOX_DIR");
  }
  return fs::path(env.get_or_empty("HOME")).parent_path();
}

}  // namespace

bool is_admin_command(const std::string& command, const std::string& sub) {
  return command == "sso-admin" || command == "identitystore" || command == "iam" ||
         (command == "eks" && !sub.empty() && sub != "get-token");
}

int aws_admin_command(const std::vector<std::string>& args, AwsIo& io) {
  AwsGlobals globals;
  std::vector<std::string> positionals;
  std::vector<std::pair<std::string, std::string>> options;
  for (size_t i = 0; i < args.size(); ++i) {
    std::string a = args[i];
    std::string value;
    bool inline_value = false;
    if (const auto eq = a.find('='); a.rfind("--", 0) == 0 && eq != std::string::npos) {
      value = a.substr(eq + 1);
      a = a.substr(0, eq);
      inline_value = true;
    }
    if (k_global_flags.count(a) != 0) {
      continue;
    }
    if (a.rfind("--", 0) == 0) {
      if (!inline_value && i + 1 >= args.size()) {
        return report(aws_usage_error("aws: error: argument " + a + ": expected one argument"), io);
      }
      if (!inline_value) {
        value = args[++i];
      }
      if (a == "--profile") {
        globals.profile = value;
      } else if (a == "--region") {
        globals.region = value;
      } else if (a == "--output") {
        globals.output = value;
      } else if (a == "--query") {
        return report(aws_error("the sandbox's aws does not simulate --query", 252), io);
      } else if (k_global_values.count(a) == 0) {
        options.emplace_back(a.substr(2), value);
      }
    } else {
      positionals.push_back(a);
    }
  }
  if (positionals.size() != 2) {
    return report(aws_usage_error("aws: error: the following arguments are required: operation"), io);
  }
  if (!globals.output.empty() && globals.output != "json") {
    return report(aws_error("the sandbox's aws prints --output json only", 252), io);
  }
  auto setup = load_aws_setup(globals, io.env);
  if (auto* f = std::get_if<AwsFailure>(&setup)) {
    return report(*f, io);
  }
  auto creds = resolve_credentials(std::get<AwsSetup>(setup), io.env, io.clock.now());
  if (auto* f = std::get_if<AwsFailure>(&creds)) {
    return report(*f, io);
  }
  AdminCall call;
  const std::string& service = positionals[0];
  call.service = service == "sso-admin" ? "sso" : service;
  call.operation = pascal(positionals[1]);
  call.region = resolve_region(globals, std::get<AwsSetup>(setup), io.env);
  if (call.region.empty() && service != "iam") {
    return report(aws_error("You must specify a region. You can also configure your region by running \"aws configure\".", 253), io);
  }
  call.access_key_id = std::get<AwsCredentials>(creds).access_key_id;
  call.security_token = std::get<AwsCredentials>(creds).session_token;
  for (const auto& [name, value] : options) {
    const bool eks = service == "eks";
    const std::string member = eks && (name == "name" || name == "cluster-name") ? "clusterName" : pascal(name, eks);
    call.input[member] = option_value(member, value);
  }
  const fs::path dir = sandbox_dir(io.env);
  auto state = load_state(dir / "state.json");
  if (!state) {
    return report(aws_error("the sandbox's aws: no sandbox at " + dir.string() + " (set EKS_SSO_SANDBOX_DIR): " +
                                state.error().message),
                  io);
  }
  AdminEnv env;
  env.port = std::atoi(eks::trim_copy(read_file(dir / "port")).c_str());
  env.ca_pem = read_file(dir / "certs" / "ca.crt");
  env.now = std::chrono::duration_cast<std::chrono::seconds>(io.clock.now().time_since_epoch()).count();
  const AdminReply reply = run_admin(*state, call, env);
  if (!reply.error_code.empty()) {
    return report(aws_error("An error occurred (" + reply.error_code + ") when calling the " + call.operation +
                                " operation: " + reply.message,
                            254),
                  io);
  }
  if (reply.changed) {
    if (auto st = save_state(dir / "state.json", *state); !st) {
      return report(aws_error("the sandbox's aws: " + st.error().message), io);
    }
  }
  io.out << reply.output.dump(4) << "\n";
  return 0;
}

}  // namespace sandbox
