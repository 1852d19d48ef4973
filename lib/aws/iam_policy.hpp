// What an IAM policy document says about one action on one resource, as far as the doctor needs it:
// does some statement allow it, does some statement deny it. IAM's evaluation logic, reduced to the
// statement elements (Effect, Action/NotAction, Resource/NotResource; a Condition is noted, not
// evaluated): https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html
// Action names match case-insensitively with `*` and `?` wildcards; resources case-sensitively.
// Pure: the document's text in, a verdict out.
#pragma once

#include <string>
#include <string_view>

#include "lib/util/result.hpp"

namespace eks {

struct PolicyVerdict {
  bool allows = false;              // an Allow statement matches
  bool denies = false;              // a Deny statement matches
  bool allow_conditional = false;   // every matching Allow has a Condition
  bool deny_conditional = false;    // every matching Deny has a Condition
};

// `document` is the policy JSON ({"Version", "Statement": [...] or {...}}).
[[nodiscard]] Result<PolicyVerdict> evaluate_policy(std::string_view document, std::string_view action,
                                                    std::string_view resource);

// The document without its Deny statements that match (action, resource), as compact JSON (the
// other statements kept in their order): the inline policy to put back when a Deny blocks `action`.
[[nodiscard]] Result<std::string> policy_without_denies(std::string_view document, std::string_view action,
                                                        std::string_view resource);

// IAM's wildcard match: `*` any run of characters, `?` one character.
[[nodiscard]] bool iam_wildcard_match(std::string_view pattern, std::string_view text, bool ignore_case);

}  // namespace eks
