#include <doctest/doctest.h>

#include "lib/util/suggest.hpp"

TEST_CASE("suggest: did you mean") {
  const std::vector<std::string> cmds{"doctor", "contexts", "connect", "login", "get", "logout-test"};
  CHECK(eks::closest_match("contxts", cmds) == std::optional<std::string>("contexts"));
  CHECK(eks::closest_match("docter", cmds) == std::optional<std::string>("doctor"));
  CHECK(eks::closest_match("logout", cmds) == std::optional<std::string>("logout-test"));
  CHECK_FALSE(eks::closest_match("zzzzzzzz", cmds).has_value());
}
