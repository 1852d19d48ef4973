// `credential_process` commands that wrap an SSO profile: `aws configure export-credentials
// --profile X`, `granted credential-process --profile X`, `aws-vault exec X --json` /
// `aws-vault export --format=json X`, or any script given `--profile X`. The SSO login belongs to
// the wrapped profile X; when the command line does not name one, to the process's own profile.
// botocore runs the command with shlex.split (no shell) and reports a failure as
// "Error when retrieving credentials from custom-process: <the process's stderr>"
// (botocore/credentials.py ProcessProvider._retrieve_credentials_using,
// https://github.com/boto/botocore/blob/develop/botocore/credentials.py). Pure: text in, names out.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace eks {

// The profile the credential_process command line hands its tool, or std::nullopt when none can
// be read from it (no --profile, unknown tool, unbalanced quotes). `--profile X`, `--profile=X`
// anywhere (last wins); for aws-vault the first word after `exec`/`export` that is not a flag.
[[nodiscard]] std::optional<std::string> credential_process_profile(std::string_view command_line);

inline constexpr std::string_view k_custom_process_error =
    "Error when retrieving credentials from custom-process";

// True when the AWS CLI's stderr is a credential_process failure (the process's own stderr
// follows the marker, so an SSO error text inside it is the wrapped profile's).
[[nodiscard]] bool is_custom_process_error(std::string_view stderr_text);

}  // namespace eks
