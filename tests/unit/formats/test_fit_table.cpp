#include <doctest/doctest.h>

#include "lib/formats/fit_table.hpp"

TEST_CASE("fit_table: truncate_runes cuts by runes and ends with …") {
  CHECK(eks::truncate_runes("abcdef", 6) == "abcdef");
  CHECK(eks::truncate_runes("abcdef", 4) == "abc…");
  CHECK(eks::truncate_runes("äöüßxy", 3) == "äö…");  // multi-byte runes are never split
  CHECK(eks::truncate_runes("abc", 1) == "…");
  CHECK(eks::truncate_runes("abc", 0).empty());
}

TEST_CASE("fit_table: table_width matches tabwriter's padding and minwidth") {
  const std::vector<std::vector<std::string>> rows = {{"A", "NAME", "X"}, {"*", "a-long-name", "yz"}};
  // col 0: max(6, 1+3) = 6, col 1: 11+3 = 14, last column unpadded: 2.
  CHECK(eks::table_width(rows) == 22);
  std::string text;
  for (const auto& r : rows) {
    text += r[0] + "\t" + r[1] + "\t" + r[2] + "\n";
  }
  const std::string out = eks::tabwrite(text);
  CHECK(out.substr(out.find('\n') + 1).size() == 22 + 1);
}

TEST_CASE("fit_table: the widest shrinkable column shrinks first, never below min_cell") {
  std::vector<std::vector<std::string>> rows = {{"NAME", "PROFILE", "SSO"},
                                                {"arn:aws:eks:eu-west-1:111122223333:cluster/prod", "admin-profile", "valid"}};
  eks::fit_table(rows, 40, {0, 1});
  CHECK(eks::table_width(rows) <= 40);
  CHECK(rows[1][0].find("…") != std::string::npos);
  CHECK(rows[1][1] == "admin-profile");  // not the widest: kept whole
  CHECK(rows[1][2] == "valid");          // not shrinkable
  std::vector<std::vector<std::string>> tight = rows;
  eks::fit_table(tight, 5, {0, 1}, 8);
  CHECK(eks::rune_count(tight[1][0]) == 8);
  CHECK(eks::rune_count(tight[1][1]) == 8);
  std::vector<std::vector<std::string>> roomy = {{"a", "b"}};
  eks::fit_table(roomy, 80, {0, 1});
  CHECK(roomy[0][0] == "a");
}
