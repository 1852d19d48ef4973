#include <doctest/doctest.h>

#include <string>

#include "lib/util/result.hpp"

namespace {

eks::Result<int> parse_digit(char c) {
  if (c < '0' || c > '9') {
    return eks::make_error(eks::ErrorKind::usage, std::string("not a digit: ") + c);
  }
  return c - '0';
}

eks::Status check_positive(int n) {
  if (n <= 0) {
    return eks::make_error(eks::ErrorKind::config, "not positive");
  }
  return eks::Ok{};
}

// Two digits: TRY_ASSIGN declares each value, TRY propagates a Status, both return the first error.
eks::Result<int> two_digits(const std::string& s, int* steps) {
  TRY_ASSIGN(const int tens, parse_digit(s.at(0)));
  ++*steps;
  TRY_ASSIGN(int ones, parse_digit(s.at(1)));
  ++*steps;
  TRY(check_positive(tens * 10 + ones));
  ++*steps;
  return tens * 10 + ones;
}

}  // namespace

TEST_CASE("result: TRY and TRY_ASSIGN return the first error and declare the values") {
  int steps = 0;
  auto ok = two_digits("42", &steps);
  REQUIRE(ok.ok());
  CHECK(*ok == 42);
  CHECK(steps == 3);

  steps = 0;
  auto first = two_digits("x2", &steps);
  REQUIRE_FALSE(first.ok());
  CHECK(first.error().message == "not a digit: x");
  CHECK(first.error().kind == eks::ErrorKind::usage);
  CHECK(steps == 0);

  steps = 0;
  auto second = two_digits("4y", &steps);
  REQUIRE_FALSE(second.ok());
  CHECK(second.error().message == "not a digit: y");
  CHECK(steps == 1);

  steps = 0;
  auto status = two_digits("00", &steps);
  REQUIRE_FALSE(status.ok());
  CHECK(status.error().message == "not positive");
  CHECK(status.error().kind == eks::ErrorKind::config);
  CHECK(steps == 2);
}
