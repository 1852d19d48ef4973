// TEMPORARY placeholder until the Go-tabwriter port lands (wip-kube).
#pragma once
#include <string>
#include <vector>
namespace eks {
inline std::string tabwrite_rows(const std::vector<std::vector<std::string>>& rows) {
  std::vector<size_t> w;
  for (const auto& r : rows) {
    for (size_t i = 0; i + 1 < r.size(); ++i) {
      if (w.size() <= i) w.push_back(0);
      w[i] = std::max(w[i], r[i].size());
    }
  }
  std::string out;
  for (const auto& r : rows) {
    for (size_t i = 0; i < r.size(); ++i) {
      out += r[i];
      if (i + 1 < r.size()) out.append(std::max<size_t>(6, w[i] + 3) - r[i].size(), ' ');
    }
    out += '\n';
  }
  return out;
}
}  // namespace eks
