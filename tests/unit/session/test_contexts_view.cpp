#include <doctest/doctest.h>

#include "lib/session/contexts_view.hpp"
#include "support/kube_test_support.hpp"

using eks::Env;
using eks::test::aws_user;

TEST_CASE("contexts view: rows sorted by name, kubectl's first five columns, JSON shape") {
  eks::Kubeconfig cfg;
  cfg.current_context = "b";
  cfg.clusters["c"] = eks::Cluster{"c", "https://s", "", "", false, "", "", false, {}, "/k"};
  cfg.users["u"] = aws_user({"eks", "get-token", "--cluster-name", "demo"}, {{"AWS_PROFILE", "p"}});
  cfg.contexts["b"] = eks::Context{"b", "c", "u", "", "/k"};
  cfg.contexts["a"] = eks::Context{"a", "c", "missing-user", "ns", "/k"};
  const auto entries = eks::list_contexts(cfg, Env());
  REQUIRE(entries.size() == 2);
  CHECK(entries[0].name == "a");
  CHECK_FALSE(entries[0].current);
  CHECK(entries[0].sso.state == "not-sso");
  CHECK(entries[1].current);
  CHECK(entries[1].auth.profile == "p");
  const auto rows = eks::context_rows(entries, false);
  REQUIRE(rows.size() == 3);
  CHECK(rows[0][0] == "CURRENT");
  CHECK(rows[2][0] == "*");
  CHECK(rows[2][1] == "b");
  const auto j = eks::context_to_json(entries[1]);
  CHECK(j["current"] == true);
  CHECK(j["auth"]["type"] == "exec");
  CHECK(j["auth"]["profile"] == "p");
  CHECK(j["auth"]["clusterName"] == "demo");
  CHECK(j["server"] == "https://s");
  CHECK(j["sso"]["state"] == "unknown");
}
