// Test support: reading the byte-exact stdout of a kubectl transcript. The transcripts the tests
// use are copied from docs/spec/transcripts/kube (copied into tests/data/transcripts/kube) into tests/data/transcripts/kube, so a clone
// of this repository alone runs them.
#pragma once

#include <cstdlib>
#include <string>

#include "support/tls_server.hpp"

namespace eks::test {

// The "## stdout (N bytes)" section of a transcript, exactly N bytes.
inline std::string transcript_stdout(const std::string& name) {
  const std::string text = read_text_file(std::string(EKS_SSO_TEST_DATA_DIR) + "/transcripts/kube/" + name);
  const std::string marker = "## stdout (";
  const auto start = text.find(marker);
  if (start == std::string::npos) {
    return "";
  }
  const auto count_end = text.find(" bytes)\n", start);
  const size_t count = std::strtoul(text.c_str() + start + marker.size(), nullptr, 10);
  return text.substr(count_end + 8, count);
}

// Drops the "rc=N\n" lines the transcript's shell added to stdout.
inline std::string without_rc_lines(const std::string& text) {
  std::string out;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t end = text.find('\n', pos);
    end = end == std::string::npos ? text.size() : end + 1;
    const std::string line = text.substr(pos, end - pos);
    if (!line.starts_with("rc=")) {
      out += line;
    }
    pos = end;
  }
  return out;
}

}  // namespace eks::test
