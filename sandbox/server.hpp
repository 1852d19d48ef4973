// `eks-sso-sandbox serve DIR`: HTTPS on 127.0.0.1 with DIR/certs, state re-read from
// DIR/state.json on every request, every request logged to DIR/requests.log (Authorization masked).
// Readiness protocol: bind, write DIR/kubeconfig (with the real port), DIR/port, then DIR/ready
// (holding the pid). Stops on SIGTERM/SIGINT or after --max-seconds; removes port/ready on exit.
#pragma once

#include <filesystem>
#include <ostream>

namespace sandbox {

struct ServeOptions {
  std::filesystem::path dir;
  int port = -1;         // -1: state.json "port" (0 = any free port)
  int max_seconds = 0;   // 0: run until signalled
  bool alt_cert = false; // serve certs/alt-server.crt (SAN mismatch tests)
};

// Blocks until stopped. Returns the process exit code.
[[nodiscard]] int run_serve(const ServeOptions& options, std::ostream& out, std::ostream& err);

}  // namespace sandbox
