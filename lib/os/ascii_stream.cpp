#include "lib/os/ascii_stream.hpp"

#include "lib/util/ascii_glyphs.hpp"

namespace eks {
namespace {
constexpr std::size_t k_chunk = 4096;
}  // namespace

AsciiGlyphBuf::~AsciiGlyphBuf() {
  std::lock_guard lock(m_mutex);
  pass_on(true);
}

AsciiGlyphBuf::int_type AsciiGlyphBuf::overflow(int_type c) {
  if (traits_type::eq_int_type(c, traits_type::eof())) {
    return traits_type::not_eof(c);
  }
  std::lock_guard lock(m_mutex);
  m_pending += traits_type::to_char_type(c);
  if (c == '\n' || m_pending.size() >= k_chunk) {
    pass_on(false);
  }
  return c;
}

std::streamsize AsciiGlyphBuf::xsputn(const char* s, std::streamsize n) {
  std::lock_guard lock(m_mutex);
  m_pending.append(s, static_cast<std::size_t>(n));
  if (m_pending.size() >= k_chunk || m_pending.find('\n') != std::string::npos) {
    pass_on(false);
  }
  return n;
}

int AsciiGlyphBuf::sync() {
  std::lock_guard lock(m_mutex);
  pass_on(false);
  return m_target->pubsync();
}

void AsciiGlyphBuf::pass_on(bool all) {
  const std::size_t keep = all ? 0 : incomplete_utf8_tail(m_pending);
  const std::string out = ascii_glyphs(std::string_view(m_pending).substr(0, m_pending.size() - keep));
  m_target->sputn(out.data(), static_cast<std::streamsize>(out.size()));
  m_pending.erase(0, m_pending.size() - keep);
}

}  // namespace eks
