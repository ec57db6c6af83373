#include "tool_support.hpp"

#include <optimist/core/logging.hpp>

#include <algorithm>
#include <csignal>
#include <ctime>
#include <iostream>

namespace optimist::tools {

namespace po = boost::program_options;

namespace {

// Runs `parse` (which stores into `vm`), then reports a parse error or --help.
template <typename Parse>
std::optional<int> finish_parse(std::string_view tool, Parse&& parse, po::variables_map& vm,
                                const std::function<void(std::ostream&)>& usage) {
    try {
        parse();
        po::notify(vm);
    } catch (const po::error& e) {
        std::cerr << tool << ": " << e.what() << "\n\n";
        usage(std::cerr);
        return kExitUsage;
    }
    if (vm.count("help")) {
        usage(std::cout);
        return 0;
    }
    return std::nullopt;
}

}  // namespace

std::optional<int> parse_options(std::string_view tool, int argc, char** argv, const po::options_description& desc,
                                 po::variables_map& vm, const std::function<void(std::ostream&)>& usage) {
    return finish_parse(tool, [&] { po::store(po::parse_command_line(argc, argv, desc), vm); }, vm, usage);
}

std::optional<int> parse_options(std::string_view tool, const std::vector<std::string>& args,
                                 const po::options_description& desc, const po::positional_options_description& positional,
                                 po::variables_map& vm, const std::function<void(std::ostream&)>& usage) {
    return finish_parse(
        tool, [&] { po::store(po::command_line_parser(args).options(desc).positional(positional).run(), vm); }, vm,
        usage);
}

bool apply_log_level(std::string_view tool, const std::string& level) {
    const auto parsed = logging::parse_level(level);
    if (!parsed) {
        std::cerr << tool << ": unknown --log-level " << level << " (trace, debug, info, warn, error or off)\n";
        return false;
    }
    logging::set_level(*parsed);
    return true;
}

namespace {

sigset_t stop_set() {
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGTERM);
    return set;
}

}  // namespace

StopSignals::StopSignals() {
    const sigset_t set = stop_set();
    pthread_sigmask(SIG_BLOCK, &set, nullptr);
}

std::string_view StopSignals::wait() {
    const sigset_t set = stop_set();
    int received = 0;
    sigwait(&set, &received);
    return received == SIGINT ? "SIGINT" : "SIGTERM";
}

std::optional<std::string_view> StopSignals::wait_for(std::chrono::milliseconds timeout) {
    const sigset_t set = stop_set();
    const auto ms = std::max<std::chrono::milliseconds::rep>(timeout.count(), 0);
    timespec ts{};
    ts.tv_sec = static_cast<time_t>(ms / 1000);
    ts.tv_nsec = static_cast<long>((ms % 1000) * 1'000'000);
    const int received = sigtimedwait(&set, nullptr, &ts);
    if (received == SIGINT) return "SIGINT";
    if (received == SIGTERM) return "SIGTERM";
    // EAGAIN: the time passed. EINTR (another signal's handler ran): the time left is not
    // reported, so an early return is the simple answer; callers loop anyway.
    return std::nullopt;
}

}  // namespace optimist::tools
