#include "lib/os/bounded_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace eks {
namespace {

Error file_error(const std::filesystem::path& path, const std::string& what) {
  return make_error(ErrorKind::config, path.string() + ": " + what);
}

// Closes the descriptor on every path out of read_bounded_file.
class FdGuard {
 public:
  explicit FdGuard(int fd) : m_fd(fd) {}
  ~FdGuard() {
    if (m_fd >= 0) {
      ::close(m_fd);
    }
  }
  FdGuard(const FdGuard&) = delete;
  FdGuard& operator=(const FdGuard&) = delete;
  [[nodiscard]] int get() const { return m_fd; }

 private:
  int m_fd;
};

}  // namespace

Result<std::optional<std::string>> read_bounded_file(const std::filesystem::path& path,
                                                     std::size_t max_bytes,
                                                     NonRegularFile non_regular) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) {
    const int err = errno;
    if (err == ENOENT || err == ENOTDIR) {
      return std::optional<std::string>{};
    }
    return file_error(path, std::strerror(err));
  }
  if (!S_ISREG(st.st_mode)) {
    if (non_regular == NonRegularFile::missing) {
      return std::optional<std::string>{};
    }
    return file_error(path, "is not a regular file");
  }
  // O_NONBLOCK: a FIFO swapped in after stat() must not block us.
  FdGuard fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK));
  if (fd.get() < 0) {
    const int err = errno;
    if (err == ENOENT) {
      return std::optional<std::string>{};
    }
    return file_error(path, std::strerror(err));
  }
  std::string data;
  char buf[16384];
  for (;;) {
    const ssize_t n = ::read(fd.get(), buf, sizeof buf);
    if (n < 0) {
      if (errno == EINTR) {
        continue;
      }
      return file_error(path, std::strerror(errno));
    }
    if (n == 0) {
      break;
    }
    if (data.size() + static_cast<std::size_t>(n) > max_bytes) {
      return file_error(path, "file is larger than " + std::to_string(max_bytes) +
                                  " bytes (read stopped)");
    }
    data.append(buf, static_cast<std::size_t>(n));
  }
  return std::optional<std::string>{std::move(data)};
}

}  // namespace eks
