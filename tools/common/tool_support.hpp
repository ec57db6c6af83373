// What every long-running Optimist executable does the same way: parse its options with
// boost::program_options (usage on --help and on errors), set the log level, and stop
// cleanly on SIGINT or SIGTERM.
#pragma once

#include <boost/program_options.hpp>

#include <chrono>
#include <functional>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace optimist::tools {

// Exit status of every tool: 0 success, 1 a startup (or run) failure, 2 a usage error.
inline constexpr int kExitStartup = 1;
inline constexpr int kExitUsage = 2;

// Parses argv into `vm`. Returns the exit code when the tool should exit now: 0 after
// printing the usage for --help (on stdout), kExitUsage after an option error (message and
// usage on stderr); nullopt to go on.
[[nodiscard]] std::optional<int> parse_options(std::string_view tool, int argc, char** argv,
                                               const boost::program_options::options_description& desc,
                                               boost::program_options::variables_map& vm,
                                               const std::function<void(std::ostream&)>& usage);

// The same for a subcommand's arguments (after its name), with positional arguments: `tool`
// names the subcommand in messages ("optimist-challenger run").
[[nodiscard]] std::optional<int> parse_options(std::string_view tool, const std::vector<std::string>& args,
                                               const boost::program_options::options_description& desc,
                                               const boost::program_options::positional_options_description& positional,
                                               boost::program_options::variables_map& vm,
                                               const std::function<void(std::ostream&)>& usage);

// Applies --log-level; false (after saying why on stderr) for an unknown level.
[[nodiscard]] bool apply_log_level(std::string_view tool, const std::string& level);

// Blocks SIGINT and SIGTERM in the calling thread and every thread started after it, so
// they are delivered only to wait(): the shutdown then runs in ordinary code, not in a
// signal handler. Construct it before anything starts a thread (LevelDB, servers, workers).
class StopSignals {
public:
    StopSignals();
    // Blocks until SIGINT or SIGTERM arrives; returns its name.
    [[nodiscard]] std::string_view wait();
    // Waits at most `timeout` for SIGINT or SIGTERM: its name, or nullopt when none came (a
    // stop-aware sleep for tools whose main thread runs a polling loop).
    [[nodiscard]] std::optional<std::string_view> wait_for(std::chrono::milliseconds timeout);
};

}  // namespace optimist::tools
