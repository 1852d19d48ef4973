// The only code that touches the real process: environment, TTYs, signals, std::cout, exit.
// Everything below returns an exit code (STYLE.md 2).
#include <sys/ioctl.h>
#include <unistd.h>

#include <langinfo.h>

#include <clocale>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <optional>
#include <iostream>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "cmd/commands.hpp"
#include "cmd/hidden.hpp"
#include "cmd/usage_error.hpp"
#include "lib/util/error_output.hpp"
#include "lib/os/ascii_stream.hpp"
#include "lib/os/http.hpp"
#include "lib/util/ascii_glyphs.hpp"
#include "lib/os/process.hpp"

extern char** environ;

namespace {

// The one piece of global state: written by the SIGINT handler, read by the process runner and
// the HTTP client so they can kill a plugin or abort a request.
std::atomic<bool> g_interrupted{false};

void on_sigint(int /*sig*/) {
  if (g_interrupted.exchange(true)) {
    _exit(130);  // a second Ctrl-C leaves at once
  }
}

// Whether the terminal speaks UTF-8, as `locale charmap` decides (LC_ALL, LC_CTYPE, LANG; unset
// is C, which is ASCII). A locale that is not installed is judged by its name: LANG=en_US.UTF-8
// without the locale generated (common in containers) is still a UTF-8 terminal. The C library's
// locale is put back to "C" at once: nothing else of eks-sso may depend on it.
bool utf8_locale(const eks::Env& env) {
  const std::string name = eks::ctype_locale_name(env);
  if (std::setlocale(LC_CTYPE, name.c_str()) != nullptr) {
    const bool utf8 = eks::names_utf8(nl_langinfo(CODESET));
    std::setlocale(LC_CTYPE, "C");
    return utf8;
  }
  return eks::names_utf8(name);
}

// kubectl users write -v=6; CLI11 wants -v 6.
std::vector<std::string> normalise_args(int argc, char** argv) {
  std::vector<std::string> args;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a.rfind("-v=", 0) == 0) {
      args.emplace_back("-v");
      args.push_back(a.substr(3));
    } else {
      args.push_back(std::move(a));
    }
  }
  return args;
}

}  // namespace

int main(int argc, char** argv) {
  using namespace eks;
  using namespace eks::cmd;

  std::signal(SIGINT, on_sigint);
  std::signal(SIGPIPE, SIG_IGN);

  const Env env = Env::from_environ(environ);
  // Without a UTF-8 locale, ✓ ✗ → ⠋ ... become ASCII (lib/util/ascii_glyphs.hpp): on stderr always,
  // on stdout for the human formats only (never in JSON, YAML, names or Markdown).
  const bool ascii = !utf8_locale(env);
  std::optional<ScopedAsciiStream> ascii_err;
  std::optional<ScopedAsciiStream> ascii_out;
  if (ascii) {
    ascii_err.emplace(std::cerr);
  }
  const bool stdout_tty = isatty(STDOUT_FILENO) == 1;
  const bool stderr_tty = isatty(STDERR_FILENO) == 1;

  CLI::App app{"eks-sso: verify that you can reach an Amazon EKS cluster through AWS IAM Identity Center (AWS SSO), "
               "and when you cannot, say why and what to run.",
               "eks-sso"};
  app.set_version_flag("--version", std::string("eks-sso ") + EKS_SSO_VERSION);
  app.require_subcommand(1);
  app.footer(
      "Examples:\n"
      "  eks-sso doctor                        # every check of the EKS SSO guide, each with its fix\n"
      "  eks-sso contexts                      # the contexts, their AWS profiles and SSO state\n"
      "  eks-sso login --context prod          # the only command that runs aws sso login\n"
      "  eks-sso get nodes --context prod\n"
      "  kubectl eks-sso doctor                # the same binary as a kubectl plugin\n\n"
      "Exit codes: 0 success, 1 failure, 2 usage error, 3 AWS SSO login required, 4 credential rejected (401),\n"
      "5 action refused (403), 6 cluster unreachable, 7 configuration error, 130 interrupted.");

  GlobalOptions global;
  bind_global_options(app, global);
  ContextsOptions contexts_opts;
  ConnectOptions connect_opts;
  DoctorOptions doctor_opts;
  LoginOptions login_opts;
  GetNodesOptions get_nodes_opts;
  LogoutTestOptions logout_test_opts;
  CredentialCommandOptions credential_opts;
  CacheClearOptions cache_clear_opts;
  CompletionOptions completion_opts;
  VersionOptions version_opts;
  StatusOptions status_opts;
  HelpOptions help_opts;
  SetupScriptOptions setup_script_opts;
  CLI::App* doctor = bind_doctor(app, doctor_opts);
  CLI::App* contexts = bind_contexts(app, contexts_opts);
  CLI::App* connect = bind_connect(app, connect_opts);
  CLI::App* login = bind_login(app, login_opts);
  CLI::App* get_nodes = bind_get_nodes(app, get_nodes_opts);
  CLI::App* logout_test = bind_logout_test(app, logout_test_opts);
  CLI::App* credential = bind_credential(app, credential_opts);
  CLI::App* cache_clear = bind_cache(app, cache_clear_opts);
  CLI::App* completion = bind_completion(app, completion_opts);
  CLI::App* status = bind_status(app, status_opts);
  CLI::App* help = bind_help(app, help_opts);
  CLI::App* setup_script = bind_setup_script(app, setup_script_opts);
  CLI::App* version = bind_version(app, version_opts);
  HiddenCommands hidden;  // __complete, __tree: for the completion scripts and the tests
  bind_hidden(app, hidden);
  for (CLI::App* sub : app.get_subcommands({})) {
    sub->fallthrough();  // global options are accepted after the command too, as kubectl does
  }
  append_global_options_help(app);  // each command's --help lists them too

  std::vector<std::string> args = normalise_args(argc, argv);
  std::vector<std::string> reversed(args.rbegin(), args.rend());
  try {
    app.parse(reversed);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e, std::cout, std::cerr);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e, std::cout, std::cerr);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e, std::cout, std::cerr);
  } catch (const CLI::ParseError& e) {
    print_usage_error(std::cerr, explain_usage_error(app, args, e.what()));
    return exit_code_for(ErrorKind::usage);
  }

  if (ascii && (global.output == "table" || global.output == "wide")) {
    ascii_out.emplace(std::cout);
  }

  SystemClock clock;
  PosixProcessRunner runner(&g_interrupted);
  CurlHttpClient http(env, k_default_max_body_bytes, &g_interrupted);
  Terminal term;
  term.stdin_tty = isatty(STDIN_FILENO) == 1;
  term.stdout_tty = stdout_tty;
  term.stderr_tty = stderr_tty;
  term.color = decide_color(env, stderr_tty, global.no_color);
  const std::string ci = env.get_or_empty("CI");
  term.ci = !ci.empty() && ci != "false" && ci != "0";
  term.progress = decide_progress(env, stderr_tty, global.output, global.verbosity);
  if (winsize ws{}; stderr_tty && ioctl(STDERR_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0) {
    term.columns = ws.ws_col;
  }
  if (winsize ws{}; stdout_tty && ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0) {
    term.out_columns = ws.ws_col;
  }
  // COLUMNS, a number, is the width asked for (as ls and Python's shutil take it), on a terminal.
  if (const int asked = std::atoi(env.get_or_empty("COLUMNS").c_str()); asked > 0 && asked < 10000) {
    term.columns = stderr_tty ? asked : term.columns;
    term.out_columns = stdout_tty ? asked : 0;
  }
  const bool human_output = global.output == "table" || global.output == "wide";
  term.wrap_out = human_output ? term.out_columns : 0;
  term.wrap_err = human_output && stderr_tty ? term.columns : 0;
  const std::string home = env.get_or_empty("HOME");
  Deps deps{env, home, runner, clock, http, std::cout, std::cerr, term, global.verbosity, &g_interrupted};
  deps.in = &std::cin;

  // Complete → Validate → Run, as kubectl splits a command: the global flags' values are computed
  // once here; each command's validate_global only checks them. The commands that read no
  // duration (completion, version, the hidden completion helpers) are not held up by one.
  const bool reads_durations = !(completion->parsed() || version->parsed() || hidden_selected(hidden));
  if (Status completed = complete_global(global); !completed && reads_durations) {
    print_error(std::cerr, completed.error(), term.color);
    return exit_code_for(completed.error().kind);
  }

  int code = 1;
  try {
    if (doctor->parsed()) {
      code = run_doctor(global, doctor_opts, deps);
    } else if (contexts->parsed()) {
      code = run_contexts(global, contexts_opts, deps);
    } else if (connect->parsed()) {
      code = run_connect(global, connect_opts, deps);
    } else if (login->parsed()) {
      code = run_login(global, login_opts, deps);
    } else if (get_nodes->parsed()) {
      code = run_get_nodes(global, get_nodes_opts, deps);
    } else if (logout_test->parsed()) {
      code = run_logout_test(global, logout_test_opts, deps);
    } else if (credential->parsed()) {
      code = run_credential(global, credential_opts, deps);
    } else if (cache_clear->parsed()) {
      code = run_cache_clear(global, cache_clear_opts, deps);
    } else if (completion->parsed()) {
      code = run_completion(global, completion_opts, deps);
    } else if (status->parsed()) {
      code = run_status(global, status_opts, deps);
    } else if (help->parsed()) {
      code = run_help(app, help_opts, deps);
    } else if (setup_script->parsed()) {
      code = run_setup_script(global, setup_script_opts, deps);
    } else if (version->parsed()) {
      code = run_version(global, version_opts, deps);
    } else if (hidden_selected(hidden)) {
      code = run_hidden(hidden, app, global, deps);
    } else {
      std::cerr << "error: no command given\n  run 'eks-sso --help' for usage\n";
      code = exit_code_for(ErrorKind::usage);
    }
  } catch (const std::exception& e) {
    // The single top-level catch: nothing below should throw, but never crash on a user.
    std::cerr << "error: internal error: " << e.what() << '\n';
    code = 1;
  }
  std::cout.flush();
  if (g_interrupted.load()) {
    return 130;
  }
  return code;
}
