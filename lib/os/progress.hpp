// A transient status line on a terminal's stderr ("⠋ running exec plugin aws…") while eks-sso
// waits on an exec plugin or the network (issue 8, "terminal manners"). Whether it is drawn at
// all is decided once, by decide_progress() (lib/os/deps.hpp) into Terminal::progress.
//
// The line never mixes with other output: out() and err() are pass-through streams over the real
// ones, and anything written through them first erases the status line ("\r\033[K"). The line is
// redrawn by the ticker only while both streams are at the start of a line, and clear() (or the
// destructor) erases it and stops the ticker, so nothing of it is left in the terminal.
#pragma once

#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <ostream>
#include <streambuf>
#include <string>
#include <string_view>
#include <thread>

namespace eks {

class ProgressLine {
 public:
  // Draws on `err` when `enabled`; text is cut to `columns` - 1 cells so it never wraps (a
  // wrapped line cannot be erased with one "\r\033[K").
  ProgressLine(std::ostream& out, std::ostream& err, bool enabled, int columns);
  ~ProgressLine();
  ProgressLine(const ProgressLine&) = delete;
  ProgressLine& operator=(const ProgressLine&) = delete;

  // Shows `text` (one line) with a spinner, from 250 ms into the wait on (shorter waits draw
  // nothing); a later set() replaces the text; an empty text is clear().
  void set(std::string_view text);
  // Erases the line and stops the spinner; set() starts it again.
  void clear();

  // Streams to use instead of the real ones while the line may be shown.
  [[nodiscard]] std::ostream& out() { return m_out_stream; }
  [[nodiscard]] std::ostream& err() { return m_err_stream; }

  // The text as drawn: frame, blank, `text` cut to `columns` - 1 cells (by code point; the texts
  // are ours and contain no wide characters), "…" when cut. Exposed for the unit tests.
  [[nodiscard]] static std::string render(std::string_view frame, std::string_view text, int columns);

 private:
  // Forwards to the real stream buffer; erases the status line before the first byte.
  class GuardBuf : public std::streambuf {
   public:
    GuardBuf(ProgressLine& owner, std::streambuf* target) : m_owner(owner), m_target(target) {}
    bool at_line_start = true;

   protected:
    int_type overflow(int_type ch) override;
    std::streamsize xsputn(const char* s, std::streamsize n) override;
    int sync() override;

   private:
    ProgressLine& m_owner;
    std::streambuf* m_target;
  };

  void erase_locked();
  void draw_locked();
  void tick();

  std::ostream& m_real_err;
  bool m_enabled;
  int m_columns;
  std::mutex m_mutex;
  std::condition_variable m_wake;
  std::string m_text;
  bool m_active = false;  // set() called, clear() not yet
  bool m_drawn = false;   // the line is on the screen now
  bool m_stop = false;
  size_t m_frame = 0;
  std::chrono::steady_clock::time_point m_since;  // when set() started this wait
  GuardBuf m_out_buf;
  GuardBuf m_err_buf;
  std::ostream m_out_stream;
  std::ostream m_err_stream;
  std::thread m_ticker;
};

}  // namespace eks
