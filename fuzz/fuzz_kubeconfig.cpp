// parse_kubeconfig on arbitrary bytes, then what `contexts` does with a parsed file: select every
// context and build its row (list_contexts, context_to_json, context_rows). Never crashes; an error
// always names the file.
#include <string>

#include "fuzz/fuzz_common.hpp"
#include "lib/session/contexts_view.hpp"
#include "lib/kube/kubeconfig.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace eks;
  const auto parsed = parse_kubeconfig(fuzz::text_of(data, size), "/fuzz/dir/config");
  if (!parsed) {
    fuzz::require(parsed.error().message.find("/fuzz/dir/config") != std::string::npos,
                  "a kubeconfig error names the file");
    return 0;
  }
  Kubeconfig merged;
  merge_kubeconfig(merged, *parsed);
  for (const auto& [name, context] : merged.contexts) {
    (void)select_context(merged, name);
  }
  (void)select_context(merged, "");
  const Env env(std::map<std::string, std::string>{{"AWS_PROFILE", "from-env"}});
  const auto entries = list_contexts(merged, env);
  for (const auto& entry : entries) {
    (void)context_to_json(entry).dump();
  }
  (void)context_rows(entries, false);
  return 0;
}
