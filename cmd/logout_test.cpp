// `eks-sso logout-test`: guide step 10, proving that the logged-out state is detected and the
// login action shown. Default (isolated): the context's exec plugin runs as if logged out (the
// real AWS config and credentials files, a throwaway HOME with an empty SSO cache), so the real
// session is never touched. --real: `aws sso logout` first, then the same detection against the
// real home. Neither ever starts `aws sso login` or a browser; every process run is recorded and
// reported (-o json "processes", "loginStarted").
#include <fmt/format.h>

#include "cmd/commands.hpp"
#include "cmd/render.hpp"
#include "lib/aws/errors.hpp"
#include "lib/aws/sso_config.hpp"
#include "lib/session/context_access.hpp"
#include "lib/session/logout_probe.hpp"
#include "lib/os/recording_runner.hpp"
#include "lib/util/redact.hpp"
#include "lib/aws/sso_login.hpp"

namespace eks::cmd {

CLI::App* bind_logout_test(CLI::App& app, LogoutTestOptions& opts) {
  CLI::App* sub = app.add_subcommand("logout-test", "Prove that the logged-out state is detected and the login "
                                                    "action shown (guide step 10)");
  sub->add_flag("--real", opts.real, "Really run aws sso logout first (asks on a terminal)");
  sub->add_flag("--yes", opts.yes, "With --real: do not ask");
  sub->footer(
      "Exit 0 (PASS) when the login-required outcome is detected; 1 when the plugin still gets a credential.\n"
      "Examples:\n  eks-sso logout-test\n  eks-sso logout-test --context prod -o json\n"
      "  eks-sso logout-test --real --yes");
  return sub;
}

namespace {

struct Probe {
  std::string mode;  // isolated | real
  std::string context;
  std::string profile;
  std::optional<LoginRequired> detected;
  std::optional<NotSsoReason> reason;  // the plugin still got a credential
  std::optional<Error> error;          // anything else
};

nlohmann::json probe_json(const Probe& p, const RecordingProcessRunner& rec, int code) {
  nlohmann::json j = {{"status", code == 0 ? "pass" : "fail"}, {"mode", p.mode},       {"context", p.context},
                      {"profile", p.profile},                   {"exitCode", code}};
  j["detected"] = p.detected ? login_required_json(*p.detected) : nlohmann::json(nullptr);
  if (p.reason) {
    j["reason"] = {{"id", p.reason->id}, {"message", p.reason->message}, {"fix", p.reason->fix}};
  }
  if (p.error) {
    j["error"] = {{"kind", kind_name(p.error->kind)}, {"message", p.error->message}};
  }
  nlohmann::json procs = nlohmann::json::array();
  for (const auto& r : rec.processes()) {
    procs.push_back(r.argv);
  }
  j["processes"] = procs;
  j["loginStarted"] = rec.login_started();
  return j;
}

std::string joined(const std::vector<std::string>& argv) {
  std::string out;
  for (const auto& a : argv) {
    out += (out.empty() ? "" : " ") + shell_quote(a);
  }
  return out;
}

// The verdict, on stdout for people (table) or as the JSON object; the explanation is on stderr.
int conclude(Deps& deps, const GlobalOptions& global, const Probe& p, const RecordingProcessRunner& rec, int code) {
  if (global.output == "json" || global.output == "yaml") {
    print_structured(deps, probe_json(p, rec, code), global.output);
    return code;
  }
  deps.err << "processes started:\n";
  for (const auto& r : rec.processes()) {
    deps.err << "  " << joined(r.argv) << '\n';
  }
  if (code == 0) {
    deps.out << fmt::format("PASS: the logged-out state of context \"{}\" is detected and the login action is "
                            "shown ({}; no aws sso login, no browser)\n",
                            p.context, p.mode == "real" ? "after aws sso logout" : "isolated, session untouched");
  } else {
    deps.out << fmt::format("FAIL: {}\n", p.reason ? p.reason->message
                                                   : p.error ? p.error->message
                                                             : "the logged-out state was not detected");
  }
  return code;
}

// Runs the plugin and sorts the outcome: detected (0), still a credential (1), other failure.
int detect(Deps& probe_deps, Deps& deps, const GlobalOptions& global, const ContextAccess& run_access,
           const ContextAccess& real_access, Probe& p) {
  AccessOptions aopts;
  aopts.exec_timeout = global.exec_timeout_ms;
  aopts.terminal = TerminalPolicy::never;
  aopts.kubeconfig_flag = global.kubeconfig;
  const CredentialOutcome outcome = get_credential(run_access, aopts, CacheSettings{}, probe_deps);
  if (outcome.login) {
    p.detected = outcome.login;
    p.profile = outcome.login->profile;
    deps.err << "The prompt a logged-out user sees:\n";
    print_login_required(deps.err, *outcome.login, deps.clock.now(), deps.term.color);
    return 0;
  }
  if (outcome.attempt.credential) {
    const auto aws = load_aws_config(real_access.plugin_env, plugin_home(real_access, deps.env, deps.home));
    p.reason = explain_credential_without_sso(real_access, aws);
    deps.err << "error: the plugin still got a credential without an SSO token: " << p.reason->message << '\n';
    if (!p.reason->fix.empty()) {
      deps.err << "  " << p.reason->fix << '\n';
    }
    return 1;
  }
  p.error = outcome.attempt.error.value_or(make_error(ErrorKind::general, "the credential source failed"));
  p.error->message = "not the login-required outcome: " + p.error->message;
  return fail(deps, *p.error);
}

bool confirm(Deps& deps, const std::string& question) {
  deps.err << question << " [y/N] ";
  deps.err.flush();
  std::string answer;
  if (deps.in == nullptr || !std::getline(*deps.in, answer)) {
    deps.err << '\n';
    return false;
  }
  return answer == "y" || answer == "Y" || answer == "yes" || answer == "YES" || answer == "Yes";
}

int run_real(Deps& deps, Deps& probe_deps, const GlobalOptions& global, const LogoutTestOptions& opts,
             const ContextAccess& access, RecordingProcessRunner& rec, Probe& p) {
  // The logout is pointless (and logs out everything) when the context does not use SSO.
  const std::filesystem::path home = plugin_home(access, deps.env, deps.home);
  const auto aws = load_aws_config(access.plugin_env, home);
  const bool aws_plugin = access.auth.type == "exec" && access.auth.plugin == PluginKind::aws_cli;
  bool not_sso_profile = false;
  if (aws_plugin && aws) {
    const ProfileAnalysis analysis = resolve_sso(access.auth.profile, *aws);
    not_sso_profile = analysis.kind != ProfileKind::not_found && !analysis.uses_sso();
  }
  if (!aws_plugin || access.auth.resolution.env_keys_win || not_sso_profile) {
    p.reason = explain_credential_without_sso(access, aws);
    deps.err << "error: nothing to log out: " << p.reason->message << '\n';
    return conclude(deps, global, p, rec, 1);
  }
  if (!aws) {
    p.error = aws.error();
    return conclude(deps, global, p, rec, fail(deps, *p.error));
  }
  auto target = sso_login_target(access.auth.profile, *aws);
  if (!target) {
    p.error = target.error();
    return conclude(deps, global, p, rec, fail(deps, *p.error));
  }
  const std::string program = access.selection.user->exec->command;
  const AwsCliProbe cli = probe_aws_cli(program, access.plugin_env, rec);
  if (!cli.found) {
    p.error = aws_cli_missing_error(program, cli);
    return conclude(deps, global, p, rec, fail(deps, *p.error));
  }
  if (cli.version && !supports_sso_login(*cli.version)) {
    p.error = make_error(ErrorKind::config,
                         fmt::format("aws sso logout needs AWS CLI v2: \"{}\" is aws-cli/{}", program,
                                     cli.version->to_string()),
                         {fmt::format("install AWS CLI v2: {}", k_aws_cli_install_url)});
    return conclude(deps, global, p, rec, fail(deps, *p.error));
  }
  const std::vector<std::string> args = {"sso", "logout", "--profile", target->profile};
  const std::string display = joined({program}) + " " + joined(args);
  if (!opts.yes && !confirm(deps, fmt::format("This runs \"{}\", which logs out every AWS SSO session on this "
                                              "machine, not only profile \"{}\". Continue?",
                                              display, target->profile))) {
    p.error = make_error(ErrorKind::general, "cancelled: nothing was logged out");
    return conclude(deps, global, p, rec, fail(deps, *p.error));
  }
  deps.err << "Running: " << display << '\n';
  ProcessSpec spec;
  spec.program = program;
  spec.args = args;
  spec.env = access.plugin_env.to_strings();
  spec.timeout = global.exec_timeout_ms;
  const ProcessResult r = rec.run(spec);
  if (r.outcome == ProcessResult::Outcome::interrupted) {
    return exit_code_for(ErrorKind::interrupted);
  }
  if (r.outcome != ProcessResult::Outcome::exited || r.exit_code != 0) {
    const AwsFailure f = classify_aws_stderr(r.err);
    const std::string said = redact_secrets(f.message);
    if (r.outcome == ProcessResult::Outcome::exited && f.kind == AwsErrorClass::network) {
      p.error = make_error(ErrorKind::unreachable,
                           fmt::format("aws sso logout could not reach AWS (exit {}) and deleted nothing: the SSO "
                                       "session is unchanged, so there is nothing to test",
                                       r.exit_code),
                           {"the AWS CLI said: " + said});
    } else {
      const std::string how = r.outcome == ProcessResult::Outcome::exited
                                  ? fmt::format("exit {}", r.exit_code)
                                  : r.outcome == ProcessResult::Outcome::timed_out ? "timed out" : "did not run";
      p.error = make_error(ErrorKind::general, fmt::format("aws sso logout failed ({})", how));
      if (!said.empty()) {
        p.error->hints.push_back("the AWS CLI said: " + said);
      }
    }
    return conclude(deps, global, p, rec, fail(deps, *p.error));
  }
  const int code = detect(probe_deps, deps, global, access, access, p);
  if (code == 0) {
    deps.err << "You are now logged out; eks-sso does not log back in by itself.\n";
  }
  return conclude(deps, global, p, rec, code);
}

}  // namespace

int run_logout_test(GlobalOptions& global, const LogoutTestOptions& opts, Deps& deps) {
  if (auto s = validate_global(global, {"table", "json", "yaml"}, "logout-test"); !s) {
    return fail(deps, s.error());
  }
  auto context_name = single_context(global, "logout-test");
  if (!context_name) {
    return fail(deps, context_name.error());
  }
  if (opts.yes && !opts.real) {
    return fail(deps, make_error(ErrorKind::usage, "--yes only applies with --real",
                                 {"eks-sso logout-test --real --yes"}));
  }
  if (opts.real && !opts.yes && !deps.term.stdin_tty) {
    return fail(deps, make_error(ErrorKind::usage,
                                 "logout-test --real runs aws sso logout, which logs out every AWS SSO session: "
                                 "without a terminal to ask on, it needs --yes",
                                 {"eks-sso logout-test --real --yes", "or, leaving the session alone: eks-sso "
                                                                      "logout-test"}));
  }
  auto opened = open_context(kubeconfig_sources(global, deps), *context_name, deps.env);
  if (!opened) {
    return fail(deps, opened.error());
  }
  const ContextAccess& access = *opened;
  RecordingProcessRunner rec(deps.runner);
  Probe p;
  p.mode = opts.real ? "real" : "isolated";
  p.context = access.context_name;
  p.profile = access.auth.profile;

  if (opts.real) {
    Deps probe_deps{deps.env, deps.home, rec, deps.clock, deps.http, deps.out, deps.err, deps.term, deps.verbosity,
                    deps.interrupted, nullptr};
    return run_real(deps, probe_deps, global, opts, access, rec, p);
  }
  auto home = ThrowawayHome::create(deps.env);
  if (!home) {
    p.error = home.error();
    return conclude(deps, global, p, rec, fail(deps, *p.error));
  }
  const IsolatedAccess iso = isolate_access(access, deps.env, deps.home, (*home)->path());
  deps.err << fmt::format("logout-test: context \"{}\": running its credential source as if logged out", p.context);
  if (access.selection.user->exec) {
    deps.err << fmt::format(" (HOME={} with an empty SSO cache; AWS config {}, credentials {}; your session is "
                            "not touched)",
                            (*home)->path().string(), iso.real_paths.config.string(),
                            iso.real_paths.credentials.string());
  }
  deps.err << '\n';
  Deps probe_deps{deps.env, (*home)->path(), rec, deps.clock, deps.http, deps.out, deps.err, deps.term,
                  deps.verbosity, deps.interrupted, nullptr};
  const int code = detect(probe_deps, deps, global, iso.access, access, p);
  return conclude(deps, global, p, rec, code);
}

}  // namespace eks::cmd
