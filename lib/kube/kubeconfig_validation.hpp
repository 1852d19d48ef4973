// The validation kubectl 1.32 does on the selected context before any request, with its wording
// (client-go tools/clientcmd/validation.go validateAuthInfo and validateClusterInfo, called by
// DirectClientConfig.ConfirmUsable; then rest/transport.go and transport/transport.go at
// transport creation): auth methods (token and basic auth are exclusive), client certificate and
// key (file and data both; a certificate without a key; unreadable files), exec (with
// auth-provider; command, apiVersion, env names, interactiveMode; the apiVersion itself), the
// impersonation fields without `as`, the cluster's proxy-url, certificate authority file and data
// both, an unreadable certificate-authority file, and insecure-skip-tls-verify with a CA.
// Duplicate names in a list are refused earlier, while loading (kubeconfig.cpp).
// Transcripts: docs/spec/kube.md section 1.6.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "lib/kube/kubeconfig.hpp"
#include "lib/util/result.hpp"

namespace eks {

// Go's os.Open error for a path ("open /x: no such file or directory"), "" when it opens. The
// validation reads nothing itself: the caller passes the probe (tests pass a fake).
using OpenProbe = std::function<std::string(const std::string& path)>;

// validateAuthInfo's errors, in client-go's order.
[[nodiscard]] std::vector<std::string> auth_info_problems(const AuthInfo& user, const OpenProbe& open);

// validateClusterInfo's errors (proxy-url, CA file and data, unreadable CA file), in client-go's
// order. kubectl does not refuse an empty server (it falls back to localhost:8080), nor do we here.
[[nodiscard]] std::vector<std::string> cluster_problems(const Cluster& cluster, const OpenProbe& open);

// Every check for the selection, ErrorKind::config. One problem: kubectl's text is the message.
// Several: the first is the message, the others follow as hints (kubectl prints them as
// "Error in configuration:" and a "* " list). Then the checks done while the transport is built:
// exec's apiVersion, and insecure-skip-tls-verify with a CA. A fix line ends the hints.
[[nodiscard]] Status validate_selection(const Selection& selection, const OpenProbe& open);

// The real probe: opens the file for reading (and closes it).
[[nodiscard]] std::string open_file_error(const std::string& path);

}  // namespace eks
