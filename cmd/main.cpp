// The only code that touches the real process: environment, TTYs, signals, std::cout, exit.
// Everything below returns an exit code (STYLE.md 2).
#include <sys/ioctl.h>
#include <unistd.h>

#include <csignal>
#include <cstring>
#include <iostream>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "cmd/commands.hpp"
#include "cmd/hidden.hpp"
#include "lib/util/error_output.hpp"
#include "lib/os/http.hpp"
#include "lib/os/process.hpp"
#include "lib/util/suggest.hpp"

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

std::vector<std::string> command_words(const CLI::App& app) {
  std::vector<std::string> out;
  for (const CLI::App* sub : app.get_subcommands({})) {
    if (!sub->get_group().empty()) {  // hidden commands are never suggested
      out.push_back(sub->get_name());
    }
  }
  return out;
}

std::vector<std::string> flag_words(const CLI::App& app) {
  std::vector<std::string> out;
  for (const CLI::Option* opt : app.get_options({})) {
    for (const auto& l : opt->get_lnames()) {
      out.push_back("--" + l);
    }
  }
  for (const CLI::App* sub : app.get_subcommands({})) {
    for (auto& f : flag_words(*sub)) {
      out.push_back(f);
    }
  }
  return out;
}

// The message for a parse error: an unknown command gets cobra's wording; an unknown flag or
// command gets a "did you mean" line when a known one is close.
std::vector<std::string> explain_parse_error(const CLI::App& app, const std::vector<std::string>& args,
                                             const std::string& what) {
  const auto flags = flag_words(app);
  const CLI::App* level = &app;
  for (const auto& a : args) {
    if (a.rfind("--", 0) == 0) {
      const std::string flag = a.substr(0, a.find('='));
      if (std::find(flags.begin(), flags.end(), flag) == flags.end()) {
        std::vector<std::string> out{fmt::format("unknown flag: {}", flag)};
        if (auto m = eks::closest_match(flag, flags)) {
          out.push_back(fmt::format("did you mean \"{}\"?", *m));
        }
        return out;
      }
    } else if (!a.empty() && a[0] != '-' && level != nullptr) {
      const auto here = command_words(*level);
      if (here.empty()) {
        break;  // a positional argument of a leaf command
      }
      if (std::find(here.begin(), here.end(), a) == here.end()) {
        bool alias = false;
        for (const CLI::App* sub : level->get_subcommands({})) {
          alias = alias || sub->check_name(a);
        }
        if (!alias) {
          std::vector<std::string> out{
              fmt::format("unknown command \"{}\" for \"{}\"", a, level == &app ? "eks-sso" : level->get_name())};
          if (auto m = eks::closest_match(a, here)) {
            out.push_back(fmt::format("did you mean \"{}\"?", *m));
          }
          return out;
        }
      }
      const CLI::App* next = nullptr;
      for (const CLI::App* sub : level->get_subcommands({})) {
        if (sub->check_name(a)) {
          next = sub;
        }
      }
      level = next;
    }
  }
  if (what.rfind("A subcommand is required", 0) == 0) {
    std::string list;
    for (const auto& w : command_words(level != nullptr ? *level : app)) {
      list += (list.empty() ? "" : ", ") + w;
    }
    return {fmt::format("missing command: use one of {}", list)};
  }
  return {what};
}

}  // namespace

int main(int argc, char** argv) {
  using namespace eks;
  using namespace eks::cmd;

  std::signal(SIGINT, on_sigint);
  std::signal(SIGPIPE, SIG_IGN);

  const Env env = Env::from_environ(environ);
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
    const auto lines = explain_parse_error(app, args, e.what());
    std::cerr << "error: " << lines.front() << '\n';
    for (size_t i = 1; i < lines.size(); ++i) {
      std::cerr << "  " << lines[i] << '\n';
    }
    std::cerr << "  run 'eks-sso --help' for usage\n";
    return exit_code_for(ErrorKind::usage);
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
