#include "lib/os/progress.hpp"

#include <doctest/doctest.h>

#include <chrono>
#include <map>
#include <sstream>
#include <thread>

#include "lib/os/deps.hpp"

namespace {

// What a terminal shows after `bytes`: "\r" goes to column 0, "\033[K" erases to the end of
// the line, "\n" starts a new line; everything else is printed over what is there.
std::string screen(const std::string& bytes) {
  std::vector<std::string> lines{""};
  size_t col = 0;
  for (size_t i = 0; i < bytes.size(); ++i) {
    std::string& line = lines.back();
    if (bytes[i] == '\r') {
      col = 0;
    } else if (bytes.compare(i, 3, "\033[K") == 0) {
      line.resize(std::min(line.size(), col));
      i += 2;
    } else if (bytes[i] == '\n') {
      lines.emplace_back();
      col = 0;
    } else {
      if (col < line.size()) {
        line[col] = bytes[i];
      } else {
        line += bytes[i];
      }
      ++col;
    }
  }
  std::string out;
  for (size_t i = 0; i < lines.size(); ++i) {
    out += lines[i] + (i + 1 < lines.size() ? "\n" : "");
  }
  return out;
}

void wait_for_draw() { std::this_thread::sleep_for(std::chrono::milliseconds(450)); }

}  // namespace

TEST_CASE("progress: the line is drawn after the delay, erased before other output, gone at the end") {
  std::ostringstream term;  // stdout and stderr on one terminal
  {
    eks::ProgressLine p(term, term, true, 80);
    p.set("running the exec plugin aws");
    wait_for_draw();
    CHECK(term.str().find(" running the exec plugin aws") != std::string::npos);
    CHECK(term.str().rfind("\r\033[K", 0) == 0);
    p.out() << "Context:     prod\n";
    p.err() << "warning: something\n";
    p.set("waiting for https://127.0.0.1:6443");
    wait_for_draw();
    CHECK(screen(term.str()) != "Context:     prod\nwarning: something\n");  // the spinner is on screen
    p.clear();
    p.out() << "Connected.\n";
  }
  CHECK(screen(term.str()) == "Context:     prod\nwarning: something\nConnected.\n");
}

TEST_CASE("progress: the destructor erases a line still shown") {
  std::ostringstream term;
  {
    eks::ProgressLine p(term, term, true, 80);
    p.set("checking sso-token");
    wait_for_draw();
    REQUIRE(!term.str().empty());
  }
  CHECK(screen(term.str()).empty());
}

TEST_CASE("progress: short waits and disabled lines draw nothing") {
  std::ostringstream term;
  {
    eks::ProgressLine p(term, term, true, 80);
    p.set("fast");
    p.clear();
    p.out() << "done\n";
  }
  CHECK(term.str() == "done\n");
  std::ostringstream off;
  {
    eks::ProgressLine p(off, off, false, 80);
    p.set("slow");
    wait_for_draw();
    p.err() << "error: x\n";
  }
  CHECK(off.str() == "error: x\n");
}

TEST_CASE("progress: never drawn inside someone else's unfinished line") {
  std::ostringstream term;
  {
    eks::ProgressLine p(term, term, true, 80);
    p.out() << "Password: ";
    p.set("waiting");
    wait_for_draw();
    CHECK(term.str() == "Password: ");
    p.out() << "\n";
    wait_for_draw();
    CHECK(term.str().find("waiting") != std::string::npos);
  }
  CHECK(screen(term.str()) == "Password: \n");
}

TEST_CASE("progress: render cuts the text below the width, on code points") {
  using eks::ProgressLine;
  CHECK(ProgressLine::render("⠋", "checking kubeconfig", 80) == "⠋ checking kubeconfig");
  CHECK(ProgressLine::render("⠋", "abcdefghij", 10) == "⠋ abcdef…");  // 1 + 1 + 7 cells = 9 < 10
  CHECK(ProgressLine::render("⠋", "äöüäöüäöüä", 10) == "⠋ äöüäöü…");
  CHECK(ProgressLine::render("⠋", "one\ntwo", 80) == "⠋ one");
}

static eks::Env env_of(std::string name, std::string value) {
  return eks::Env(std::map<std::string, std::string>{{std::move(name), std::move(value)}});
}

TEST_CASE("decide_progress: a person at a terminal, human output, no diagnostics, not CI") {
  const eks::Env plain(std::map<std::string, std::string>{{"TERM", "xterm"}});
  CHECK(eks::decide_progress(plain, true, "table", 0));
  CHECK(eks::decide_progress(plain, true, "wide", 0));
  CHECK_FALSE(eks::decide_progress(plain, false, "table", 0));
  CHECK_FALSE(eks::decide_progress(plain, true, "json", 0));
  CHECK_FALSE(eks::decide_progress(plain, true, "yaml", 0));
  CHECK_FALSE(eks::decide_progress(plain, true, "junit", 0));
  CHECK_FALSE(eks::decide_progress(plain, true, "name", 0));
  CHECK_FALSE(eks::decide_progress(plain, true, "table", 1));
  CHECK_FALSE(eks::decide_progress(env_of("CI", "true"), true, "table", 0));
  CHECK(eks::decide_progress(env_of("CI", "false"), true, "table", 0));
  CHECK_FALSE(eks::decide_progress(env_of("TERM", "dumb"), true, "table", 0));
  // NO_COLOR is about colour only (no-color.org); the spinner draws none.
  CHECK(eks::decide_progress(env_of("NO_COLOR", "1"), true, "table", 0));
}
