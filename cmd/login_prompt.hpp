// The user-clicked "Login with AWS SSO" in a terminal (issue 16): when `connect` or `doctor` ends
// with "login required" (exit 3) and a person is at the terminal, ask once
// "Log in with AWS SSO now? [y/N]"; only an explicit y/yes runs exactly what `eks-sso login` runs
// (same context, profile and verification), then the command's check runs again. Anything else,
// EOF included, keeps exit 3. A login never starts without that yes (README, "Contract").
// `get nodes` and `credential` never ask: they are used by scripts and by kubectl.
#pragma once

#include <functional>

#include "cmd/global_options.hpp"
#include "lib/os/deps.hpp"

namespace eks::cmd {

// The question may be asked: stdin and stderr are terminals, CI is not set, the output is for
// people (-o table: never json, yaml, junit, markdown), neither --no-prompt nor EKS_SSO_NO_PROMPT
// (any value but "", "0" or "false") turns it off, and there is an input stream.
[[nodiscard]] bool may_offer_login(const GlobalOptions& global, bool no_prompt_flag, const Deps& deps);

// Writes the question on stderr and reads one line from deps.in: true only for "y" or "yes" (any
// case, surrounding blanks ignored). EOF (Ctrl-D) or an interrupt is a no.
[[nodiscard]] bool ask_login(Deps& deps);

// Runs `check` once; when it returns the login-required code and may_offer_login allows it, asks;
// on yes runs `eks-sso login` (default options, the same global flags) and, when that succeeds,
// `check` again (which never asks a second time). Returns the last exit code.
[[nodiscard]] int check_with_login_offer(GlobalOptions& global, bool no_prompt_flag, Deps& deps,
                                         const std::function<int()>& check);

}  // namespace eks::cmd
