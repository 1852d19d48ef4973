// The AWS CLI version remembered per binary (issue 16, defect 2): a hit only for the same path,
// mtime and size; a changed binary, a corrupt file or a folder open to others is a miss.
#include <doctest/doctest.h>

#include <sys/stat.h>

#include <fstream>

#include "lib/aws/cli_version_cache.hpp"
#include "support/temp_dir.hpp"

namespace eks {
namespace {

using eks::test::TempDir;

struct Fixture {
  TempDir tmp;
  std::filesystem::path dir = tmp.path() / "cache";
  std::filesystem::path aws = tmp.write("bin/aws", "#!/bin/sh\necho aws-cli/2.15.0\n");
  Fixture() {
    std::filesystem::create_directory(dir);
    std::filesystem::permissions(dir, std::filesystem::perms::owner_all);
  }
};

TEST_CASE("cli version cache: remembered for the same binary, forgotten when it changes") {
  Fixture f;
  const auto stamp = binary_stamp(f.aws);
  REQUIRE(stamp);
  CHECK(stamp->path == std::filesystem::canonical(f.aws).string());
  CHECK(stamp->size == static_cast<long long>(std::filesystem::file_size(f.aws)));
  CHECK_FALSE(remembered_cli_version(f.dir, *stamp));
  remember_cli_version(f.dir, *stamp, AwsCliVersion{2, 15, 0});
  const auto hit = remembered_cli_version(f.dir, *stamp);
  REQUIRE(hit);
  CHECK(hit->to_string() == "2.15.0");
  // the file is ours and closed to others
  struct stat st {};
  REQUIRE(::stat((f.dir / "aws-cli-versions.memo").c_str(), &st) == 0);
  CHECK((st.st_mode & 0777) == 0600);

  SUBCASE("a symlink to it is the same binary") {
    std::filesystem::create_symlink(f.aws, f.tmp.path() / "aws-link");
    const auto via_link = binary_stamp(f.tmp.path() / "aws-link");
    REQUIRE(via_link);
    CHECK(via_link->path == stamp->path);
    CHECK(remembered_cli_version(f.dir, *via_link));
  }
  SUBCASE("a new mtime (an upgrade in place) is asked again") {
    BinaryStamp touched = *stamp;
    touched.mtime_ns += 1;
    CHECK_FALSE(remembered_cli_version(f.dir, touched));
  }
  SUBCASE("another size is asked again") {
    BinaryStamp grown = *stamp;
    grown.size += 1;
    CHECK_FALSE(remembered_cli_version(f.dir, grown));
  }
  SUBCASE("other binaries keep their entries") {
    const auto v1 = f.tmp.write("bin1/aws", "#!/bin/sh\necho aws-cli/1.45.11\n");
    remember_cli_version(f.dir, *binary_stamp(v1), AwsCliVersion{1, 45, 11});
    CHECK(remembered_cli_version(f.dir, *binary_stamp(v1))->to_string() == "1.45.11");
    CHECK(remembered_cli_version(f.dir, *stamp)->to_string() == "2.15.0");
  }
  SUBCASE("a corrupt file is ignored, then replaced") {
    for (const char* text : {"{not json", "[]", R"({"X": 1})", "null"}) {
      std::ofstream(f.dir / "aws-cli-versions.memo", std::ios::trunc) << text;
      CHECK_FALSE(remembered_cli_version(f.dir, *stamp));
    }
    std::ofstream(f.dir / "aws-cli-versions.memo", std::ios::trunc)
        << R"({")" << stamp->path << R"(": {"mtimeNs": "x", "size": )" << stamp->size << R"(, "version": "2.15.0"}})";
    CHECK_FALSE(remembered_cli_version(f.dir, *stamp));
    std::ofstream(f.dir / "aws-cli-versions.memo", std::ios::trunc)
        << R"({")" << stamp->path << R"(": {"mtimeNs": )" << stamp->mtime_ns << R"(, "size": )" << stamp->size << R"(, "version": "two"}})";
    CHECK_FALSE(remembered_cli_version(f.dir, *stamp));
    remember_cli_version(f.dir, *stamp, AwsCliVersion{2, 16, 1});
    CHECK(remembered_cli_version(f.dir, *stamp)->to_string() == "2.16.1");
  }
  SUBCASE("a folder open to others is not trusted, nor written") {
    std::filesystem::permissions(f.dir, std::filesystem::perms::others_write, std::filesystem::perm_options::add);
    CHECK_FALSE(remembered_cli_version(f.dir, *stamp));
  }
}

TEST_CASE("cli version cache: never creates the folder; a missing binary has no stamp") {
  TempDir tmp;
  const auto aws = tmp.write("aws", "x");
  remember_cli_version(tmp.path() / "absent", *binary_stamp(aws), AwsCliVersion{2, 1, 0});
  CHECK_FALSE(std::filesystem::exists(tmp.path() / "absent"));
  CHECK_FALSE(binary_stamp(tmp.path() / "nope"));
  CHECK_FALSE(binary_stamp(tmp.path()));  // a directory is not a binary
}

}  // namespace
}  // namespace eks

namespace eks {
namespace {

TEST_CASE("cli version cache: forget_cli_versions removes the file (cache clear)") {
  Fixture f;
  const auto stamp = binary_stamp(f.aws);
  remember_cli_version(f.dir, *stamp, AwsCliVersion{2, 15, 0});
  REQUIRE(std::filesystem::exists(f.dir / "aws-cli-versions.memo"));
  forget_cli_versions(f.dir);
  CHECK_FALSE(std::filesystem::exists(f.dir / "aws-cli-versions.memo"));
  CHECK_FALSE(remembered_cli_version(f.dir, *stamp));
  forget_cli_versions(f.dir);  // missing is fine
  forget_cli_versions(f.tmp.path() / "absent");
}

}  // namespace
}  // namespace eks
