#include <doctest/doctest.h>

#include "lib/util/error.hpp"

TEST_CASE("error: one mapping from kinds to the contract's exit codes") {
  using eks::ErrorKind;
  CHECK(eks::exit_code_for(ErrorKind::general) == 1);
  CHECK(eks::exit_code_for(ErrorKind::usage) == 2);
  CHECK(eks::exit_code_for(ErrorKind::login_required) == 3);
  CHECK(eks::exit_code_for(ErrorKind::unauthorized) == 4);
  CHECK(eks::exit_code_for(ErrorKind::forbidden) == 5);
  CHECK(eks::exit_code_for(ErrorKind::unreachable) == 6);
  CHECK(eks::exit_code_for(ErrorKind::config) == 7);
  CHECK(eks::exit_code_for(ErrorKind::interrupted) == 130);
}
