#include <doctest/doctest.h>

#include "lib/util/base64.hpp"

TEST_CASE("base64: standard, url-safe and Go's error offsets") {
  CHECK(eks::base64_encode("foob") == "Zm9vYg==");
  CHECK(eks::base64url_encode_nopad("\xfb\xff") == "-_8");
  CHECK(eks::base64_decode("Zm9vYg==") == std::optional<std::string>("foob"));
  CHECK(eks::base64_decode("Zm9v\nYmFy") == std::optional<std::string>("foobar"));
  eks::Base64Error err;
  CHECK_FALSE(eks::base64_decode("Zm9*", &err).has_value());
  CHECK(err.offset == 3);
  CHECK_FALSE(eks::base64_decode("Zm9vY").has_value());
  // An unfinished last quantum is reported at its first byte, as Go's CorruptInputError(si - j).
  CHECK_FALSE(eks::base64_decode("QUJ", &err).has_value());
  CHECK(err.offset == 0);
  CHECK_FALSE(eks::base64_decode("YWJjYQ", &err).has_value());
  CHECK(err.offset == 4);
  CHECK_FALSE(eks::base64_decode("QQ===", &err).has_value());
  CHECK(err.offset == 4);
  CHECK(eks::base64url_decode("-_8") == std::optional<std::string>("\xfb\xff"));
}

TEST_CASE("base64: the lenient reading of *-data (the API client): whitespace, optional padding") {
  CHECK(eks::base64_decode_lenient("aGVs bG8=") == std::optional<std::string>("hello"));
  CHECK(eks::base64_decode_lenient("\taGVs\r\nbG8") == std::optional<std::string>("hello"));
  CHECK(eks::base64_decode_lenient("YWJj=") == std::optional<std::string>("abc"));
  eks::Base64Error err;
  CHECK_FALSE(eks::base64_decode_lenient("YQ==YQ==", &err).has_value());
  CHECK_FALSE(err.bad_length);
  CHECK_FALSE(eks::base64_decode_lenient("YWJjZ", &err).has_value());
  CHECK(err.bad_length);
  CHECK_FALSE(eks::base64_decode_lenient("YQ===", &err).has_value());
  CHECK(err.bad_length);
  CHECK_FALSE(eks::base64_decode("YWJj=").has_value());  // Go's StdEncoding is strict
}
