// lib/util/utf8: the one UTF-8 decoder (Go's utf8.DecodeRune rules) behind validation, the Go
// encoders and the tab writer.
#include <doctest/doctest.h>

#include <string_view>

#include "lib/formats/tabwriter.hpp"
#include "lib/util/utf8.hpp"

TEST_CASE("utf8: decode_utf8 returns the length and code point, 0 for what Go calls RuneError") {
  char32_t cp = 0;
  CHECK(eks::decode_utf8("a", 0, cp) == 1);
  CHECK(cp == U'a');
  CHECK(eks::decode_utf8("\xC3\xA9", 0, cp) == 2);
  CHECK(cp == 0xE9);
  CHECK(eks::decode_utf8("x\xE2\x82\xAC", 1, cp) == 3);
  CHECK(cp == 0x20AC);
  CHECK(eks::decode_utf8("\xF0\x9F\x98\x80", 0, cp) == 4);
  CHECK(cp == 0x1F600);
  for (std::string_view bad : {"\x80", "\xC0\xAF", "\xC3", "\xE0\x80\x80", "\xED\xA0\x80", "\xF4\x90\x80\x80",
                               "\xF5\x80\x80\x80", "\xE2\x28\xA1"}) {
    CAPTURE(bad);
    CHECK(eks::decode_utf8(bad, 0, cp) == 0);
  }
}

TEST_CASE("utf8: validation and rune counting agree with the decoder") {
  CHECK(eks::invalid_utf8_offset("plain ascii that is longer than eight bytes") == std::string_view::npos);
  CHECK(eks::invalid_utf8_offset("12345678\xE0\x80\x80") == 8);
  CHECK(eks::rune_count("caf\xC3\xA9") == 4);
  CHECK(eks::rune_count("\xE0\x80\x80") == 3);  // overlong: three RuneErrors, as utf8.RuneCount
  CHECK(eks::rune_count("ab\xC3") == 3);
}
