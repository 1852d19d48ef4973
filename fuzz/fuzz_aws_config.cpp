// ~/.aws/config and ~/.aws/credentials: the input is split at the first NUL byte into the config
// text and the credentials text; each is parsed, the model built, and every profile (plus one
// that does not exist) resolved as `contexts` and doctor do.
#include <string>

#include "fuzz/fuzz_common.hpp"
#include "lib/aws/config.hpp"
#include "lib/aws/sso_config.hpp"
#include "lib/aws/sso_cache.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace eks;
  const std::string_view text = fuzz::text_of(data, size);
  const std::size_t nul = text.find('\0');
  const std::string_view config_text = text.substr(0, nul);
  const std::string_view credentials_text = nul == std::string_view::npos ? "" : text.substr(nul + 1);
  const auto config = parse_aws_ini(config_text, "/fuzz/.aws/config", FileKind::config);
  const auto credentials = parse_aws_ini(credentials_text, "/fuzz/.aws/credentials", FileKind::credentials);
  if (!config || !credentials) {
    const Error& e = !config ? config.error() : credentials.error();
    fuzz::require(e.message.find("/fuzz/.aws/") != std::string::npos, "an AWS config error names the file");
    return 0;
  }
  const AwsConfig model = build_aws_config(*config, *credentials);
  auto analyse = [&](std::string_view profile) {
    const ProfileAnalysis a = resolve_sso(profile, model);
    (void)a.has_error();
    if (a.sso) {
      (void)sso_token_path("/fuzz/home", *a.sso);
      (void)role_credentials_path("/fuzz/home", *a.sso);
    }
  };
  for (const auto& [name, profile] : model.profiles) {
    analyse(name);
  }
  analyse("not-in-the-file");
  (void)shlex_split(config_text);
  return 0;
}
