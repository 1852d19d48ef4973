#include "sandbox/server.hpp"

#include <httplib.h>
#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <fstream>
#include <mutex>
#include <thread>

#include "lib/util/clock.hpp"
#include "lib/util/digest.hpp"
#include "lib/util/strings.hpp"
#include "lib/util/timefmt.hpp"
#include "sandbox/api.hpp"
#include "sandbox/aws_wire.hpp"
#include "sandbox/encoding.hpp"
#include "sandbox/home_files.hpp"
#include "sandbox/state.hpp"

namespace sandbox {
namespace {

namespace fs = std::filesystem;

constexpr size_t k_max_body_bytes = 1024 * 1024;

// Everything the request handlers share; owned by run_serve (no globals).
struct ServerContext {
  fs::path dir;
  eks::SystemClock clock;
  std::atomic<bool> stopping{false};
  std::mutex log_mutex;
  std::mutex state_mutex;
  State last_good;
  int port = 0;
  std::string ca_pem;
};

// An AWS call: read, change and save state.json under the state lock, so concurrent calls serialise.
ApiResponse handle_aws(ServerContext& ctx, const ApiRequest& api) {
  const DecodedCall decoded = decode_aws_request(api);
  if (!decoded.call) {
    return decoded.error;
  }
  const std::lock_guard<std::mutex> lock(ctx.state_mutex);
  auto loaded = load_state(ctx.dir / "state.json");
  State state = loaded ? std::move(*loaded) : ctx.last_good;
  const AdminEnv env{ctx.port, ctx.ca_pem,
                     std::chrono::duration_cast<std::chrono::seconds>(ctx.clock.now().time_since_epoch()).count()};
  const AdminReply reply = run_admin(state, *decoded.call, env);
  if (reply.changed) {
    (void)save_state(ctx.dir / "state.json", state);
  }
  ctx.last_good = state;
  ApiResponse out = encode_aws_reply(*decoded.call, reply);
  if (reply.changed) {
    out.note += " (state saved)";  // requests.log: what changed the state (setup-script's second run: nothing)
  }
  return out;
}

std::string masked(const std::string& name, const std::string& value) {
  if (name != "Authorization" && name != "authorization") {
    return value;
  }
  const auto space = value.find(' ');
  const std::string scheme = space == std::string::npos ? "" : value.substr(0, space + 1);
  const std::string token = space == std::string::npos ? value : value.substr(space + 1);
  // A short fingerprint tells the tests which secret arrived without logging it.
  return scheme + (token.size() > 16 ? token.substr(0, 11) : "") + "***(" + std::to_string(token.size()) +
         " bytes, sha256:" + eks::sha256_hex(token).substr(0, 12) + ")";
}

void log_request(ServerContext& ctx, const httplib::Request& req, int status, const std::string& note) {
  std::string line = eks::format_rfc3339(ctx.clock.now()) + " " + req.method + " " + req.target + " -> " +
                     std::to_string(status) + (note.empty() ? "" : "  [" + note + "]") + "\n";
  for (const auto& [k, v] : req.headers) {
    if (k == "REMOTE_ADDR" || k == "REMOTE_PORT" || k == "LOCAL_ADDR" || k == "LOCAL_PORT") {
      continue;
    }
    line += "    " + k + ": " + masked(k, v) + "\n";
  }
  const std::lock_guard<std::mutex> lock(ctx.log_mutex);
  std::ofstream(ctx.dir / "requests.log", std::ios::app) << line;
}

State current_state(ServerContext& ctx) {
  auto loaded = load_state(ctx.dir / "state.json");
  const std::lock_guard<std::mutex> lock(ctx.state_mutex);
  if (loaded) {
    ctx.last_good = std::move(*loaded);
  }
  return ctx.last_good;
}

void handle(ServerContext& ctx, const httplib::Request& req, httplib::Response& res) {
  const State state = current_state(ctx);
  if (state.faults.delay_ms > 0) {
    std::this_thread::sleep_for(std::chrono::milliseconds(std::min(state.faults.delay_ms, 600000)));
  }
  if (state.faults.hang) {
    log_request(ctx, req, 0, "hang: never answering");
    while (!ctx.stopping.load()) {
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    res.status = 503;
    return;
  }
  ApiRequest api;
  api.method = req.method;
  api.path = req.path;
  api.target = req.target;
  for (const auto& [k, v] : req.headers) {
    api.headers[eks::to_lower(k)] = v;
  }
  for (const auto& [k, v] : req.params) {
    api.query[k] = v;
  }
  api.accept = req.get_header_value("Accept");
  api.content_type = req.get_header_value("Content-Type");
  api.authorization = req.get_header_value("Authorization");
  api.body = req.body;
  for (const auto& [k, v] : req.headers) {
    const std::string name = eks::to_lower(k);
    if (name.rfind("impersonate-", 0) == 0) {
      api.impersonate.emplace_back(name, v);
    }
  }
  ApiResponse out;
  try {
    out = is_aws_request(api) ? handle_aws(ctx, api) : handle_api(state, api, ctx.clock.now());
  } catch (const std::exception& e) {
    out = status_response(500, "InternalError", std::string("Internal error occurred: ") + e.what());
  }
  log_request(ctx, req, out.status, out.note);
  res.status = out.status;
  res.set_header("Audit-Id", hex_lower(random_bytes(4)) + "-" + hex_lower(random_bytes(2)) + "-" +
                                 hex_lower(random_bytes(2)) + "-" + hex_lower(random_bytes(2)) + "-" +
                                 hex_lower(random_bytes(6)));
  res.set_header("Cache-Control", "no-cache, private");
  for (const auto& [k, v] : out.headers) {
    res.set_header(k, v);
  }
  res.set_content(out.body, out.content_type.c_str());
}

bool write_file_atomic(const fs::path& file, const std::string& text) {
  const fs::path tmp = file.string() + ".tmp";
  {
    std::ofstream out(tmp, std::ios::trunc);
    if (!out) {
      return false;
    }
    out << text;
  }
  std::error_code ec;
  fs::rename(tmp, file, ec);
  return !ec;
}

// Waits for SIGTERM/SIGINT/SIGHUP (blocked in every thread) or the deadline, then stops.
void watch_signals(ServerContext& ctx, httplib::Server& server, int max_seconds, const std::atomic<bool>& done) {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGTERM);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGHUP);
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(max_seconds);
  while (!done.load()) {
    timespec ts{0, 100 * 1000 * 1000};
    if (sigtimedwait(&set, nullptr, &ts) > 0 ||
        (max_seconds > 0 && std::chrono::steady_clock::now() >= deadline)) {
      break;
    }
  }
  ctx.stopping.store(true);
  server.stop();
}

}  // namespace

int run_serve(const ServeOptions& options, std::ostream& out, std::ostream& err) {
  // Block the stop signals before any thread exists; watch_signals takes them with sigtimedwait.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGTERM);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGHUP);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);
  signal(SIGPIPE, SIG_IGN);
  ServerContext ctx;
  ctx.dir = options.dir;
  auto loaded = load_state(ctx.dir / "state.json");
  if (!loaded) {
    err << "eks-sso-sandbox: " << loaded.error().message << "\n";
    return 7;
  }
  ctx.last_good = *loaded;
  const fs::path certs = ctx.dir / "certs";
  const std::string cert = (certs / (options.alt_cert ? "alt-server.crt" : "server.crt")).string();
  const std::string key = (certs / (options.alt_cert ? "alt-server.key" : "server.key")).string();
  httplib::SSLServer server(cert.c_str(), key.c_str());
  if (!server.is_valid()) {
    err << "eks-sso-sandbox: cannot load TLS certificate \"" << cert << "\"\n";
    return 7;
  }
  server.set_payload_max_length(k_max_body_bytes);
  server.set_keep_alive_timeout(2);
  // Go's net/http (the real API server) sets TCP_NODELAY; without it a response written in two
  // parts waits ~40 ms for the client's delayed ACK (Nagle), which dominated every request.
  server.set_tcp_nodelay(true);
  server.set_read_timeout(10, 0);
  const auto handler = [&ctx](const httplib::Request& req, httplib::Response& res) { handle(ctx, req, res); };
  server.Get(".*", handler);
  server.Post(".*", handler);
  server.Put(".*", handler);
  server.Delete(".*", handler);
  server.Patch(".*", handler);

  std::error_code ec;
  fs::remove(ctx.dir / "ready", ec);
  fs::remove(ctx.dir / "port", ec);
  const int wanted = options.port >= 0 ? options.port : loaded->port;
  const int port = wanted == 0 ? server.bind_to_any_port("127.0.0.1") : (server.bind_to_port("127.0.0.1", wanted) ? wanted : -1);
  if (port <= 0) {
    err << "eks-sso-sandbox: cannot listen on 127.0.0.1:" << wanted << "\n";
    return 6;
  }
  ctx.port = port;
  {
    std::ifstream ca(certs / "ca.crt");
    ctx.ca_pem.assign(std::istreambuf_iterator<char>(ca), std::istreambuf_iterator<char>());
  }
  if (auto st = write_kubeconfig(ctx.dir, *loaded, port); !st) {
    err << "eks-sso-sandbox: " << st.error().message << "\n";
    return 7;
  }
  if (!write_file_atomic(ctx.dir / "port", std::to_string(port) + "\n") ||
      !write_file_atomic(ctx.dir / "ready", std::to_string(getpid()) + "\n")) {
    err << "eks-sso-sandbox: cannot write " << (ctx.dir / "ready") << "\n";
    return 7;
  }
  out << "eks-sso-sandbox: serving https://127.0.0.1:" << port << " (pid " << getpid() << ")\n" << std::flush;

  std::atomic<bool> done{false};
  std::thread watcher([&] { watch_signals(ctx, server, options.max_seconds, done); });
  server.listen_after_bind();
  done.store(true);
  ctx.stopping.store(true);
  watcher.join();
  fs::remove(ctx.dir / "ready", ec);
  fs::remove(ctx.dir / "port", ec);
  return 0;
}

}  // namespace sandbox
