// DIR/state.json: everything the sandbox server serves and checks. Written by `init`, re-read by
// `serve` on every request (so tests can flip fault knobs without a restart).
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "lib/util/result.hpp"

namespace sandbox {

// What a Kubernetes user may do: verbs x resources, "*" matches anything.
struct Rule {
  std::vector<std::string> verbs;
  std::vector<std::string> resources;
};

// An EKS access entry (eks.md 2.2/2.3); rules stand in for the associated access policies.
struct AccessEntry {
  std::string principal_arn;  // pathed IAM role ARN or IAM user ARN
  std::string username;       // may hold {{SessionName}}, {{AccountID}}, {{AccessKeyID}}
  std::vector<std::string> groups;
  std::vector<std::string> access_policies;
  std::vector<Rule> rules;
  nlohmann::json scopes = nlohmann::json::object();  // policyArn -> accessScope (aws_admin.hpp)
  long long created_at = 1735689600;                  // epoch seconds
};

struct IamUser {
  std::string arn;
  std::string user_id;
  std::string access_key_id;
  std::string secret_access_key;
};

// A plain bearer token accepted as is (kubeconfig `token:`), outside the AWS flow.
struct StaticToken {
  std::string token;
  std::string username;
  std::vector<std::string> groups;
  std::vector<Rule> rules;
};

// An AWS profile written to home/.aws/config and the kubeconfig context that uses it.
struct Profile {
  std::string name;
  std::string context;
  std::string kind;            // "sso-session" | "legacy" | "static"
  std::string permission_set;  // SSO only
  std::string purpose;         // one line, for people reading state.json
};

struct Faults {
  bool hang = false;             // accept, read the request, never answer
  bool status500 = false;        // node requests answer EKS's 500 Status
  bool plain_node_list = false;  // ignore as=Table (like some proxies): always a NodeList
  int delay_ms = 0;              // sleep before answering every request
};

struct State {
  std::string cluster_name = "sandbox-eks";
  std::string region = "us-east-1";
  std::string account_id = "111122223333";
  std::string git_version = "v1.32.5-eks-5e0fdde";
  int port = 0;  // 0: chosen by `serve`
  std::string sso_start_url = "https://d-9067sandbox.awsapps.com/start";
  std::string sso_region = "us-east-1";
  std::string sso_session = "sandbox-sso";
  std::vector<Profile> profiles;
  std::vector<IamUser> iam_users;
  std::vector<AccessEntry> access_entries;
  std::vector<StaticToken> static_tokens;
  nlohmann::json nodes = nlohmann::json::array();  // node specs, see nodes.hpp
  std::string time_anchor = "request";  // "request": ageSeconds counts back from each request
  Faults faults;
  // The AWS admin side (Identity Center, permission sets, assignments, cluster auth mode):
  // aws_admin.hpp documents its shape; empty until default_admin() fills it.
  nlohmann::json admin = nlohmann::json::object();
};

[[nodiscard]] std::string cluster_arn(const State& s);

// The standard sandbox: profiles, roles, access entries; nodes from the scenario.
[[nodiscard]] State default_state();

[[nodiscard]] nlohmann::ordered_json state_to_json(const State& s);
[[nodiscard]] eks::Result<State> state_from_json(const nlohmann::json& j);
[[nodiscard]] eks::Result<State> load_state(const std::filesystem::path& file);
[[nodiscard]] eks::Status save_state(const std::filesystem::path& file, const State& s);

}  // namespace sandbox
