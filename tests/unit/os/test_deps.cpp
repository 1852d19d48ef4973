#include <doctest/doctest.h>

#include "lib/os/deps.hpp"

using eks::Env;

TEST_CASE("deps: colour only on a terminal, never with NO_COLOR, TERM=dumb, --no-color or CI") {
  CHECK(eks::decide_color(Env(), true, false));
  CHECK_FALSE(eks::decide_color(Env(), false, false));
  CHECK_FALSE(eks::decide_color(Env(), true, true));
  CHECK_FALSE(eks::decide_color(Env(std::map<std::string, std::string>{{"NO_COLOR", ""}}), true, false));
  CHECK_FALSE(eks::decide_color(Env(std::map<std::string, std::string>{{"TERM", "dumb"}}), true, false));
  CHECK_FALSE(eks::decide_color(Env(std::map<std::string, std::string>{{"CI", "true"}}), true, false));
}
