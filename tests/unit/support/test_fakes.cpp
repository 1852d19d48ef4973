// The test fakes check themselves (gh's internal/run/stub.go model): an expectation that was
// queued but never used fails the test when the fake goes out of scope, unless allow_unused().
// Each "fails" case is marked doctest::should_fail: it passes only when the fake failed it.
#include <doctest/doctest.h>

#include "support/fake_http.hpp"
#include "support/fake_process_runner.hpp"

namespace {

eks::ProcessSpec spec_of(const char* program) {
  eks::ProcessSpec spec;
  spec.program = program;
  return spec;
}

}  // namespace

TEST_CASE("fakes: an unused process expectation fails the test" * doctest::should_fail()) {
  eks::test::FakeProcessRunner runner;
  runner.expect_exit(0, "first");
  runner.expect_exit(0, "never asked for");
  CHECK(runner.run(spec_of("aws")).out == "first");
}

TEST_CASE("fakes: an unused HTTP answer fails the test" * doctest::should_fail()) {
  eks::test::FakeHttpClient http;
  http.respond(200, "{}");
}

TEST_CASE("fakes: every expectation used, or allow_unused(), passes") {
  {
    eks::test::FakeProcessRunner runner;
    runner.expect_exit(0, "out");
    CHECK(runner.run(spec_of("aws")).out == "out");
    CHECK(runner.all_used());
  }
  {
    eks::test::FakeProcessRunner runner;
    runner.expect_exit(0, "left on purpose");
    runner.allow_unused();
  }
  {
    eks::test::FakeHttpClient http;
    http.respond(200, "{}");
    http.allow_unused();
    eks::test::FakeHttpClient used;
    used.respond(204, "");
    eks::HttpRequest request;
    request.method = "GET";
    request.url = "https://127.0.0.1/";
    const auto response = used.send(request);
    REQUIRE(response.ok());
    CHECK(response->status == 204);
  }
}
