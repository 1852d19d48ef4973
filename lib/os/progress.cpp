#include "lib/os/progress.hpp"

#include <array>
#include <algorithm>
#include <chrono>
#include <vector>

namespace eks {
namespace {

// Braille spinner frames, as gh and npm draw them.
constexpr std::array<std::string_view, 10> k_frames = {"⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"};
constexpr auto k_interval = std::chrono::milliseconds(100);
// Nothing is drawn for waits shorter than this: a cache hit must not flash a spinner.
constexpr auto k_delay = std::chrono::milliseconds(250);
constexpr std::string_view k_erase = "\r\033[K";

bool is_continuation(unsigned char c) { return (c & 0xC0) == 0x80; }

}  // namespace

std::string ProgressLine::render(std::string_view frame, std::string_view text, int columns) {
  // frame (1 cell) + blank + text stay below `columns` cells, so the line never wraps.
  const size_t room = static_cast<size_t>(std::max(columns - 1, 4) - 2);
  std::vector<size_t> starts;  // byte offset of each code point, up to the first control character
  size_t end = text.size();
  for (size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x20 || c == 0x7F) {
      end = i;  // one line: nothing after a control character
      break;
    }
    if (!is_continuation(c)) {
      starts.push_back(i);
    }
  }
  std::string out(frame);
  out += ' ';
  if (starts.size() <= room) {
    out.append(text.substr(0, end));
  } else {
    out.append(text.substr(0, starts[room - 1]));
    out += "…";
  }
  return out;
}

ProgressLine::ProgressLine(std::ostream& out, std::ostream& err, bool enabled, int columns)
    : m_real_err(err),
      m_enabled(enabled),
      m_columns(columns > 0 ? columns : 80),
      m_out_buf(*this, out.rdbuf()),
      m_err_buf(*this, err.rdbuf()),
      m_out_stream(&m_out_buf),
      m_err_stream(&m_err_buf) {}

ProgressLine::~ProgressLine() {
  clear();
  {
    std::lock_guard lock(m_mutex);
    m_stop = true;
  }
  m_wake.notify_all();
  if (m_ticker.joinable()) {
    m_ticker.join();
  }
  m_out_stream.flush();
  m_err_stream.flush();
}

void ProgressLine::set(std::string_view text) {
  if (!m_enabled) {
    return;
  }
  if (text.empty()) {
    clear();
    return;
  }
  std::lock_guard lock(m_mutex);
  m_text = std::string(text);
  if (!m_active) {
    m_active = true;
    m_since = std::chrono::steady_clock::now();
  }
  if (m_drawn) {
    draw_locked();  // the new text at once
  }
  if (!m_ticker.joinable()) {
    m_ticker = std::thread([this] { tick(); });
  }
}

void ProgressLine::clear() {
  if (!m_enabled) {
    return;
  }
  std::lock_guard lock(m_mutex);
  m_active = false;
  erase_locked();
}

void ProgressLine::erase_locked() {
  if (m_drawn) {
    m_real_err.rdbuf()->sputn(k_erase.data(), static_cast<std::streamsize>(k_erase.size()));
    m_real_err.rdbuf()->pubsync();
    m_drawn = false;
  }
}

void ProgressLine::draw_locked() {
  if (!m_active || !m_out_buf.at_line_start || !m_err_buf.at_line_start ||
      std::chrono::steady_clock::now() - m_since < k_delay) {
    return;  // never in the middle of someone else's line
  }
  const std::string line = std::string(k_erase) + render(k_frames[m_frame % k_frames.size()], m_text, m_columns);
  // What was written to stdout must reach the terminal before the line, or it would print after it.
  m_out_buf.pubsync();
  m_real_err.rdbuf()->sputn(line.data(), static_cast<std::streamsize>(line.size()));
  m_real_err.rdbuf()->pubsync();
  m_drawn = true;
}

void ProgressLine::tick() {
  std::unique_lock lock(m_mutex);
  while (!m_stop) {
    m_wake.wait_for(lock, k_interval);
    if (m_stop) {
      break;
    }
    ++m_frame;
    draw_locked();
  }
}

ProgressLine::GuardBuf::int_type ProgressLine::GuardBuf::overflow(int_type ch) {
  if (traits_type::eq_int_type(ch, traits_type::eof())) {
    return traits_type::not_eof(ch);
  }
  const char c = traits_type::to_char_type(ch);
  return xsputn(&c, 1) == 1 ? ch : traits_type::eof();
}

std::streamsize ProgressLine::GuardBuf::xsputn(const char* s, std::streamsize n) {
  if (n <= 0) {
    return 0;
  }
  std::lock_guard lock(m_owner.m_mutex);
  m_owner.erase_locked();
  const std::streamsize written = m_target->sputn(s, n);
  if (written > 0) {
    at_line_start = s[written - 1] == '\n';
  }
  return written;
}

int ProgressLine::GuardBuf::sync() { return m_target->pubsync(); }

}  // namespace eks
