// The world, injected once: streams, terminal facts, the environment snapshot, paths, a process
// runner, a clock and an HTTP client. main.cpp builds the real one; tests build their own.
// (STYLE.md 3: "Inject the world once".)
#pragma once

#include <atomic>
#include <filesystem>
#include <istream>
#include <ostream>
#include <string_view>

#include "lib/util/clock.hpp"
#include "lib/util/env.hpp"

namespace eks {

class ProcessRunner;
class HttpClient;

struct Terminal {
  bool stdin_tty = false;
  bool stdout_tty = false;
  bool stderr_tty = false;
  bool color = false;  // decided once (see decide_color)
  bool ci = false;     // CI=true: never a prompt, a spinner or colour
  bool progress = false;  // a spinner line on stderr while waiting (see decide_progress)
  int columns = 80;       // stderr's width when it is a terminal
  int out_columns = 0;    // stdout's width when it is a terminal, 0 when it is not (never shorten)
  // The width prose wraps to (lib/util/wrap.hpp) on stdout and stderr: the terminal's columns for
  // the human formats (table, wide), 0 = never (not a terminal, -o json|yaml|junit|markdown|name).
  int wrap_out = 0;
  int wrap_err = 0;
};

// Colour only on a terminal, never with NO_COLOR, --no-color, TERM=dumb or in CI.
[[nodiscard]] bool decide_color(const Env& env, bool stream_is_tty, bool no_color_flag);

// The spinner/progress line (lib/os/progress.hpp) only for a person watching a terminal: stderr is a
// TTY, not CI, TERM is not dumb (it cannot erase a line), the output is for people (table, wide:
// never json, yaml, junit, markdown or name) and no -v diagnostics share stderr. NO_COLOR and
// --no-color turn off colour only (no-color.org); the spinner draws no colour.
[[nodiscard]] bool decide_progress(const Env& env, bool stderr_is_tty, std::string_view output_format, int verbosity);

struct Deps {
  Env env;
  std::filesystem::path home;
  ProcessRunner& runner;
  Clock& clock;
  HttpClient& http;
  std::ostream& out;
  std::ostream& err;
  Terminal term;
  int verbosity = 0;
  const std::atomic<bool>* interrupted = nullptr;
  std::istream* in = nullptr;  // for a y/N question on a terminal; null = no input
};

}  // namespace eks
