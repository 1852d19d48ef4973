#include "lib/doctor/output.hpp"

#include <fmt/format.h>

#include "lib/formats/tabwriter.hpp"

namespace eks {
namespace {

constexpr int k_id_width = 19;  // "api-authenticated" + 2

const char* mark(CheckStatus s) {
  switch (s) {
    case CheckStatus::pass: return "✓";
    case CheckStatus::warn: return "!";
    case CheckStatus::fail: return "✗";
    case CheckStatus::skip: return "–";
  }
  return "–";
}

const char* colour(CheckStatus s) {
  switch (s) {
    case CheckStatus::pass: return "\033[32m";
    case CheckStatus::warn: return "\033[33m";
    case CheckStatus::fail: return "\033[31m";
    case CheckStatus::skip: return "\033[2m";
  }
  return "";
}

std::string full_detail(const Finding& f) {
  std::string text = f.summary;
  for (const auto& line : f.detail) {
    text += "\n" + line;
  }
  return text;
}

std::string verdict_word(const DoctorReport& r) {
  if (!r.ok) {
    return fmt::format("fail (exit {})", r.exit_code);
  }
  const int warnings = r.count(CheckStatus::warn);
  return warnings == 0 ? std::string("ok") : fmt::format("ok ({} warning{})", warnings, warnings == 1 ? "" : "s");
}

std::string md_cell(std::string_view text) {
  std::string out;
  for (const char c : text) {
    if (c == '|') {
      out += "\\|";
    } else if (c == '\n') {
      out += "<br>";
    } else {
      out += c;
    }
  }
  return out;
}

const char* md_mark(CheckStatus s) {
  switch (s) {
    case CheckStatus::pass: return "✅";
    case CheckStatus::warn: return "⚠️";
    case CheckStatus::fail: return "❌";
    case CheckStatus::skip: return "⏭️";
  }
  return "";
}

}  // namespace

nlohmann::ordered_json report_json(const DoctorReport& report) {
  nlohmann::ordered_json checks = nlohmann::ordered_json::array();
  for (const auto& f : report.checks) {
    nlohmann::ordered_json c = {{"id", f.id},
                                {"step", f.step},
                                {"title", f.title},
                                {"status", check_status_name(f.status)},
                                {"detail", full_detail(f)},
                                {"fix", f.fix},
                                {"summary", f.summary},
                                {"notes", f.detail}};
    if (f.status == CheckStatus::fail) {
      c["error"] = kind_name(f.kind);
      c["exitCode"] = exit_code_for(f.kind);
    }
    if (f.login) {
      c["action"] = nlohmann::ordered_json::parse(login_required_json(*f.login)["action"].dump());
      c["reason"] = login_reason_name(f.login->reason);
    }
    checks.push_back(std::move(c));
  }
  nlohmann::ordered_json j = {
      {"context", report.context}, {"ok", report.ok}, {"exitCode", report.exit_code}, {"checks", checks}};
  return j;
}

std::string verdict_line(const DoctorReport& r) {
  const int warnings = r.count(CheckStatus::warn);
  if (const Finding* f = r.first_failure()) {
    return fmt::format("✗ EKS SSO access is broken at {} (guide step {}): exit {}", f->id, f->step, r.exit_code);
  }
  if (!r.not_sso.empty()) {
    // Access works, but the credentials are not AWS SSO's: never call that "EKS SSO access works".
    return fmt::format("! EKS access works, but not through AWS SSO: the credentials are {}{}", r.not_sso,
                       warnings > 0 ? fmt::format(" ({} warning{})", warnings, warnings == 1 ? "" : "s") : "");
  }
  if (warnings > 0) {
    return fmt::format("✓ EKS SSO access works, with {} warning{}", warnings, warnings == 1 ? "" : "s");
  }
  const int passed = r.count(CheckStatus::pass);
  return fmt::format("✓ EKS SSO access works: {} check{} passed{}", passed, passed == 1 ? "" : "s",
                     r.count(CheckStatus::skip) > 0 ? fmt::format(", {} skipped", r.count(CheckStatus::skip)) : "");
}

const Finding* login_outcome(const DoctorReport& report) {
  const Finding* f = report.first_failure();
  return f != nullptr && f->login ? f : nullptr;
}

void render_checklist(std::ostream& out, const DoctorReport& report, bool color, bool login_below) {
  const char* bold = color ? "\033[1m" : "";
  const char* reset = color ? "\033[0m" : "";
  out << bold << "eks-sso doctor: context \"" << report.context << "\"" << reset << '\n';
  int step = -1;
  // The login action is printed once: the checks after the first that needs the same login refer
  // to it, and with login_below all of them refer to the login-required block that follows.
  const Finding* below = login_below ? login_outcome(report) : nullptr;
  const Finding* shown = nullptr;
  for (const auto& f : report.checks) {
    if (f.step != step) {
      step = f.step;
      out << '\n' << bold << "Step " << step << " · " << guide_step_title(step) << reset << '\n';
    }
    const std::string id =
        f.id + std::string(static_cast<size_t>(std::max<int>(1, k_id_width - static_cast<int>(f.id.size()))), ' ');
    out << "  " << (color ? colour(f.status) : "") << mark(f.status) << ' ' << id << reset << f.summary << '\n';
    for (const auto& line : f.detail) {
      out << "      " << line << '\n';
    }
    if (f.fix.empty()) {
      continue;
    }
    if (f.login && below != nullptr && f.fix == below->fix) {
      out << "      " << bold << "→ Login with AWS SSO:" << reset << " see the login action below\n";
      continue;
    }
    if (f.login && shown != nullptr && f.fix == shown->fix) {
      out << "      " << bold << "→ Login with AWS SSO:" << reset << " see the login action above (" << shown->id
          << ")\n";
      continue;
    }
    shown = f.login && shown == nullptr ? &f : shown;
    out << "      " << bold << (f.login ? "→ Login with AWS SSO:" : "→ fix:") << reset << '\n';
    for (const auto& cmd : f.fix) {
      out << "        " << cmd << '\n';
    }
  }
  const bool failed = !report.ok;
  const CheckStatus verdict = failed                    ? CheckStatus::fail
                              : !report.not_sso.empty() ? CheckStatus::warn
                                                        : CheckStatus::pass;
  out << '\n' << (color ? colour(verdict) : "") << verdict_line(report) << reset << '\n';
}

std::string summary_table(const std::vector<DoctorReport>& reports) {
  std::string text = "CONTEXT\tVERDICT\tFIRST FAILING CHECK\n";
  for (const auto& r : reports) {
    const Finding* f = r.first_failure();
    text += fmt::format("{}\t{}\t{}\n", r.context.empty() ? "<none>" : r.context, verdict_word(r),
                        f != nullptr ? f->id : "-");
  }
  return tabwrite(text);
}

std::string xml_escape(std::string_view text) {
  std::string out;
  for (const char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    switch (ch) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&apos;"; break;
      default:
        if (c >= 0x20 || ch == '\t' || ch == '\n' || ch == '\r') {
          out += ch;
        }
    }
  }
  return out;
}

std::string render_junit(const std::vector<DoctorReport>& reports) {
  auto seconds = [](std::chrono::milliseconds ms) {
    return fmt::format("{:.3f}", static_cast<double>(ms.count()) / 1000.0);
  };
  int tests = 0;
  int failures = 0;
  int skipped = 0;
  std::chrono::milliseconds total{0};
  std::string suites;
  for (const auto& r : reports) {
    std::chrono::milliseconds time{0};
    std::string cases;
    for (const auto& f : r.checks) {
      time += f.elapsed;
      cases += fmt::format("    <testcase classname=\"eks-sso.doctor\" name=\"{}: {}\" time=\"{}\"", xml_escape(f.id),
                           xml_escape(f.title), seconds(f.elapsed));
      std::string body;
      if (f.status == CheckStatus::fail) {
        std::string text = full_detail(f);
        if (!f.fix.empty()) {
          text += "\nfix:";
          for (const auto& cmd : f.fix) {
            text += "\n  " + cmd;
          }
        }
        const std::string message = f.fix.empty() ? f.summary : f.summary + " | fix: " + f.fix.front();
        body += fmt::format("      <failure message=\"{}\" type=\"{}\">{}</failure>\n", xml_escape(message),
                            kind_name(f.kind), xml_escape(text));
      } else if (f.status == CheckStatus::skip) {
        body += fmt::format("      <skipped message=\"{}\"/>\n", xml_escape(f.summary));
      } else {
        body += fmt::format("      <system-out>{}{}</system-out>\n", f.status == CheckStatus::warn ? "warning: " : "",
                            xml_escape(full_detail(f)));
      }
      cases += ">\n" + body + "    </testcase>\n";
    }
    const int t = static_cast<int>(r.checks.size());
    const int fl = r.count(CheckStatus::fail);
    const int sk = r.count(CheckStatus::skip);
    suites += fmt::format(
        "  <testsuite name=\"{}\" tests=\"{}\" failures=\"{}\" errors=\"0\" skipped=\"{}\" time=\"{}\">\n{}  "
        "</testsuite>\n",
        xml_escape(r.context.empty() ? "eks-sso doctor" : r.context), t, fl, sk, seconds(time), cases);
    tests += t;
    failures += fl;
    skipped += sk;
    total += time;
  }
  return fmt::format(
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"eks-sso doctor\" tests=\"{}\" "
      "failures=\"{}\" errors=\"0\" skipped=\"{}\" time=\"{}\">\n{}</testsuites>\n",
      tests, failures, skipped, seconds(total), suites);
}

std::string render_markdown(const std::vector<DoctorReport>& reports) {
  std::string out;
  if (reports.size() > 1) {
    out += "## eks-sso doctor\n\n| Context | Verdict | First failing check |\n|---|---|---|\n";
    for (const auto& r : reports) {
      const Finding* f = r.first_failure();
      out += fmt::format("| `{}` | {} {} | {} |\n", md_cell(r.context), r.ok ? "✅" : "❌", verdict_word(r),
                         f != nullptr ? "`" + f->id + "`" : "");
    }
    out += "\n";
  }
  for (const auto& r : reports) {
    out += fmt::format("{} eks-sso doctor: `{}` {} {}\n\n", reports.size() > 1 ? "###" : "##", md_cell(r.context),
                       r.ok ? "✅" : "❌", md_cell(verdict_line(r).substr(verdict_line(r).find(' ') + 1)));
    out += "| | Check | Step | Result |\n|---|---|---|---|\n";
    for (const auto& f : r.checks) {
      out += fmt::format("| {} | `{}` | {} | {} |\n", md_mark(f.status), f.id, f.step, md_cell(f.summary));
    }
    for (const auto& f : r.checks) {
      if (f.status != CheckStatus::fail && !(f.status == CheckStatus::warn && !f.fix.empty())) {
        continue;
      }
      out += fmt::format("\n**{}** `{}`{}:\n", f.status == CheckStatus::fail ? "Fix" : "Suggested", f.id,
                         f.status == CheckStatus::fail ? fmt::format(" (exit {})", exit_code_for(f.kind)) : "");
      for (const auto& line : f.detail) {
        out += "- " + md_cell(line) + "\n";
      }
      if (!f.fix.empty()) {
        out += "\n```sh\n";
        for (const auto& cmd : f.fix) {
          out += cmd + "\n";
        }
        out += "```\n";
      }
    }
    out += "\n";
  }
  return out;
}

}  // namespace eks
