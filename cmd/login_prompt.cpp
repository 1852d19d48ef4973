#include "cmd/login_prompt.hpp"

#include <cctype>
#include <string>

#include "cmd/commands.hpp"
#include "lib/util/error.hpp"
#include "lib/util/strings.hpp"

namespace eks::cmd {

bool may_offer_login(const GlobalOptions& global, bool no_prompt_flag, const Deps& deps) {
  const std::string env_off = deps.env.get_or_empty("EKS_SSO_NO_PROMPT");
  const bool disabled = no_prompt_flag || (!env_off.empty() && env_off != "0" && env_off != "false");
  return !disabled && deps.in != nullptr && deps.term.stdin_tty && deps.term.stderr_tty && !deps.term.ci &&
         global.output == "table";
}

bool ask_login(Deps& deps) {
  deps.err << "Log in with AWS SSO now? [y/N] ";
  deps.err.flush();
  std::string answer;
  if (!std::getline(*deps.in, answer)) {
    deps.err << '\n';  // Ctrl-D: end the question's line
    return false;
  }
  if (deps.interrupted != nullptr && deps.interrupted->load()) {
    return false;
  }
  std::string word = trim_copy(answer);
  for (char& c : word) {
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return word == "y" || word == "yes";
}

int check_with_login_offer(GlobalOptions& global, bool no_prompt_flag, Deps& deps, const std::function<int()>& check) {
  const int code = check();
  const int login_required = exit_code_for(ErrorKind::login_required);
  if (code != login_required || !may_offer_login(global, no_prompt_flag, deps) || !ask_login(deps)) {
    return code;
  }
  const LoginOptions login;  // exactly what a bare `eks-sso login` runs for this context
  const int login_code = run_login(global, login, deps);
  if (login_code != 0) {
    return login_code;
  }
  deps.err << '\n';
  return check();
}

}  // namespace eks::cmd
