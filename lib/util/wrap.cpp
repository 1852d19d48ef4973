#include "lib/util/wrap.hpp"

#include <algorithm>
#include <array>
#include <utility>
#include <vector>

namespace eks {
namespace {

constexpr std::array<std::string_view, 22> k_command_words = {
    "aws",  "eks-sso", "kubectl", "eksctl", "export", "unset", "sudo", "ln",    "cp",     "mv",    "rm",
    "mkdir", "chmod",  "cat",     "echo",   "source", "curl",  "env",  "brew", "apt-get", "helm", "kubectl-eks_sso",
};

struct Word {
  std::string sep;   // the spaces before it, as written
  std::string text;
};

std::vector<Word> split_words(std::string_view content) {
  std::vector<Word> words;
  std::size_t i = 0;
  while (i < content.size()) {
    Word w;
    while (i < content.size() && content[i] == ' ') {
      w.sep += ' ';
      ++i;
    }
    while (i < content.size() && content[i] != ' ') {
      w.text += content[i++];
    }
    if (!w.text.empty() || !w.sep.empty()) {
      words.push_back(std::move(w));
    }
  }
  return words;
}

// Whether `word` closes a quote opened with `q`: it ends with q, before closing punctuation.
bool closes(std::string_view word, char q) {
  while (!word.empty() && std::string_view(",.;:)!?\"").find(word.back()) != std::string_view::npos) {
    word.remove_suffix(1);
  }
  return !word.empty() && word.back() == q;
}

// '...' and `...` runs become one word, when they close on this line.
std::vector<Word> group_quotes(std::vector<Word> words) {
  std::vector<Word> out;
  for (std::size_t i = 0; i < words.size(); ++i) {
    Word w = words[i];
    std::string_view t = w.text;
    while (!t.empty() && (t.front() == '(' || t.front() == '"')) {
      t.remove_prefix(1);
    }
    if (!t.empty() && (t.front() == '\'' || t.front() == '`') && !(t.size() > 1 && closes(t.substr(1), t.front()))) {
      const char q = t.front();
      for (std::size_t j = i + 1; j < words.size(); ++j) {
        if (closes(words[j].text, q)) {
          for (std::size_t k = i + 1; k <= j; ++k) {
            w.text += words[k].sep + words[k].text;
          }
          i = j;
          break;
        }
      }
    }
    out.push_back(std::move(w));
  }
  return out;
}

std::size_t indent_of(std::string_view line) {
  std::size_t n = 0;
  while (n < line.size() && line[n] == ' ') {
    ++n;
  }
  return n;
}

// ESC [ ... final byte at s[i], or 0.
std::size_t escape_length(std::string_view s, std::size_t i) {
  if (i + 1 >= s.size() || s[i] != '\x1b' || s[i + 1] != '[') {
    return 0;
  }
  std::size_t j = i + 2;
  while (j < s.size() && !(s[j] >= 0x40 && s[j] <= 0x7e)) {
    ++j;
  }
  return j < s.size() ? j + 1 - i : 0;
}

// In "LABEL: COMMAND" (colour sequences allowed after the colon): where the label ends (after
// the colon and its colour reset) and where the command starts; npos when there is none.
std::pair<std::size_t, std::size_t> labelled_command(std::string_view content) {
  for (std::size_t colon = content.find(':'); colon != std::string_view::npos; colon = content.find(':', colon + 1)) {
    std::size_t end = colon + 1;
    while (const std::size_t n = escape_length(content, end)) {
      end += n;
    }
    if (end >= content.size() || content[end] != ' ') {
      continue;
    }
    const std::size_t start = content.find_first_not_of(' ', end);
    // A label is several words ("→ Login with AWS SSO", "log in from a terminal"), "(runs", or
    // set off by two spaces: "error: eks-sso login needs a terminal" is a sentence, not a label.
    const std::string_view label = content.substr(0, colon);
    const bool is_label = start - end >= 2 || label.find(' ') != std::string_view::npos || label.rfind('(', 0) == 0;
    if (start != std::string_view::npos && is_label && looks_like_command(content.substr(start))) {
      return {end, start};
    }
    return {std::string_view::npos, std::string_view::npos};  // the first label decides
  }
  return {std::string_view::npos, std::string_view::npos};
}

}  // namespace

int text_columns(std::string_view s) {
  int columns = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c == 0x1b && i + 1 < s.size() && s[i + 1] == '[') {
      i += 2;
      while (i < s.size() && !(s[i] >= 0x40 && s[i] <= 0x7e)) {
        ++i;  // parameters up to the final byte
      }
      continue;
    }
    if ((c & 0xC0) != 0x80) {
      ++columns;  // a rune's first byte
    }
  }
  return columns;
}

bool looks_like_command(std::string_view text) {
  if (text.rfind("$ ", 0) == 0) {
    return true;
  }
  const std::string_view first = text.substr(0, text.find(' '));
  for (const std::string_view word : k_command_words) {
    if (first == word) {
      return true;
    }
  }
  // NAME=value ... (AWS_PROFILE=prod eks-sso doctor, KUBECONFIG=...)
  const auto eq = first.find('=');
  if (eq == std::string_view::npos || eq == 0) {
    return false;
  }
  for (const char c : first.substr(0, eq)) {
    if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_')) {
      return false;
    }
  }
  return true;
}

std::string wrap_line(std::string_view line, int width, int hang) {
  if (width <= 0 || text_columns(line) <= width) {
    return std::string(line);
  }
  const std::size_t indent = indent_of(line);
  const std::vector<Word> words = group_quotes(split_words(line.substr(indent)));
  std::string out(line.substr(0, indent));
  int used = static_cast<int>(indent);
  bool line_has_word = false;
  const std::string hang_text(static_cast<std::size_t>(std::max(0, hang)), ' ');
  for (const Word& w : words) {
    const int need = text_columns(w.sep) + text_columns(w.text);
    if (line_has_word && used + need > width) {
      out += '\n' + hang_text + w.text;
      used = hang + text_columns(w.text);
    } else {
      out += w.sep + w.text;
      used += need;
    }
    line_has_word = line_has_word || !w.text.empty();
  }
  return out;
}

std::string wrap_prose(std::string_view text, int width) {
  if (width <= 0) {
    return std::string(text);
  }
  std::string out;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    const bool newline = end != std::string_view::npos;
    if (!newline) {
      end = text.size();
    }
    const std::string_view line = text.substr(start, end - start);
    const std::size_t indent = indent_of(line);
    const std::string_view content = line.substr(indent);
    if (text_columns(line) <= width || looks_like_command(content)) {
      out += line;
    } else {
      // "LABEL: COMMAND" / "LABEL:  COMMAND": the command alone on the next line, never broken.
      const auto [label_end, command_start] = labelled_command(content);
      if (command_start != std::string_view::npos) {
        out += wrap_line(line.substr(0, indent + label_end), width, static_cast<int>(indent) + 2);
        out += '\n' + std::string(indent + 4, ' ') + std::string(content.substr(command_start));
      } else {
        // Hang under a label column: the text after the first run of 2+ spaces, when it is near.
        int hang = static_cast<int>(indent) + 2;
        if (const std::size_t gap = content.find("  "); gap != std::string_view::npos) {
          const std::size_t rest = content.find_first_not_of(' ', gap);
          const int column = static_cast<int>(indent) + text_columns(content.substr(0, rest));
          if (rest != std::string_view::npos && column <= std::min(40, width / 2)) {
            hang = column;
          }
        }
        out += wrap_line(line, width, hang);
      }
    }
    if (newline) {
      out += '\n';
    }
    start = end + 1;
  }
  return out;
}

}  // namespace eks
