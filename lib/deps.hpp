// The world, injected once: streams, terminal facts, the environment snapshot, paths, a process
// runner, a clock and an HTTP client. main.cpp builds the real one; tests build their own.
// (STYLE.md 3: "Inject the world once".)
#pragma once

#include <atomic>
#include <filesystem>
#include <istream>
#include <ostream>

#include "lib/clock.hpp"
#include "lib/env.hpp"

namespace eks {

class ProcessRunner;
class HttpClient;

struct Terminal {
  bool stdin_tty = false;
  bool stdout_tty = false;
  bool stderr_tty = false;
  bool color = false;  // decided once (see decide_color)
  bool ci = false;     // CI=true: never a prompt, a spinner or colour
};

// Colour only on a terminal, never with NO_COLOR, --no-color, TERM=dumb or in CI.
[[nodiscard]] bool decide_color(const Env& env, bool stream_is_tty, bool no_color_flag);

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
