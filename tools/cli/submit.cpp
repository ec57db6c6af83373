// optimist submit FILE: sends a file of signed raw transactions (one hex per line; blank
// lines and lines starting with # are skipped) as JSON-RPC batches of eth_sendRawTransaction,
// with a progress bar, and reports which were accepted and why the others were rejected.
#include "cli_common.hpp"

#include <optimist/rpc/http_client.hpp>

#include <boost/program_options.hpp>

#include <chrono>
#include <fstream>
#include <iostream>
#include <thread>
#include <unistd.h>

namespace po = boost::program_options;

namespace optimist::cli {
namespace {

struct Line {
    std::size_t number = 0;  // 1-based line in the file
    std::string raw;
};

std::string trim(const std::string& s) {
    const auto b = s.find_first_not_of(" \t\r\n");
    if (b == std::string::npos) return {};
    const auto e = s.find_last_not_of(" \t\r\n");
    return s.substr(b, e - b + 1);
}

class Progress {
public:
    Progress(std::size_t total, bool enabled) : total_(total), enabled_(enabled) {}
    void update(std::size_t done, std::size_t rejected) {
        if (!enabled_) return;
        constexpr int kWidth = 40;
        const int filled = total_ ? static_cast<int>(kWidth * done / total_) : kWidth;
        std::cerr << "\r[" << std::string(static_cast<std::size_t>(filled), '#')
                  << std::string(static_cast<std::size_t>(kWidth - filled), '.') << "] " << done << "/" << total_
                  << " sent, " << rejected << " rejected" << std::flush;
    }
    void finish() {
        if (enabled_) std::cerr << '\n';
    }

private:
    std::size_t total_;
    bool enabled_;
};

}  // namespace

int run_submit(const std::vector<std::string>& args) {
    std::string url;
    std::string path;
    std::size_t batch_size = 100;
    double wait_seconds = 0;
    std::size_t show = 20;

    po::options_description desc("optimist submit options");
    desc.add_options()
        ("help,h", "print this help and exit")
        ("rpc", po::value(&url)->default_value(std::string(kDefaultRpc)), "the node's JSON-RPC URL")
        ("file", po::value(&path), "file of signed raw transactions, one 0x-hex per line (- for stdin)")
        ("batch-size", po::value(&batch_size)->default_value(100), "transactions per JSON-RPC batch")
        ("wait", po::value(&wait_seconds)->default_value(0),
         "seconds to wait until every accepted transaction is in a block (0: do not wait)")
        ("show-rejected", po::value(&show)->default_value(20), "rejections listed (the count is always printed)")
        ("no-progress", "no progress bar");
    po::positional_options_description positional;
    positional.add("file", 1);
    po::variables_map vm;
    try {
        po::store(po::command_line_parser(args).options(desc).positional(positional).run(), vm);
        po::notify(vm);
    } catch (const po::error& e) {
        std::cerr << "optimist submit: " << e.what() << "\n\n" << desc << '\n';
        return kExitUsage;
    }
    if (vm.count("help")) {
        std::cout << "Usage: optimist submit [options] FILE\n\nSubmits signed raw transactions as JSON-RPC batches and "
                     "reports the accepted and\nrejected ones with reasons. Exit status 1 when any was rejected.\n\n"
                  << desc << '\n';
        return kExitOk;
    }
    if (path.empty()) {
        std::cerr << "optimist submit: FILE is required (see --help)\n";
        return kExitUsage;
    }
    if (batch_size == 0) batch_size = 1;

    std::ifstream file;
    if (path != "-") {
        file.open(path);
        if (!file) {
            std::cerr << "optimist submit: cannot read " << path << '\n';
            return kExitUsage;
        }
    }
    std::istream& in = path == "-" ? std::cin : file;
    std::vector<Line> lines;
    std::string text;
    for (std::size_t n = 1; std::getline(in, text); ++n) {
        std::string t = trim(text);
        if (t.empty() || t[0] == '#') continue;
        lines.push_back({n, std::move(t)});
    }

    rpc::HttpClient client(url);
    Progress progress(lines.size(), vm.count("no-progress") == 0 && isatty(STDERR_FILENO));
    std::vector<std::pair<std::size_t, std::string>> rejected;  // line, reason
    std::vector<std::string> accepted;
    const auto started = std::chrono::steady_clock::now();
    for (std::size_t i = 0; i < lines.size(); i += batch_size) {
        std::vector<std::pair<std::string, nlohmann::json>> calls;
        const std::size_t end = std::min(lines.size(), i + batch_size);
        for (std::size_t j = i; j < end; ++j) calls.emplace_back("eth_sendRawTransaction", nlohmann::json::array({lines[j].raw}));
        auto results = client.batch(calls);
        for (std::size_t j = i; j < end; ++j) {
            const auto& r = results[j - i];
            if (r && r->is_string()) {
                accepted.push_back(r->get<std::string>());
            } else if (!r && r.error().is_transport()) {
                progress.finish();
                std::cerr << "optimist submit: " << r.error().message << " (" << url << ")\n";
                return kExitFailure;
            } else {
                rejected.emplace_back(lines[j].number, r ? std::string("unexpected result") : r.error().message);
            }
        }
        progress.update(end, rejected.size());
    }
    progress.finish();
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();

    std::cout << "submitted " << lines.size() << " transactions in " << seconds << " s: " << accepted.size()
              << " accepted, " << rejected.size() << " rejected\n";
    for (std::size_t k = 0; k < rejected.size() && k < show; ++k)
        std::cout << "  line " << rejected[k].first << ": " << rejected[k].second << '\n';
    if (rejected.size() > show) std::cout << "  ... and " << rejected.size() - show << " more\n";

    if (wait_seconds > 0 && !accepted.empty()) {
        // Included when the receipt exists; transactions of one sender land in nonce order,
        // so polling from the first not yet seen is enough.
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::duration<double>(wait_seconds);
        std::size_t included = 0;
        while (included < accepted.size() && std::chrono::steady_clock::now() < deadline) {
            auto receipt = client.call("eth_getTransactionReceipt", {accepted[included]});
            if (receipt && receipt->is_object()) {
                ++included;
                continue;
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
        }
        const double total = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
        std::cout << included << " of " << accepted.size() << " accepted transactions included after " << total
                  << " s\n";
        if (included < accepted.size()) return kExitFailure;
    }
    return rejected.empty() ? kExitOk : kExitFailure;
}

}  // namespace optimist::cli
