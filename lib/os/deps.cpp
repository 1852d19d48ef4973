#include "lib/os/deps.hpp"

namespace eks {

bool decide_color(const Env& env, bool stream_is_tty, bool no_color_flag) {
  if (no_color_flag || !stream_is_tty) {
    return false;
  }
  if (env.get("NO_COLOR").has_value() || env.get_or_empty("TERM") == "dumb") {
    return false;
  }
  const std::string ci = env.get_or_empty("CI");
  return ci.empty() || ci == "false" || ci == "0";
}

bool decide_progress(const Env& env, bool stderr_is_tty, std::string_view output_format, int verbosity) {
  if (!stderr_is_tty || verbosity > 0 || (output_format != "table" && output_format != "wide")) {
    return false;
  }
  if (env.get_or_empty("TERM") == "dumb") {
    return false;
  }
  const std::string ci = env.get_or_empty("CI");
  return ci.empty() || ci == "false" || ci == "0";
}

}  // namespace eks
