#include "lib/util/ascii_glyphs.hpp"

#include <array>
#include <utility>

namespace eks {
namespace {

constexpr std::array<std::pair<std::string_view, std::string_view>, 16> k_stand_ins = {{
    {"✓", "+"},
    {"✗", "x"},
    {"–", "-"},
    {"→", ">"},
    {"·", "-"},
    {"…", "~"},
    // lib/os/progress.cpp's frames, in order: a turning bar.
    {"⠋", "|"},
    {"⠙", "/"},
    {"⠹", "-"},
    {"⠸", "\\"},
    {"⠼", "|"},
    {"⠴", "/"},
    {"⠦", "-"},
    {"⠧", "\\"},
    {"⠇", "|"},
    {"⠏", "/"},
}};

}  // namespace

std::string ctype_locale_name(const Env& env) {
  for (const char* name : {"LC_ALL", "LC_CTYPE", "LANG"}) {
    if (std::string value = env.get_or_empty(name); !value.empty()) {
      return value;
    }
  }
  return "C";
}

bool names_utf8(std::string_view s) {
  if (const auto dot = s.find('.'); dot != std::string_view::npos) {
    s = s.substr(dot + 1);
  }
  s = s.substr(0, s.find('@'));
  std::string folded;
  for (const char c : s) {
    if (c != '-' && c != '_') {
      folded += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    }
  }
  return folded == "utf8";
}

std::string ascii_glyphs(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    bool replaced = false;
    if (static_cast<unsigned char>(text[i]) >= 0x80) {
      for (const auto& [glyph, ascii] : k_stand_ins) {
        if (text.substr(i, glyph.size()) == glyph) {
          out += ascii;
          i += glyph.size();
          replaced = true;
          break;
        }
      }
    }
    if (!replaced) {
      out += text[i++];
    }
  }
  return out;
}

std::size_t incomplete_utf8_tail(std::string_view text) {
  // Look back over at most 3 continuation bytes for a lead byte whose sequence runs past the end.
  for (std::size_t back = 1; back <= 4 && back <= text.size(); ++back) {
    const auto c = static_cast<unsigned char>(text[text.size() - back]);
    if ((c & 0xC0) == 0x80) {
      continue;  // a continuation byte: keep looking for its lead
    }
    const std::size_t need = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
    return need > back ? back : 0;
  }
  return 0;
}

}  // namespace eks
