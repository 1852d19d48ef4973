// The stderr/stdout filter without a UTF-8 locale (issue 16, polish): glyphs split over writes
// and flushes still come out as their stand-ins; the stream's own buffer is given back.
#include <doctest/doctest.h>

#include <sstream>

#include "lib/os/ascii_stream.hpp"

namespace eks {
namespace {

TEST_CASE("ascii stream: glyphs become ASCII, also when a write splits one") {
  std::ostringstream sink;
  {
    AsciiGlyphBuf buf(sink.rdbuf());
    std::ostream out(&buf);
    const std::string check = "✓";
    out << "  " << check.substr(0, 1) << std::flush;  // flushed in the middle of the glyph
    CHECK(sink.str() == "  ");
    out << check.substr(1) << " kubeconfig\n";
    CHECK(sink.str() == "  + kubeconfig\n");
    out << "\r⠋ waiting" << std::flush;  // the progress line: no newline, passed on at the flush
    CHECK(sink.str() == "  + kubeconfig\n\r| waiting");
    out << "→ end";
  }
  CHECK(sink.str() == "  + kubeconfig\n\r| waiting> end");  // the rest at destruction
}

TEST_CASE("ascii stream: ScopedAsciiStream restores the stream's buffer") {
  std::ostringstream s;
  std::ostream& stream = s;  // std::ostringstream::rdbuf() always names its own buffer
  std::streambuf* own = stream.rdbuf();
  {
    ScopedAsciiStream scoped(stream);
    CHECK(stream.rdbuf() != own);
    stream << "✗ broken";
  }
  CHECK(stream.rdbuf() == own);
  CHECK(s.str() == "x broken");
}

}  // namespace
}  // namespace eks
