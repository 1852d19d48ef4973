// Go text/tabwriter semantics with kubectl's settings (kube.md section 3, transcript C09).
#include <doctest/doctest.h>

#include <string>

#include "lib/formats/tabwriter.hpp"

using eks::tabwrite;

namespace {

const char* const k_dev = "arn:aws:eks:us-west-2:111122223333:cluster/dev";
const char* const k_prod = "arn:aws:eks:eu-west-1:444455556666:cluster/prod";

std::string contexts_rows() {
  std::string rows;
  rows += std::string("*\t") + k_dev + "\t" + k_dev + "\t" + k_dev + "\t\n";
  rows += std::string(" \tprod-admin\t") + k_prod + "\tstatic-403\tkube-system\n";
  rows += std::string(" \tstatic-ok\t") + k_dev + "\tstatic-ok\t\n";
  return rows;
}

}  // namespace

TEST_CASE("tabwriter: get-contexts byte-exact, trailing padding when the last cell is empty") {
  const std::string text = "CURRENT\tNAME\tCLUSTER\tAUTHINFO\tNAMESPACE\n" + contexts_rows();
  const std::string expected =
      "CURRENT   NAME                                             CLUSTER                                           AUTHINFO                                         NAMESPACE\n"
      "*         arn:aws:eks:us-west-2:111122223333:cluster/dev   arn:aws:eks:us-west-2:111122223333:cluster/dev    arn:aws:eks:us-west-2:111122223333:cluster/dev   \n"
      "          prod-admin                                       arn:aws:eks:eu-west-1:444455556666:cluster/prod   static-403                                       kube-system\n"
      "          static-ok                                        arn:aws:eks:us-west-2:111122223333:cluster/dev    static-ok                                        \n";
  CHECK(tabwrite(text) == expected);
}

TEST_CASE("tabwriter: --no-headers shrinks the first column to the minimum width 6") {
  const std::string expected =
      "*     arn:aws:eks:us-west-2:111122223333:cluster/dev   arn:aws:eks:us-west-2:111122223333:cluster/dev    arn:aws:eks:us-west-2:111122223333:cluster/dev   \n"
      "      prod-admin                                       arn:aws:eks:eu-west-1:444455556666:cluster/prod   static-403                                       kube-system\n"
      "      static-ok                                        arn:aws:eks:us-west-2:111122223333:cluster/dev    static-ok                                        \n";
  CHECK(tabwrite(contexts_rows()) == expected);
}

TEST_CASE("tabwriter: widths count runes, not bytes") {
  CHECK(eks::rune_count("h\xC3\xA9llo") == 5);
  CHECK(eks::rune_count("\xE2\x82\xAC") == 1);
  CHECK(eks::rune_count("\xFF\xFE") == 2);
  CHECK(tabwrite("\xC3\xA9\tx\nabcdefgh\ty\n") == "\xC3\xA9" "          x\nabcdefgh   y\n");
}

TEST_CASE("tabwriter: column blocks follow Go (a line without the column ends the block)") {
  // Line 2 has no tab, so column 0 of line 3 starts a new block with its own width.
  const std::string text = "aaaaaaaaaa\tb\nno tabs here\nc\td\n";
  CHECK(tabwrite(text, {6, 3, ' ', false}) == "aaaaaaaaaa   b\nno tabs here\nc     d\n");
  // RememberWidths (cli-runtime's flag): the later block is at least as wide.
  CHECK(tabwrite(text) == "aaaaaaaaaa   b\nno tabs here\nc            d\n");
}

TEST_CASE("tabwriter: ragged rows, last cell never padded, no trailing newline kept as is") {
  CHECK(tabwrite("a\tb\tc\nd\te\n") == "a     b     c\nd     e\n");
  CHECK(tabwrite("x\ty") == "x     y");
  CHECK(tabwrite("") == "");
  // Column 1 exists only on the first line: it forms a one-line block.
  CHECK(tabwrite("a\tlonger-cell\tz\nb\tc\n") == "a     longer-cell   z\nb     c\n");
}

TEST_CASE("tabwriter: get nodes table layout (G01)") {
  const std::string text =
      "NAME\tSTATUS\tROLES\tAGE\tVERSION\n"
      "ip-192-168-10-21.us-west-2.compute.internal\tReady\t<none>\t3d5h\tv1.30.4-eks-a737599\n"
      "ip-192-168-45-7.us-west-2.compute.internal\tReady,SchedulingDisabled\tinfra,worker\t47h\tv1.30.4-eks-a737599\n";
  const std::string expected =
      "NAME                                          STATUS                     ROLES          AGE    VERSION\n"
      "ip-192-168-10-21.us-west-2.compute.internal   Ready                      <none>         3d5h   v1.30.4-eks-a737599\n"
      "ip-192-168-45-7.us-west-2.compute.internal    Ready,SchedulingDisabled   infra,worker   47h    v1.30.4-eks-a737599\n";
  CHECK(tabwrite(text) == expected);
}
