// A stream buffer that writes through to another one with the glyphs of lib/util/ascii_glyphs.hpp
// replaced by ASCII (issue 16, polish: no UTF-8 locale). main() puts it under std::cerr, and under
// std::cout for the human formats, when the locale is not UTF-8; nothing below main knows.
// A glyph split over two writes is held back until it is complete; flush() passes on the rest.
// Thread-safe: the progress line's ticker draws on stderr while the command writes.
#pragma once

#include <memory>
#include <mutex>
#include <ostream>
#include <streambuf>
#include <string>

namespace eks {

class AsciiGlyphBuf : public std::streambuf {
 public:
  explicit AsciiGlyphBuf(std::streambuf* target) : m_target(target) {}
  AsciiGlyphBuf(const AsciiGlyphBuf&) = delete;
  AsciiGlyphBuf& operator=(const AsciiGlyphBuf&) = delete;
  ~AsciiGlyphBuf() override;

 protected:
  int_type overflow(int_type c) override;
  std::streamsize xsputn(const char* s, std::streamsize n) override;
  int sync() override;

 private:
  // Writes what is complete (all of it when `all`) to the target.
  void pass_on(bool all);
  std::streambuf* m_target;
  std::string m_pending;
  std::mutex m_mutex;  // the progress line's ticker thread writes stderr too
};

// Puts an AsciiGlyphBuf under `stream` while it lives, then flushes and gives the stream its own
// buffer back (so std::cout is never left pointing at a destroyed filter).
class ScopedAsciiStream {
 public:
  explicit ScopedAsciiStream(std::ostream& stream)
      : m_stream(stream), m_filter(std::make_unique<AsciiGlyphBuf>(stream.rdbuf())), m_own(stream.rdbuf(m_filter.get())) {}
  ScopedAsciiStream(const ScopedAsciiStream&) = delete;
  ScopedAsciiStream& operator=(const ScopedAsciiStream&) = delete;
  ~ScopedAsciiStream() {
    m_stream.flush();
    m_stream.rdbuf(m_own);
    m_filter.reset();  // passes on what it still holds
    m_stream.flush();
  }

 private:
  std::ostream& m_stream;
  std::unique_ptr<AsciiGlyphBuf> m_filter;
  std::streambuf* m_own;
};

}  // namespace eks
