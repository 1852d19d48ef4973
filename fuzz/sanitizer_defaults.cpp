// Compiled into every executable of an EKS_SSO_SANITIZE build (see fuzz/CMakeLists.txt). The e2e
// tests run the binaries with a scrubbed environment (env -i), so ASAN_OPTIONS / UBSAN_OPTIONS
// set by scripts/sanitize.sh cannot reach them: these defaults make every report abort the process
// (SIGABRT, exit 134), which no test mistakes for one of eks-sso's exit codes. The environment
// variables still override them where they are passed.
extern "C" const char* __asan_default_options() { return "detect_leaks=1:abort_on_error=1"; }

extern "C" const char* __ubsan_default_options() { return "halt_on_error=1:abort_on_error=1:print_stacktrace=1"; }
