// `eks-sso login`: the only command that starts a login (guide step 5). It resolves the profile
// from the context (or --profile), shows what it runs, runs `aws sso login` attached to the
// terminal, then verifies: the SSO token cache is valid and the exec plugin returns a credential.
// Without a terminal (or in CI) it refuses unless --no-browser says a person will read the URL.
#include <fmt/format.h>

#include "cmd/commands.hpp"
#include "cmd/render.hpp"
#include "lib/aws/config.hpp"
#include "lib/session/context_access.hpp"
#include "lib/session/logout_probe.hpp"
#include "lib/os/process.hpp"
#include "lib/aws/sso_login.hpp"
#include "lib/session/sso_verdict.hpp"
#include "lib/util/timefmt.hpp"

namespace eks::cmd {

CLI::App* bind_login(CLI::App& app, LoginOptions& opts) {
  CLI::App* sub = app.add_subcommand("login", "Run 'aws sso login' for the context's profile (the only place a "
                                              "login starts), then verify it");
  sub->add_option("--profile", opts.profile, "The AWS profile (default: the one the context's plugin uses)");
  sub->add_flag("--no-browser", opts.no_browser, "Pass --no-browser to aws sso login");
  sub->add_flag("--use-device-code", opts.use_device_code, "Pass --use-device-code to aws sso login");
  sub->add_option("--login-timeout", opts.login_timeout, "Limit for the login (default 5m)")->type_name("DURATION");
  sub->footer(
      "Without a terminal (or with CI set) it refuses unless --no-browser is given.\n"
      "Examples:\n  eks-sso login\n  eks-sso login --context prod --no-browser\n  eks-sso login --profile dev");
  return sub;
}

namespace {

struct LoginReport {
  std::string status;  // logged_in | login_required | login_failed | timed_out | error
  std::string context;
  std::string profile;
  std::string command;
  std::optional<int> aws_exit;
  std::optional<SsoSummary> token;
  std::optional<Credential> credential;
  std::optional<LoginRequired> login;
  std::optional<Error> error;
  std::vector<std::string> notes;
};

nlohmann::json report_json(const LoginReport& r) {
  nlohmann::json j = nlohmann::json::object();
  if (r.login) {
    j = login_required_json(*r.login);
  }
  j["status"] = r.status;
  j["context"] = r.context;
  j["profile"] = r.profile;
  j["command"] = r.command;
  j["awsExitCode"] = r.aws_exit ? nlohmann::json(*r.aws_exit) : nlohmann::json(nullptr);
  if (r.token) {
    nlohmann::json t = {{"state", sso_state_name(r.token->state)}};
    t["expiresAt"] = r.token->expires_at ? nlohmann::json(format_rfc3339(*r.token->expires_at)) : nullptr;
    if (!r.token->start_url.empty()) {
      t["startUrl"] = r.token->start_url;
    }
    if (!r.token->session.empty()) {
      t["session"] = r.token->session;
    }
    j["ssoToken"] = t;
  } else {
    j["ssoToken"] = nullptr;
  }
  if (r.credential) {
    const Credential& c = *r.credential;
    j["credential"] = {{"command", c.command},
                       {"apiVersion", c.api_version},
                       {"expirationTimestamp", c.expiration ? nlohmann::json(format_rfc3339(*c.expiration))
                                                            : nlohmann::json(nullptr)},
                       {"elapsedMs", c.elapsed.count()}};
  } else {
    j["credential"] = nullptr;
  }
  if (r.error) {
    j["error"] = {{"kind", kind_name(r.error->kind)}, {"message", r.error->message}};
  }
  j["notes"] = r.notes;
  return j;
}

int finish(Deps& deps, const GlobalOptions& global, const LoginReport& report, int code) {
  if (global.output == "json" || global.output == "yaml") {
    print_structured(deps, report_json(report), global.output);
  }
  return code;
}

}  // namespace

int run_login(GlobalOptions& global, const LoginOptions& opts, Deps& deps) {
  if (auto s = validate_global(global, {"table", "json", "yaml"}, "login"); !s) {
    return fail(deps, s.error());
  }
  auto context_name = single_context(global, "login");
  if (!context_name) {
    return fail(deps, context_name.error());
  }
  const auto timeout = parse_duration_flag(opts.login_timeout);
  if (!timeout || timeout->count() == 0) {
    return fail(deps, make_error(ErrorKind::usage,
                                 fmt::format("invalid --login-timeout \"{}\": use a positive duration such as 5m",
                                             opts.login_timeout)));
  }
  // A CI smoke check must never open a browser or wait for a person it cannot have: without a
  // terminal, only an explicit --no-browser (a person will read the URL from the log) goes on.
  const bool terminal = deps.term.stdin_tty && !deps.term.ci;
  if (!terminal && !opts.no_browser) {
    return fail(deps, make_error(ErrorKind::usage,
                                 std::string("eks-sso login needs a terminal: ") +
                                     (deps.term.ci ? "CI is set" : "standard input is not a terminal") +
                                     ", and aws sso login would open a browser and wait for a person",
                                 {"log in from a terminal: eks-sso login",
                                  "or print the URL and code instead of opening a browser (it still waits up to "
                                  "--login-timeout for someone to enter the code): eks-sso login --no-browser"}));
  }

  LoginReport report;
  report.context = *context_name;
  std::optional<ContextAccess> access;
  auto opened = open_context(kubeconfig_sources(global, deps), *context_name, deps.env);
  if (opened) {
    access = std::move(*opened);
    report.context = access->context_name;
  } else if (opts.profile.empty() || !context_name->empty()) {
    return fail(deps, opened.error());
  } else {
    report.notes.push_back("no usable kubeconfig context (" + opened.error().message +
                           "): only the SSO token is verified");
  }

  // The AWS CLI and environment the context's plugin uses, so the login writes the cache it reads.
  Env aws_env = deps.env;
  std::string program = "aws";
  std::filesystem::path home = deps.home;
  if (access) {
    const AuthInfo& user = *access->selection.user;
    if (user.exec) {
      aws_env = access->plugin_env;
      if (access->auth.plugin == PluginKind::aws_cli) {
        program = user.exec->command;
      }
    }
    home = plugin_home(*access, deps.env, deps.home);
  }
  const std::string profile = opts.profile.empty() ? access->auth.profile : opts.profile;
  if (profile.empty()) {
    return fail(deps, make_error(ErrorKind::config,
                                 fmt::format("context \"{}\" does not use an AWS exec plugin (auth: {}): no AWS "
                                             "profile to log in",
                                             access->context_name, access->auth.type),
                                 {"name the profile: eks-sso login --profile PROFILE"}));
  }
  report.profile = profile;
  auto aws = load_aws_config(aws_env, home);
  if (!aws) {
    return fail(deps, aws.error());
  }
  auto target = sso_login_target(profile, *aws);
  if (!target) {
    return fail(deps, target.error());
  }
  report.profile = target->profile;
  if (access && !opts.profile.empty() && access->auth.profile != opts.profile && !access->auth.profile.empty()) {
    report.notes.push_back(fmt::format("context \"{}\" uses profile \"{}\", not \"{}\"", access->context_name,
                                       access->auth.profile, opts.profile));
  }
  if (access && access->auth.resolution.env_keys_win) {
    report.notes.push_back(
        "AWS_ACCESS_KEY_ID is set for the plugin and wins over the profile: the plugin will not use this login");
  }

  const AwsCliProbe cli = probe_aws_cli(program, aws_env, deps.runner);
  if (!cli.found) {
    return fail(deps, aws_cli_missing_error(program, cli));
  }
  auto plan = plan_sso_login(SsoLoginRequest{program, *target, opts.no_browser, opts.use_device_code, cli.version});
  if (!plan) {
    return fail(deps, plan.error());
  }
  report.command = plan->display;
  report.notes.insert(report.notes.end(), plan->notes.begin(), plan->notes.end());
  for (const auto& n : report.notes) {
    deps.err << "note: " << n << '\n';
  }
  deps.err << "Running: " << plan->display << '\n';
  deps.err.flush();

  ProcessSpec spec;
  spec.program = program;
  spec.args = plan->args;
  spec.env = aws_env.to_strings();
  spec.stdin_mode = ProcessSpec::Stdin::inherit;
  spec.stderr_mode = ProcessSpec::Stderr::inherit;
  // The person must see the URL and code; with -o json|yaml they go to stderr so stdout stays data.
  spec.stdout_mode =
      global.output == "table" ? ProcessSpec::Stdout::inherit : ProcessSpec::Stdout::to_stderr;
  spec.timeout = *timeout;
  const ProcessResult run = deps.runner.run(spec);
  using Outcome = ProcessResult::Outcome;
  if (run.outcome == Outcome::exited) {
    report.aws_exit = run.exit_code;
  }
  if (run.outcome == Outcome::interrupted) {
    return exit_code_for(ErrorKind::interrupted);
  }
  if (run.outcome == Outcome::not_found || run.outcome == Outcome::spawn_failed) {
    AwsCliProbe missing;
    missing.found = false;
    missing.problem = run.error_text.empty() ? "not found in PATH" : run.error_text;
    return fail(deps, aws_cli_missing_error(program, missing));
  }
  if (run.outcome == Outcome::timed_out) {
    report.status = "timed_out";
    report.error = make_error(ErrorKind::login_required,
                              fmt::format("aws sso login did not finish within {} (--login-timeout) and was "
                                          "stopped: the AWS SSO login is still required",
                                          opts.login_timeout));
    const int code = fail(deps, *report.error);
    return finish(deps, global, report, code);
  }
  if (run.outcome != Outcome::exited || run.exit_code != 0) {
    report.status = "login_failed";
    // 253 is the AWS CLI's configuration error (missing SSO settings, unknown sso-session).
    const ErrorKind kind = run.exit_code == 253 ? ErrorKind::config : ErrorKind::general;
    const std::string how = run.outcome == Outcome::exited ? fmt::format("exited with {}", run.exit_code)
                                                             : fmt::format("was killed by signal {}", run.signal);
    report.error = make_error(kind, fmt::format("aws sso login {} (its message is above): the AWS SSO login is "
                                                "still required",
                                                how));
    const int code = fail(deps, *report.error);
    return finish(deps, global, report, code);
  }

  // Verify, believing nothing the login printed: the token cache first (files only), then the plugin.
  auto after = load_aws_config(aws_env, home);  // the login may rewrite the config (sso_region)
  if (!after) {
    return fail(deps, after.error());
  }
  ProfileResolution resolution;
  resolution.name = target->profile;
  resolution.source = ProfileSource::flag;
  report.token = summarize_sso(
      SsoStateInput{*after, resolution, home, deps.clock, effective_major(cli.version)});
  const SsoSummary& token = *report.token;
  const TimePoint now = deps.clock.now();
  if (token.state != SsoState::valid) {
    report.status = "login_required";
    report.error = make_error(ErrorKind::login_required,
                              fmt::format("aws sso login succeeded, but the SSO token cache for profile \"{}\" is "
                                          "still not valid: {}",
                                          target->profile, token.detail));
    const int code = fail(deps, *report.error);
    return finish(deps, global, report, code);
  }
  deps.err << fmt::format("✓ SSO token for profile \"{}\" is valid", target->profile);
  if (token.expires_at) {
    deps.err << fmt::format(" until {} ({} left)", format_rfc3339(*token.expires_at),
                            short_duration(std::chrono::duration_cast<std::chrono::seconds>(*token.expires_at - now)));
  }
  deps.err << '\n';

  if (!access) {
    report.status = "logged_in";
    deps.err << "Logged in (no context: the exec plugin was not checked).\n";
    return finish(deps, global, report, 0);
  }
  AccessOptions aopts;
  aopts.exec_timeout = global.exec_timeout_ms;
  aopts.terminal = TerminalPolicy::never;
  aopts.kubeconfig_flag = global.kubeconfig;
  // The AWS CLI has exited: a spinner may now show while the plugin runs (never during the login,
  // whose URL and code the AWS CLI prints on this terminal).
  CredentialOutcome outcome;
  {
    ProgressLine progress(deps.out, deps.err, deps.term.progress, deps.term.columns);
    Deps pdeps = with_progress(deps, progress);
    progress.set(plugin_wait_text(*access));
    outcome = get_credential(*access, aopts, CacheSettings{}, pdeps);
  }
  if (outcome.attempt.credential) {
    report.credential = outcome.attempt.credential;
    report.status = "logged_in";
    deps.err << fmt::format("✓ context \"{}\": the exec plugin returned a credential", access->context_name);
    if (report.credential->expiration) {
      deps.err << fmt::format(" (expires {})", format_rfc3339(*report.credential->expiration));
    }
    deps.err << "\nLogged in.\n";
    return finish(deps, global, report, 0);
  }
  if (outcome.login) {
    report.status = "login_required";
    report.login = outcome.login;
    std::string why = reconcile_sso(token, outcome).message;
    if (access->auth.profile != target->profile && !access->auth.profile.empty()) {
      why = fmt::format("the context's plugin uses profile \"{}\", which this login did not cover",
                        access->auth.profile);
    }
    report.error = make_error(ErrorKind::login_required,
                              fmt::format("logged in, but the exec plugin of context \"{}\" still needs an AWS SSO "
                                          "login{}",
                                          access->context_name, why.empty() ? "" : ": " + why));
    const int code = fail(deps, *report.error);
    print_login_required(deps.err, *outcome.login, now, deps.term.color);
    return finish(deps, global, report, code);
  }
  report.status = "error";
  report.error = outcome.attempt.error.value_or(make_error(ErrorKind::general, "the exec plugin failed"));
  report.error->message = fmt::format("logged in, but the exec plugin of context \"{}\" failed: {}",
                                      access->context_name, report.error->message);
  const int code = fail(deps, *report.error);
  return finish(deps, global, report, code);
}

}  // namespace eks::cmd
