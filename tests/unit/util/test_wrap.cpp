// Prose wrapped to the terminal (issue 16, polish): at spaces only, by display width, commands
// never broken, hanging under a label column.
#include <doctest/doctest.h>

#include "lib/util/wrap.hpp"

namespace eks {
namespace {

TEST_CASE("wrap: display width ignores colour and counts runes") {
  CHECK(text_columns("abc") == 3);
  CHECK(text_columns("\033[32m✓\033[0m ok") == 4);
  CHECK(text_columns("café") == 4);
  CHECK(text_columns("") == 0);
}

TEST_CASE("wrap: command lines") {
  for (const char* yes : {"aws sso login --profile p", "eks-sso login --context prod", "kubectl get nodes",
                          "AWS_PROFILE=prod eks-sso doctor", "$ eks-sso doctor", "eksctl create iamidentitymapping"}) {
    CHECK_MESSAGE(looks_like_command(yes), yes);
  }
  for (const char* no : {"check the network", "awsome", "=x", "profile \"p\": expired", ""}) {
    CHECK_MESSAGE(!looks_like_command(no), no);
  }
}

TEST_CASE("wrap: a line at spaces, continuation lines hanging") {
  CHECK(wrap_line("short", 20, 2) == "short");
  CHECK(wrap_line("one two three four five", 0, 2) == "one two three four five");  // 0: never
  CHECK(wrap_line("  one two three four five", 13, 4) == "  one two\n    three\n    four five");
  // A word wider than the room overflows on a line of its own; it is never split.
  CHECK(wrap_line("see /a/very/long/path/name/that/does/not/fit here", 20, 2) ==
        "see\n  /a/very/long/path/name/that/does/not/fit\n  here");
  // Quoted runs stay whole: a command in a sentence is not broken.
  CHECK(wrap_line("then run 'aws sso login --profile p' again", 20, 0) ==
        "then run\n'aws sso login --profile p'\nagain");
  CHECK(wrap_line("use `eks-sso login --context x`, then retry", 24, 0) ==
        "use\n`eks-sso login --context x`,\nthen retry");
  // An apostrophe inside a word opens nothing.
  CHECK(wrap_line("the profile's token isn't valid now", 18, 0) == "the profile's\ntoken isn't valid\nnow");
  // Colour takes no room.
  CHECK(wrap_line("\033[1mab\033[0m cd ef", 5, 0) == "\033[1mab\033[0m cd\nef");
}

TEST_CASE("wrap: prose blocks keep commands whole and hang under label columns") {
  // doctor's check line: continuation under the summary column
  CHECK(wrap_prose("  ✓ context            context \"a\": cluster \"b\" at https://127.0.0.1:1, user \"c\"\n", 60) ==
        "  ✓ context            context \"a\": cluster \"b\" at\n"
        "                       https://127.0.0.1:1, user \"c\"\n");
  // a fix command longer than the terminal stays on its own line, whole
  const std::string fix =
      "        aws eks create-access-entry --cluster-name sandbox-eks --principal-arn arn:aws:iam::1:role/x\n";
  CHECK(wrap_prose(fix, 60) == fix);
  // the login action: the command moves to its own line instead of being broken
  CHECK(wrap_prose("  → Login with AWS SSO:  eks-sso login --context arn:aws:eks:us-east-1:111122223333:cluster/x\n",
                   60) ==
        "  → Login with AWS SSO:\n      eks-sso login --context arn:aws:eks:us-east-1:111122223333:cluster/x\n");
  // in colour (bold label, reset after the colon)
  CHECK(wrap_prose("  \033[1m→ Login with AWS SSO:\033[0m  eks-sso login --context sandbox-admin-with-a-long-name\n", 60) ==
        "  \033[1m→ Login with AWS SSO:\033[0m\n      eks-sso login --context sandbox-admin-with-a-long-name\n");
  CHECK(wrap_prose("    (runs: aws sso login --profile a-very-long-profile-name-that-goes-on-and-on)\n", 60) ==
        "    (runs:\n        aws sso login --profile a-very-long-profile-name-that-goes-on-and-on)\n");
  // a one-word label is a sentence's start, not a label: "error: eks-sso login needs ..." wraps as prose
  CHECK(wrap_prose("error: eks-sso login needs a terminal: CI is set, and aws sso login would wait\n", 40) ==
        "error: eks-sso login needs a terminal:\n  CI is set, and aws sso login would\n  wait\n");
  // a hint "<what to do>: <command>" keeps its command whole
  CHECK(wrap_prose("  or print the URL and code instead (it still waits): eks-sso login --no-browser\n", 50) ==
        "  or print the URL and code instead (it still\n    waits):\n      eks-sso login --no-browser\n");
  // plain prose hangs at its indent + 2
  CHECK(wrap_prose("  profile \"p\": the SSO token expired 2h ago (2026-11-29T14:08:49Z)\n", 40) ==
        "  profile \"p\": the SSO token expired 2h\n    ago (2026-11-29T14:08:49Z)\n");
  // lines that fit, and width 0, are unchanged; no newline added at the end
  CHECK(wrap_prose("a\nb", 1) == "a\nb");
  CHECK(wrap_prose("x y z w", 0) == "x y z w");
}

}  // namespace
}  // namespace eks
