#include "tool_support.hpp"

#include <optimist/core/logging.hpp>

#include <csignal>
#include <iostream>

namespace optimist::tools {

namespace po = boost::program_options;

std::optional<int> parse_options(std::string_view tool, int argc, char** argv, const po::options_description& desc,
                                 po::variables_map& vm, const std::function<void(std::ostream&)>& usage) {
    try {
        po::store(po::parse_command_line(argc, argv, desc), vm);
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

}  // namespace optimist::tools
