// ASCII stand-ins without a UTF-8 locale (issue 16, polish): the locale as `locale charmap` reads
// the environment, one-column stand-ins, and split sequences held back.
#include <doctest/doctest.h>

#include "lib/util/ascii_glyphs.hpp"

namespace eks {
namespace {

Env env_of(std::initializer_list<std::pair<const char*, const char*>> vars) {
  Env env;
  for (const auto& [k, v] : vars) {
    env.set(k, v);
  }
  return env;
}

TEST_CASE("ascii glyphs: LC_ALL, then LC_CTYPE, then LANG decide; unset is C") {
  CHECK(ctype_locale_name(env_of({})) == "C");
  CHECK(ctype_locale_name(env_of({{"LANG", "C.UTF-8"}})) == "C.UTF-8");
  CHECK(ctype_locale_name(env_of({{"LANG", "C.UTF-8"}, {"LC_CTYPE", "POSIX"}})) == "POSIX");
  CHECK(ctype_locale_name(env_of({{"LANG", "C"}, {"LC_CTYPE", "POSIX"}, {"LC_ALL", "en_US.UTF-8"}})) == "en_US.UTF-8");
  CHECK(ctype_locale_name(env_of({{"LANG", "de_DE.UTF-8"}, {"LC_ALL", ""}})) == "de_DE.UTF-8");  // empty is unset
}

TEST_CASE("ascii glyphs: which codesets are UTF-8") {
  for (const char* yes : {"UTF-8", "utf8", "C.UTF-8", "en_US.UTF-8", "de_DE.utf8@euro", "C.utf8"}) {
    CHECK_MESSAGE(names_utf8(yes), yes);
  }
  for (const char* no : {"C", "POSIX", "ANSI_X3.4-1968", "ISO-8859-1", "en_US", "en_US.ISO-8859-15", "de_DE@euro", ""}) {
    CHECK_MESSAGE(!names_utf8(no), no);
  }
}

TEST_CASE("ascii glyphs: one-column stand-ins, other text untouched") {
  CHECK(ascii_glyphs("  ✓ kubeconfig") == "  + kubeconfig");
  CHECK(ascii_glyphs("  ✗ context") == "  x context");
  CHECK(ascii_glyphs("  – credential") == "  - credential");
  CHECK(ascii_glyphs("Step 7 · Generate") == "Step 7 - Generate");
  CHECK(ascii_glyphs("  → Login with AWS SSO:") == "  > Login with AWS SSO:");
  CHECK(ascii_glyphs("prod-clu…") == "prod-clu~");
  CHECK(ascii_glyphs("⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏") == "|/-\\|/-\\|/");
  CHECK(ascii_glyphs("café naïve ✅") == "café naïve ✅");  // names and Markdown's marks stay
  CHECK(ascii_glyphs("") == "");
}

TEST_CASE("ascii glyphs: an incomplete sequence at the end is held back") {
  const std::string check = "✓";  // E2 9C 93
  CHECK(incomplete_utf8_tail("ok") == 0);
  CHECK(incomplete_utf8_tail("a" + check) == 0);
  CHECK(incomplete_utf8_tail("a" + check.substr(0, 1)) == 1);
  CHECK(incomplete_utf8_tail("a" + check.substr(0, 2)) == 2);
  CHECK(incomplete_utf8_tail("\xF0\x9F\x98") == 3);  // a 4-byte sequence cut after 3
  CHECK(incomplete_utf8_tail("\xC3") == 1);
  CHECK(incomplete_utf8_tail("\xC3\xA9") == 0);
  CHECK(incomplete_utf8_tail("") == 0);
}

}  // namespace
}  // namespace eks
