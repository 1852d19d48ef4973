#include "cmd/usage_error.hpp"

#include <algorithm>
#include <optional>
#include <string_view>

#include <fmt/format.h>

#include "lib/util/suggest.hpp"

namespace eks::cmd {
namespace {

bool hidden(const CLI::App& sub) { return sub.get_name().rfind("__", 0) == 0; }

// The options a command accepts: its own and, since every command falls through, its parents'.
std::vector<const CLI::Option*> visible_options(const CLI::App& level) {
  std::vector<const CLI::Option*> out;
  for (const CLI::App* app = &level; app != nullptr; app = app->get_parent()) {
    for (const CLI::Option* opt : app->get_options({})) {
      if (opt->nonpositional()) {
        out.push_back(opt);
      }
    }
  }
  return out;
}

std::vector<std::string> long_flags(const std::vector<const CLI::Option*>& options) {
  std::vector<std::string> out;
  for (const CLI::Option* opt : options) {
    for (const auto& l : opt->get_lnames()) {
      out.push_back("--" + l);
    }
  }
  return out;
}

std::string path_of(const CLI::App& level) {
  std::string path;
  for (const CLI::App* app = &level; app != nullptr; app = app->get_parent()) {
    path = app->get_parent() == nullptr ? "eks-sso" + path : " " + app->get_name() + path;
  }
  return path;
}

// The commands below `app` that accept the long flag `flag` ("eks-sso doctor"), for a flag used
// on the wrong command.
void commands_with(const CLI::App& app, const std::string& flag, std::vector<std::string>& out) {
  for (const CLI::App* sub : app.get_subcommands({})) {
    if (hidden(*sub)) {
      continue;
    }
    for (const CLI::Option* opt : sub->get_options({})) {
      if (opt->nonpositional() && opt->check_lname(flag.substr(2))) {
        out.push_back(path_of(*sub));
      }
    }
    commands_with(*sub, flag, out);
  }
}

const CLI::App* subcommand_named(const CLI::App& level, const std::string& word) {
  for (const CLI::App* sub : level.get_subcommands({})) {
    if (sub->check_name(word)) {
      return sub;
    }
  }
  return nullptr;
}

bool takes_value(const CLI::Option& opt) { return opt.get_type_size_max() > 0; }

}  // namespace

UsageError explain_usage_error(const CLI::App& app, const std::vector<std::string>& args,
                               const std::string& cli11_message) {
  const CLI::App* level = &app;
  std::optional<UsageError> found;
  auto note = [&](UsageError e) {
    if (!found) {
      found = std::move(e);
    }
  };
  bool positional_only = false;
  size_t positionals = 0;  // words given to the leaf command
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (!positional_only && a == "--") {
      positional_only = true;
      continue;
    }
    if (!positional_only && a.size() > 1 && a[0] == '-') {
      const std::vector<const CLI::Option*> options = visible_options(*level);
      const bool is_long = a.rfind("--", 0) == 0;
      const std::string flag = is_long ? a.substr(0, a.find('=')) : a.substr(0, 2);
      const CLI::Option* opt = nullptr;
      for (const CLI::Option* o : options) {
        if (is_long ? o->check_lname(flag.substr(2)) : o->check_sname(flag.substr(1))) {
          opt = o;
        }
      }
      if (opt == nullptr) {
        UsageError e;
        if (is_long) {
          e.message = fmt::format("unknown flag: {}", flag);
          if (const auto close = closest_match(flag, long_flags(options))) {
            e.hints.push_back(fmt::format("did you mean \"{}\"?", *close));
          } else {
            std::vector<std::string> owners;
            commands_with(app, flag, owners);
            if (!owners.empty()) {
              std::string list;
              for (const auto& o : owners) {
                list += (list.empty() ? "'" : ", '") + o + "'";
              }
              e.hints.push_back(fmt::format("{} is a flag of {}", flag, list));
            }
          }
        } else {
          // cobra's wording for a short flag (kubectl get -x: unknown shorthand flag: 'x' in -x).
          e.message = fmt::format("unknown shorthand flag: '{}' in {}", a.substr(1, 1), a);
        }
        note(e);
        continue;
      }
      const bool inline_value = is_long ? a.find('=') != std::string::npos : a.size() > 2;
      if (takes_value(*opt) && !inline_value) {
        if (i + 1 >= args.size()) {
          note(UsageError{fmt::format("flag needs an argument: {}", flag), {}, {}});
        }
        ++i;  // the value, whatever it looks like
      }
      continue;
    }
    std::vector<std::string> here;
    for (const CLI::App* sub : level->get_subcommands({})) {
      if (!hidden(*sub)) {
        here.push_back(sub->get_name());
      }
    }
    if (!here.empty() && positionals == 0 && !positional_only) {
      if (const CLI::App* next = subcommand_named(*level, a)) {
        level = next;
        continue;
      }
      UsageError e;
      e.message = fmt::format("unknown command \"{}\" for \"{}\"", a, path_of(*level));
      if (const auto close = closest_match(a, here)) {
        e.hints.push_back(fmt::format("did you mean \"{}\"?", *close));
      }
      note(e);
      break;  // the rest belongs to a command we do not know
    }
    ++positionals;
    bool accepts = false;
    for (const CLI::Option* opt : level->get_options({})) {
      accepts = accepts || !opt->nonpositional();
    }
    if (!accepts) {
      note(UsageError{fmt::format("unexpected argument \"{}\": \"{}\" takes no arguments", a, path_of(*level)), {}, {}});
    }
  }
  UsageError out = found ? *found : UsageError{};
  out.command = path_of(*level);
  if (!found) {
    if (cli11_message.rfind("A subcommand is required", 0) == 0) {
      std::string list;
      for (const CLI::App* sub : level->get_subcommands({})) {
        if (!hidden(*sub)) {
          list += (list.empty() ? "" : ", ") + sub->get_name();
        }
      }
      out.message = fmt::format("missing command: use one of {}", list);
    } else if (constexpr std::string_view k_convert = "Could not convert: ";
               cli11_message.rfind(k_convert, 0) == 0 && cli11_message.find(" = ") != std::string::npos) {
      // CLI11's "Could not convert: --v = abc" (the integer flags: -v, --chunk-size), in pflag's words.
      const std::string rest = cli11_message.substr(k_convert.size());
      const size_t eq = rest.find(" = ");
      out.message = fmt::format("invalid argument \"{}\" for \"{}\" flag: not a whole number", rest.substr(eq + 3),
                                rest.substr(0, eq));
    } else {
      out.message = cli11_message;
    }
  }
  return out;
}

void print_usage_error(std::ostream& err, const UsageError& error) {
  err << "error: " << error.message << '\n';
  for (const auto& h : error.hints) {
    err << "  " << h << '\n';
  }
  err << "See '" << (error.command.empty() ? "eks-sso" : error.command) << " --help' for usage.\n";
}

}  // namespace eks::cmd
