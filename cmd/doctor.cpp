// `eks-sso doctor`: every check of the EKS SSO guide, in order, each with pass/warn/fail/skip and
// the exact fix (lib/doctor/doctor.hpp); several contexts (--all-contexts, repeated --context) are checked
// concurrently, at most k_max_workers at a time.
#include "lib/doctor/doctor.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <sstream>
#include <thread>

#include "cmd/commands.hpp"
#include "cmd/login_prompt.hpp"
#include "cmd/render.hpp"
#include "lib/doctor/output.hpp"
#include "lib/aws/login_action.hpp"

namespace eks::cmd {
namespace {

constexpr size_t k_max_workers = 8;

DoctorInput make_input(const GlobalOptions& global, const DoctorOptions& opts, const Deps& deps, std::string context) {
  DoctorInput in;
  in.sources = kubeconfig_sources(global, deps);
  in.context = std::move(context);
  in.kubeconfig_flag = global.kubeconfig;
  in.exec_timeout = global.exec_timeout_ms;
  // The flag's default (10s) is the limit for each request either way.
  in.request_timeout = global.request_timeout_ms;
  in.admin_profile = opts.admin_profile;
  in.permission_set = opts.permission_set;
  in.principal = opts.principal;
  return in;
}

// Each context on its own thread with its own output buffers; the runner, clock and HTTP client
// are shared (PosixProcessRunner keeps no state between calls; CurlHttpClient's pool of idle
// connections is guarded by its mutex).
std::vector<DoctorReport> diagnose_all(const GlobalOptions& global, const DoctorOptions& opts,
                                       const std::vector<std::string>& names, Deps& deps,
                                       ProgressLine& progress) {
  std::vector<DoctorReport> reports(names.size());
  std::vector<std::ostringstream> errs(names.size());
  std::atomic<size_t> next{0};
  std::atomic<size_t> done{0};
  auto worker = [&]() {
    while (true) {
      const size_t i = next.fetch_add(1);
      if (i >= names.size()) {
        return;
      }
      std::ostringstream out;
      Deps local{deps.env, deps.home, deps.runner, deps.clock,     deps.http,
                 out,      errs[i],   deps.term,   deps.verbosity, deps.interrupted};
      reports[i] = diagnose_context(make_input(global, opts, deps, names[i]), local);
      done.fetch_add(1);
    }
  };
  const size_t workers = std::min(k_max_workers, names.size());
  progress.set(fmt::format("checking {} contexts", names.size()));
  std::vector<std::thread> threads;
  threads.reserve(workers);
  for (size_t w = 0; w < workers; ++w) {
    threads.emplace_back(worker);
  }
  for (auto& t : threads) {
    t.join();
  }
  progress.clear();
  for (const auto& e : errs) {
    deps.err << e.str();  // -v diagnostics, context by context
  }
  return reports;
}

void print_reports(const GlobalOptions& global, const std::vector<DoctorReport>& reports, bool many, Deps& deps) {
  const std::string& format = global.output;
  if (format == "json" || format == "yaml") {
    nlohmann::ordered_json value = nlohmann::ordered_json::array();
    for (const auto& r : reports) {
      value.push_back(report_json(r));
    }
    if (!many) {
      value = value.front();
    }
    if (format == "json") {
      deps.out << value.dump(2) << '\n';
    } else {
      print_structured(deps, nlohmann::json::parse(value.dump()), "yaml");
    }
    return;
  }
  if (format == "junit") {
    deps.out << render_junit(reports);
    return;
  }
  if (format == "markdown") {
    deps.out << render_markdown(reports);
    return;
  }
  const bool color = deps.term.color && deps.term.stdout_tty;
  for (size_t i = 0; i < reports.size(); ++i) {
    if (i > 0) {
      deps.out << '\n';
    }
    render_checklist(deps.out, reports[i], color, !many);  // one context: the login block follows
  }
  if (many) {
    deps.out << '\n' << summary_table(reports);
    return;
  }
  // The contract's login-required outcome, in its human form on stderr (CONTRACT.md).
  if (const Finding* f = login_outcome(reports.front())) {
    deps.out.flush();
    deps.err << '\n';
    print_login_required(deps.err, *f->login, deps.clock.now(), deps.term.color);
  }
}

}  // namespace

CLI::App* bind_doctor(CLI::App& app, DoctorOptions& opts) {
  CLI::App* sub = app.add_subcommand("doctor", "Run every check of the EKS SSO guide, in order, each with the fix");
  sub->add_flag("--all-contexts", opts.all_contexts, "Check every context of the kubeconfig, in parallel");
  sub->add_flag("--no-prompt", opts.no_prompt,
                "Never ask to log in when a login is required (also EKS_SSO_NO_PROMPT=1); exit 3 instead");
  sub->add_option("--admin-profile", opts.admin_profile,
                  "Also run the admin checks (guide steps 1-3, 6) with this AWS profile, read-only")
      ->type_name("PROFILE");
  sub->add_option("--permission-set", opts.permission_set,
                  "The permission set to check (default: the profile's sso_role_name); needs --admin-profile")
      ->type_name("NAME");
  sub->add_option("--principal", opts.principal,
                  "A user name or group display name that must be assigned; needs --admin-profile")
      ->type_name("NAME");
  sub->footer(
      "Checks, in order: kubeconfig, context, exec-plugin, aws-cli, aws-profile, sso-token, credential,\n"
      "api-reachable, api-authenticated, can-list-nodes; with --admin-profile also identity-center,\n"
      "permission-set, account-assignment, cluster-auth-mode, access-entry (read-only aws calls).\n"
      "Exit 0 when no check failed, else the code of the first failed check; with several contexts,\n"
      "the code of the first failing context.\n"
      "In a terminal, when one context needs an AWS SSO login, it asks \"Log in with AWS SSO now? [y/N]\";\n"
      "only y runs eks-sso login, then checks again.\n\n"
      "Examples:\n  eks-sso doctor\n  eks-sso doctor --context prod -o junit > doctor.xml\n"
      "  eks-sso doctor --all-contexts -o markdown >> \"$GITHUB_STEP_SUMMARY\"\n"
      "  eks-sso doctor --admin-profile org-admin --principal platform-team");
  return sub;
}

namespace {

int doctor_once(GlobalOptions& global, const DoctorOptions& opts, Deps& deps) {
  if (auto s = validate_global(global, {"table", "json", "yaml", "junit", "markdown"}, "doctor"); !s) {
    return fail(deps, s.error());
  }
  if (opts.all_contexts && !global.contexts.empty()) {
    return fail(deps, make_error(ErrorKind::usage, "doctor: --all-contexts and --context cannot be used together"));
  }
  if (opts.admin_profile.empty() && (!opts.permission_set.empty() || !opts.principal.empty())) {
    return fail(deps, make_error(ErrorKind::usage, "doctor: --permission-set and --principal need --admin-profile"));
  }
  std::vector<std::string> names = global.contexts;
  if (opts.all_contexts) {
    auto config = load_kubeconfig(kubeconfig_sources(global, deps));
    if (config) {
      for (const auto& [name, ctx] : config->contexts) {
        names.push_back(name);
      }
    }
    if (!config || names.empty()) {
      // Nothing to fan out over: one report says why (kubeconfig or context check).
      names = {""};
    }
  }
  const bool many = opts.all_contexts || names.size() > 1;
  std::vector<DoctorReport> reports;
  {
    // A "checking ..." spinner line on a terminal (lib/os/progress.hpp), gone before the report.
    ProgressLine progress(deps.out, deps.err, deps.term.progress, deps.term.columns);
    Deps pdeps = with_progress(deps, progress);
    if (names.size() <= 1) {
      DoctorInput input = make_input(global, opts, deps, names.empty() ? std::string() : names.front());
      input.progress = [&progress](std::string_view id) { progress.set("checking " + std::string(id)); };
      reports.push_back(diagnose_context(input, pdeps));
    } else {
      reports = diagnose_all(global, opts, names, pdeps, progress);
    }
  }
  print_reports(global, reports, many, deps);
  if (deps.interrupted != nullptr && deps.interrupted->load()) {
    deps.out.flush();
    return fail(deps, make_error(ErrorKind::interrupted, "interrupted: the checks after it were skipped"));
  }
  return combined_exit_code(reports);
}

}  // namespace

int run_doctor(GlobalOptions& global, const DoctorOptions& opts, Deps& deps) {
  // The login offer is for one context: with several, which one to log in is the user's choice.
  const bool one_context = !opts.all_contexts && global.contexts.size() <= 1;
  return check_with_login_offer(global, opts.no_prompt || !one_context, deps,
                                [&] { return doctor_once(global, opts, deps); });
}

}  // namespace eks::cmd
