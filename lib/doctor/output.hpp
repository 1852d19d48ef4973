// Rendering doctor reports (lib/doctor/findings.hpp); the checks never print.
//   table     the human checklist, grouped by guide step: ✓ pass, ! warn, ✗ fail, – skip, details
//             indented, fixes as copy-pasteable commands, then a one-line verdict
//   json      the contract's object {"context","ok","exitCode","checks":[{"id","step","title",
//             "status","detail","fix"}]} (plus "summary", "notes", "error", "action")
//   junit     JUnit XML: one <testsuite> per context, one <testcase> per check, <failure> with the
//             fix, <skipped/> for skipped checks (what GitLab and Jenkins read)
//   markdown  a table per context for GitHub's job summary ($GITHUB_STEP_SUMMARY)
#pragma once

#include <nlohmann/json.hpp>
#include <ostream>
#include <string>
#include <vector>

#include "lib/doctor/findings.hpp"

namespace eks {

// In the contract's key order.
[[nodiscard]] nlohmann::ordered_json report_json(const DoctorReport& report);

// The checklist of one context. `color`: ANSI colours (only when the stream is a terminal).
// The login action is printed once per report; `login_below`: the caller prints the
// login-required block of login_outcome() after it, so the checklist refers to that instead.
void render_checklist(std::ostream& out, const DoctorReport& report, bool color, bool login_below = false);

// The first failed check when it is a login-required outcome (the report's exit 3), else nullptr.
[[nodiscard]] const Finding* login_outcome(const DoctorReport& report);

// "✓ EKS SSO access works: all 10 checks passed", "✗ ... broken at X (guide step N): exit C".
[[nodiscard]] std::string verdict_line(const DoctorReport& report);

// Several contexts: CONTEXT, VERDICT, FIRST FAILING CHECK (kubectl's tabwriter layout).
[[nodiscard]] std::string summary_table(const std::vector<DoctorReport>& reports);

[[nodiscard]] std::string render_junit(const std::vector<DoctorReport>& reports);
[[nodiscard]] std::string render_markdown(const std::vector<DoctorReport>& reports);

// XML attribute/text escaping (& < > " ' and control characters other than \t \n \r dropped).
[[nodiscard]] std::string xml_escape(std::string_view text);

}  // namespace eks
