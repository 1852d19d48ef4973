// `eks-sso get nodes`: like `kubectl get nodes` 1.32 (guide step 8): the same request, columns,
// formats (-o wide|name|json|yaml, --no-headers, -l) and messages, with the contract's exit codes
// and the login action when the SSO token is missing or expired.
#include <algorithm>

#include <fmt/format.h>

#include "cmd/commands.hpp"
#include "cmd/render.hpp"
#include "lib/session/cluster_client.hpp"
#include "lib/session/context_access.hpp"
#include "lib/formats/go_format.hpp"
#include "lib/kube/node_printer.hpp"

namespace eks::cmd {

CLI::App* bind_get_nodes(CLI::App& app, GetNodesOptions& opts) {
  CLI::App* get = app.add_subcommand("get", "Display resources (like kubectl get)");
  get->require_subcommand(1);
  CLI::App* nodes = get->add_subcommand("nodes", "List the cluster's nodes, as kubectl get nodes prints them");
  nodes->alias("node");
  nodes->alias("no");
  nodes->add_option("names", opts.names, "Only these nodes")->type_name("NAME");
  nodes->add_option("-l,--selector", opts.selector, "Label selector (e.g. -l key1=value1,key2=value2)");
  nodes->add_flag("--no-headers", opts.no_headers, "Do not print the header line");
  nodes->add_option("--chunk-size", opts.chunk_size, "Return large lists in chunks (default 500, 0 disables)");
  nodes->add_flag("--no-cache", opts.no_cache, "Bypass the credential cache");
  nodes->footer("Examples:\n  eks-sso get nodes\n  eks-sso get nodes -o wide\n  eks-sso get nodes -l "
                "eks.amazonaws.com/nodegroup=ng-1 -o name");
  get->footer("Examples:\n  eks-sso get nodes\n  eks-sso get nodes --context prod -o wide");
  get->fallthrough();
  nodes->fallthrough();
  return nodes;
}

namespace {

NodeOutput node_output(const std::string& o) {
  if (o == "wide") {
    return NodeOutput::wide;
  }
  if (o == "name") {
    return NodeOutput::name;
  }
  if (o == "json") {
    return NodeOutput::json;
  }
  if (o == "yaml") {
    return NodeOutput::yaml;
  }
  return NodeOutput::table;
}

// kubectl prints server errors as "Error from server (...): ..." and the rest as "error: ...".
int fail_like_kubectl(Deps& deps, const Error& error) {
  if (error.message.rfind("Error from server", 0) == 0) {
    deps.err << error.message << '\n';
    for (const auto& h : error.hints) {
      deps.err << "  " << h << '\n';
    }
    return exit_code_for(error.kind);
  }
  return fail(deps, error);
}

std::string item_name(const nlohmann::json& item) {
  const auto* meta = item.contains("metadata") ? &item["metadata"] : nullptr;
  if (meta == nullptr && item.contains("object")) {
    meta = item["object"].contains("metadata") ? &item["object"]["metadata"] : nullptr;
  }
  if (meta != nullptr && meta->is_object() && meta->contains("name") && (*meta)["name"].is_string()) {
    return (*meta)["name"].get<std::string>();
  }
  return "";
}

// `get nodes A B`: the named nodes, in the order asked, from the list (Table rows or items).
Status keep_named(NodeListResult& list, const std::vector<std::string>& names) {
  const char* key = list.kind == NodeListKind::table ? "rows" : "items";
  if (!list.object.is_object() || !list.object.contains(key) || !list.object[key].is_array()) {
    return Ok{};
  }
  nlohmann::json kept = nlohmann::json::array();
  for (const auto& name : names) {
    bool found = false;
    for (const auto& item : list.object[key]) {
      if (item_name(item) == name) {
        kept.push_back(item);
        found = true;
        break;
      }
    }
    if (!found) {
      return make_error(ErrorKind::general, fmt::format("Error from server (NotFound): nodes \"{}\" not found", name));
    }
  }
  list.object[key] = kept;
  return Ok{};
}

}  // namespace

int run_get_nodes(GlobalOptions& global, const GetNodesOptions& opts, Deps& real_deps) {
  ProgressLine progress(real_deps.out, real_deps.err, real_deps.term.progress, real_deps.term.columns);
  Deps deps = with_progress(real_deps, progress);
  if (auto s = validate_global(global, {"table", "wide", "name", "json", "yaml"}, "get nodes"); !s) {
    return fail(deps, s.error());
  }
  if (opts.chunk_size < 0) {
    return fail(deps, make_error(ErrorKind::usage, fmt::format("invalid --chunk-size {}: use 0 or more", opts.chunk_size)));
  }
  auto ctx_name = single_context(global, "get nodes");
  if (!ctx_name) {
    return fail(deps, ctx_name.error());
  }
  auto access = open_context(kubeconfig_sources(global, deps), *ctx_name, deps.env);
  if (!access) {
    return fail(deps, access.error());
  }
  const NodeOutput output = node_output(global.output);
  const bool structured = output == NodeOutput::json || output == NodeOutput::yaml;
  AccessOptions aopts;
  aopts.exec_timeout = global.exec_timeout_ms;
  aopts.kubeconfig_flag = global.kubeconfig;
  CacheSettings cache;  // get nodes uses the credential cache (issue 7); --no-cache bypasses it
  cache.mode = opts.no_cache ? CacheMode::bypass : CacheMode::use;
  progress.set(plugin_wait_text(*access));
  CredentialOutcome outcome = get_credential(*access, aopts, cache, deps);
  progress.clear();
  auto show_login = [&](const LoginRequired& login) {
    if (structured) {
      print_structured(deps, login_required_json(login), global.output == "yaml" ? "yaml" : "json");
    }
    print_login_required(deps.err, login, deps.clock.now(), deps.term.color);
    return exit_code_for(ErrorKind::login_required);
  };
  if (outcome.login) {
    return show_login(*outcome.login);
  }
  if (!outcome.attempt.credential) {
    return fail(deps, *outcome.attempt.error);
  }
  auto last_login = std::make_shared<std::optional<LoginRequired>>();
  const ClusterClientOptions copts = cluster_client_options(global, aopts, cache);
  auto client = make_cluster_client(*access, *outcome.attempt.credential, copts, deps, last_login);
  if (!client) {
    return fail(deps, client.error());
  }
  ListOptions lopts;
  lopts.label_selector = opts.selector;
  lopts.want_table = output == NodeOutput::table || output == NodeOutput::wide;
  lopts.chunk_size = opts.chunk_size;
  progress.set(server_wait_text(*access));
  auto list = client->list_nodes(lopts);
  progress.clear();
  if (!list) {
    if (list.error().kind == ErrorKind::login_required && *last_login) {
      return show_login(**last_login);
    }
    if (list.error().kind == ErrorKind::unauthorized) {
      invalidate_cached_credential(*access, cache, deps);  // never serve a rejected credential again
    }
    deps.out << empty_node_list_output(output);  // kubectl still prints an empty List (G10)
    Error e = list.error();
    add_eks_hints(e, access->context_name);
    return fail_like_kubectl(deps, e);
  }
  if (!opts.names.empty()) {
    if (auto s = keep_named(*list, opts.names); !s) {
      return fail_like_kubectl(deps, s.error());
    }
  }
  NodePrintOptions popts;
  popts.output = output;
  popts.no_headers = opts.no_headers;
  popts.now = deps.clock.now();
  auto printed = print_nodes(*list, popts);
  if (!printed) {
    return fail(deps, printed.error());
  }
  if (structured && opts.names.size() == 1) {
    // `kubectl get node NAME -o json` prints the bare Node, not a List (G07).
    const nlohmann::json& items = list->object["items"];
    if (items.is_array() && items.size() == 1) {
      nlohmann::json node = items[0];
      node["apiVersion"] = "v1";
      node["kind"] = "Node";
      deps.out << (output == NodeOutput::json ? go_json_marshal_indent(node) + "\n" : go_yaml_marshal(node));
      return 0;
    }
  }
  deps.out << printed->out;
  if (printed->no_resources) {
    deps.err << "No resources found\n";
  }
  return 0;
}

}  // namespace eks::cmd
