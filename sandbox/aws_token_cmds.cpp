// `aws eks get-token` (aws.md 2) and `aws sts get-caller-identity`.
#include <nlohmann/json.hpp>

#include "lib/util/timefmt.hpp"
#include "sandbox/aws_commands.hpp"
#include "sandbox/token.hpp"

namespace sandbox {
namespace {

using nlohmann::ordered_json;

constexpr auto k_token_lifetime = std::chrono::minutes(14);
constexpr std::string_view k_v1beta1 = "client.authentication.k8s.io/v1beta1";

// discover_api_version of awscli/customizations/eks/get_token.py (aws.md 2.3).
std::string exec_api_version(const eks::Env& env, std::ostream& err) {
  const std::string info = env.get_or_empty("KUBERNETES_EXEC_INFO");
  if (info.empty()) {
    return std::string(k_v1beta1);
  }
  const auto j = nlohmann::json::parse(info, nullptr, false);
  if (!j.is_object()) {
    err << "Error parsing KUBERNETES_EXEC_INFO, defaulting to client.authentication.k8s.io/v1beta1. This is likely a "
           "bug in your Kubernetes client. Please update your Kubernetes client.\n";
    return std::string(k_v1beta1);
  }
  const std::string v = j.contains("apiVersion") && j["apiVersion"].is_string() ? j["apiVersion"].get<std::string>() : "";
  if (v == "client.authentication.k8s.io/v1" || v == k_v1beta1) {
    return v;
  }
  if (v == "client.authentication.k8s.io/v1alpha1") {
    err << "Kubeconfig user entry is using deprecated API version client.authentication.k8s.io/v1alpha1. Run 'aws eks "
           "update-kubeconfig' to update.\n";
    return v;
  }
  err << "Unrecognized API version in KUBERNETES_EXEC_INFO, defaulting to client.authentication.k8s.io/v1beta1. This "
         "is likely due to an outdated AWS CLI. Please update your AWS CLI.\n";
  return std::string(k_v1beta1);
}

std::string output_format(const AwsArgs& args, const AwsSetup& setup, const eks::Env& env) {
  if (!args.globals.output.empty()) {
    return args.globals.output;
  }
  if (env.has("AWS_DEFAULT_OUTPUT")) {
    return env.get_or_empty("AWS_DEFAULT_OUTPUT");
  }
  if (const auto p = find_profile(setup.files, setup.profile); p && p->count("output") != 0) {
    return p->at("output");
  }
  return "json";
}

}  // namespace

int report(const AwsFailure& failure, AwsIo& io) {
  io.err << failure.stderr_text;
  return failure.exit_code;
}

int aws_eks_get_token(const AwsArgs& args, AwsIo& io) {
  const auto name = args.options.find("--cluster-name");
  const auto id = args.options.find("--cluster-id");
  if (name == args.options.end() && id == args.options.end()) {
    io.err << "Either parameter --cluster-name or --cluster-id must be specified.\n";
    return 1;
  }
  auto setup = load_aws_setup(args.globals, io.env);
  if (auto* f = std::get_if<AwsFailure>(&setup)) {
    return report(*f, io);
  }
  const AwsSetup& s = std::get<AwsSetup>(setup);
  const eks::TimePoint now = std::chrono::floor<std::chrono::seconds>(io.clock.now());
  auto creds = resolve_credentials(s, io.env, now);
  if (auto* f = std::get_if<AwsFailure>(&creds)) {
    return report(*f, io);
  }
  const AwsCredentials& c = std::get<AwsCredentials>(creds);
  PresignInput in{c.access_key_id, c.secret_key, c.session_token, resolve_region(args.globals, s, io.env),
                  name != args.options.end() ? name->second : id->second, now};
  const std::string token = make_eks_token(presign_get_caller_identity(in));
  const std::string api_version = exec_api_version(io.env, io.err);
  const std::string expiration = eks::format_rfc3339(now + k_token_lifetime);
  const std::string format = output_format(args, s, io.env);
  if (format == "text") {
    io.out << api_version << "\tExecCredential\nSTATUS\t" << expiration << "\t" << token << "\n\n";
    return 0;
  }
  if (format == "yaml") {
    io.out << "kind: ExecCredential\napiVersion: " << api_version << "\nspec: {}\nstatus:\n  expirationTimestamp: '"
           << expiration << "'\n  token: " << token << "\n\n";
    return 0;
  }
  const ordered_json cred = {{"kind", "ExecCredential"},
                             {"apiVersion", api_version},
                             {"spec", ordered_json::object()},
                             {"status", {{"expirationTimestamp", expiration}, {"token", token}}}};
  // AWS CLI >= 2.10.4 formatter: indent 4, then "\n", then an extra "\n" (aws.md 2.2).
  io.out << cred.dump(4) << "\n\n";
  return 0;
}

int aws_sts_get_caller_identity(const AwsArgs& args, AwsIo& io) {
  auto setup = load_aws_setup(args.globals, io.env);
  if (auto* f = std::get_if<AwsFailure>(&setup)) {
    return report(*f, io);
  }
  auto creds = resolve_credentials(std::get<AwsSetup>(setup), io.env, io.clock.now());
  if (auto* f = std::get_if<AwsFailure>(&creds)) {
    return report(*f, io);
  }
  const AwsCredentials& c = std::get<AwsCredentials>(creds);
  ordered_json out;
  if (c.sso) {
    out = {{"UserId", role_unique_id(c.sso->account_id, c.sso->role_name) + ":" + c.sso->session_name},
           {"Account", c.sso->account_id},
           {"Arn", assumed_role_arn(*c.sso)}};
  } else if (c.access_key_id == k_static_access_key_id && c.secret_key == k_static_secret_key) {
    out = {{"UserId", std::string(k_static_user_id)},
           {"Account", "111122223333"},
           {"Arn", "arn:aws:iam::111122223333:user/" + std::string(k_static_user_name)}};
  } else {
    return report(aws_error("An error occurred (InvalidClientTokenId) when calling the GetCallerIdentity operation: "
                            "The security token included in the request is invalid.", 254), io);
  }
  io.out << out.dump(4) << "\n";
  return 0;
}

}  // namespace sandbox
