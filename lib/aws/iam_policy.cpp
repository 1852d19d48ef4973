#include "lib/aws/iam_policy.hpp"

#include <nlohmann/json.hpp>

#include <cctype>
#include <vector>

namespace eks {
namespace {

using nlohmann::json;

std::vector<std::string> string_or_list(const json& v) {
  std::vector<std::string> out;
  if (v.is_string()) {
    out.push_back(v.get<std::string>());
  } else if (v.is_array()) {
    for (const auto& e : v) {
      if (e.is_string()) {
        out.push_back(e.get<std::string>());
      }
    }
  }
  return out;
}

bool any_match(const std::vector<std::string>& patterns, std::string_view text, bool ignore_case) {
  for (const auto& p : patterns) {
    if (iam_wildcard_match(p, text, ignore_case)) {
      return true;
    }
  }
  return false;
}

// Whether the statement's Action/NotAction and Resource/NotResource cover (action, resource).
bool statement_matches(const json& st, std::string_view action, std::string_view resource) {
  bool action_ok = false;
  if (st.contains("Action")) {
    action_ok = any_match(string_or_list(st["Action"]), action, true);
  } else if (st.contains("NotAction")) {
    action_ok = !any_match(string_or_list(st["NotAction"]), action, true);
  }
  if (!action_ok) {
    return false;
  }
  if (st.contains("Resource")) {
    return any_match(string_or_list(st["Resource"]), resource, false);
  }
  if (st.contains("NotResource")) {
    return !any_match(string_or_list(st["NotResource"]), resource, false);
  }
  return false;  // a statement without Resource is invalid in an identity policy
}

}  // namespace

bool iam_wildcard_match(std::string_view pattern, std::string_view text, bool ignore_case) {
  auto eq = [ignore_case](char a, char b) {
    return ignore_case ? std::tolower(static_cast<unsigned char>(a)) == std::tolower(static_cast<unsigned char>(b))
                       : a == b;
  };
  // Iterative glob with backtracking to the last '*'.
  size_t p = 0;
  size_t t = 0;
  size_t star = std::string_view::npos;
  size_t mark = 0;
  while (t < text.size()) {
    if (p < pattern.size() && (pattern[p] == '?' || (pattern[p] != '*' && eq(pattern[p], text[t])))) {
      ++p;
      ++t;
    } else if (p < pattern.size() && pattern[p] == '*') {
      star = p++;
      mark = t;
    } else if (star != std::string_view::npos) {
      p = star + 1;
      t = ++mark;
    } else {
      return false;
    }
  }
  while (p < pattern.size() && pattern[p] == '*') {
    ++p;
  }
  return p == pattern.size();
}

namespace {

// The document and its statements (a single statement object becomes a list of one).
Result<std::pair<json, json>> parse_document(std::string_view document) {
  json doc;
  try {
    doc = json::parse(document);
  } catch (const json::exception&) {
    return make_error(ErrorKind::general, "the policy document is not JSON");
  }
  if (!doc.is_object() || !doc.contains("Statement")) {
    return make_error(ErrorKind::general, "the policy document has no \"Statement\"");
  }
  json statements = doc["Statement"];
  if (statements.is_object()) {
    statements = json::array({statements});
  }
  if (!statements.is_array()) {
    return make_error(ErrorKind::general, "the policy document's \"Statement\" is not a list");
  }
  return std::make_pair(std::move(doc), std::move(statements));
}

}  // namespace

Result<std::string> policy_without_denies(std::string_view document, std::string_view action,
                                          std::string_view resource) {
  TRY_ASSIGN(auto parsed, parse_document(document));
  auto& [doc, statements] = parsed;
  json kept = json::array();
  for (const auto& st : statements) {
    if (!(st.is_object() && st.value("Effect", "") == "Deny" && statement_matches(st, action, resource))) {
      kept.push_back(st);
    }
  }
  doc["Statement"] = kept;
  return doc.dump();
}

Result<PolicyVerdict> evaluate_policy(std::string_view document, std::string_view action, std::string_view resource) {
  TRY_ASSIGN(auto parsed, parse_document(document));
  const json& statements = parsed.second;
  PolicyVerdict v;
  bool unconditional_allow = false;
  bool unconditional_deny = false;
  for (const auto& st : statements) {
    if (!st.is_object() || !statement_matches(st, action, resource)) {
      continue;
    }
    const bool conditional = st.contains("Condition");
    const std::string effect = st.value("Effect", "");
    if (effect == "Allow") {
      v.allows = true;
      unconditional_allow = unconditional_allow || !conditional;
    } else if (effect == "Deny") {
      v.denies = true;
      unconditional_deny = unconditional_deny || !conditional;
    }
  }
  v.allow_conditional = v.allows && !unconditional_allow;
  v.deny_conditional = v.denies && !unconditional_deny;
  return v;
}

}  // namespace eks
