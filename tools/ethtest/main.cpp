// optimist-ethtest: runs ethereum/tests fixtures against Optimist.
//
//   optimist-ethtest state [options] PATH...
//   optimist-ethtest tx [options] PATH...      (TransactionTests; see tx_tests.hpp)
//
// Exit status: 0 when every selected case passes (with --baseline: when no case outside the
// baseline fails), 1 when some case fails, 2 on usage or input errors.
#include "progress.hpp"
#include "report.hpp"
#include "runner.hpp"
#include "tx_tests.hpp"

#include <boost/program_options.hpp>
#include <tbb/global_control.h>

#include <chrono>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <memory>
#include <optional>
#include <regex>
#include <string>
#include <unistd.h>
#include <vector>

namespace po = boost::program_options;
using namespace optimist::ethtest;

namespace {

constexpr int kExitFailures = 1;
constexpr int kExitUsage = 2;
constexpr std::size_t kFailuresShown = 30;

struct Options {
    std::string command;  // "state" or "tx"
    std::vector<std::string> paths;
    std::optional<std::regex> filter;
    std::optional<std::regex> exclude;
    bool trace = false;
    bool check_trace = false;
    std::string summary_json;
    std::string baseline;
    std::string write_baseline;
    std::string markdown;
    unsigned jobs = 0;
};

void print_usage(std::ostream& out, const po::options_description& desc) {
    out << "Usage: optimist-ethtest state [options] PATH...\n"
           "       optimist-ethtest tx [options] PATH...\n\n"
           "state: runs every Cancun case of the GeneralStateTests fixtures in PATH (files, or folders\n"
           "searched recursively) and checks post-state root, logs hash and expected exceptions.\n"
           "Case ids look like \"stExample/add11.json:add11:0-0-0\" (file below GeneralStateTests,\n"
           "test name, data-gas-value indexes).\n"
           "tx: runs the TransactionTests fixtures in PATH (Cancun entries) and checks hash, sender and\n"
           "intrinsic gas, or the expected rejection. Case ids look like\n"
           "\"ttNonce/TransactionWithHighNonce256.json:TransactionWithHighNonce256:Cancun\".\n\n"
        << desc << '\n';
}

bool write_file(const std::string& path, const std::string& text) {
    std::ofstream out(path, std::ios::binary);
    out << text;
    out.close();
    if (!out) std::cerr << "cannot write " << path << '\n';
    return static_cast<bool>(out);
}

void print_failures(const std::vector<const CaseResult*>& failures, const std::string& title) {
    if (failures.empty()) return;
    std::cout << '\n' << title << " (" << failures.size() << "):\n";
    for (std::size_t i = 0; i < failures.size() && i < kFailuresShown; ++i) {
        std::cout << "  " << failures[i]->id << " # " << failures[i]->reason << '\n';
    }
    if (failures.size() > kFailuresShown) {
        std::cout << "  ... and " << failures.size() - kFailuresShown << " more (see --summary-json)\n";
    }
}

int run_state(const Options& opt) {
    std::optional<Baseline> baseline;
    if (!opt.baseline.empty()) {
        std::ifstream in(opt.baseline);
        if (!in) {
            std::cerr << "cannot read baseline " << opt.baseline << '\n';
            return kExitUsage;
        }
        auto parsed = parse_baseline(in);
        if (!parsed) {
            std::cerr << opt.baseline << ':' << parsed.error().line << ": " << parsed.error().message << '\n';
            return kExitUsage;
        }
        baseline = std::move(parsed).value();
    }
    std::optional<tbb::global_control> threads;
    if (opt.jobs > 0) threads.emplace(tbb::global_control::max_allowed_parallelism, opt.jobs);

    const auto start = std::chrono::steady_clock::now();
    std::vector<CaseResult> results;
    std::size_t skipped = 0;
    if (opt.command == "tx") {
        auto run = run_tx_tests(opt.paths, opt.filter ? &*opt.filter : nullptr);
        if (!run) {
            std::cerr << run.error() << '\n';
            return kExitUsage;
        }
        std::cerr << "Ran " << run->results.size() << " TransactionTests cases from " << run->files
                  << " files\n";
        results = std::move(run->results);
        skipped = run->skipped;
    } else {
        auto found = discover(opt.paths);
        if (!found) {
            std::cerr << found.error() << '\n';
            return kExitUsage;
        }
        const std::vector<FixtureFile> files = load_fixtures(*found);
        Selection selection =
            select_cases(files, opt.filter ? &*opt.filter : nullptr, opt.exclude ? &*opt.exclude : nullptr);
        std::cerr << "Running " << selection.cases.size() << " Cancun cases from " << files.size() << " files"
                  << (opt.check_trace ? " (traced and untraced)" : "") << '\n';

        const bool terminal = isatty(STDERR_FILENO) != 0;
        Progress progress(std::cerr, selection.cases.size(), terminal);
        const bool show_progress = !opt.trace;
        CaseCheck check = opt.check_trace
                              ? CaseCheck(check_trace_agreement)
                              : CaseCheck([&](const CaseRef& c) { return check_case(c, opt.trace); });
        results = run_cases(selection.cases, check, opt.trace, [&] {
            if (show_progress) progress.advance();
        });
        if (show_progress) progress.finish();
        for (CaseResult& broken : selection.broken) results.push_back(std::move(broken));
        skipped = selection.skipped;
    }
    sort_results(results);
    const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();

    const auto rows = folder_table(results);
    std::cout << '\n';
    print_table(std::cout, rows);
    std::cout << "wall time " << std::fixed << std::setprecision(1) << wall << "s\n";

    if (!opt.markdown.empty()) {
        std::ostringstream md;
        print_markdown(md, rows);
        if (!write_file(opt.markdown, md.str())) return kExitUsage;
    }
    if (!opt.summary_json.empty() && !write_file(opt.summary_json, summary_json(results, skipped) + "\n")) {
        return kExitUsage;
    }
    if (!opt.write_baseline.empty()) {
        std::ostringstream text;
        write_baseline(text, results, baseline ? &*baseline : nullptr);
        if (!write_file(opt.write_baseline, text.str())) return kExitUsage;
    }

    const Verdict verdict = judge(results, baseline ? &*baseline : nullptr);
    if (baseline) {
        print_failures(verdict.new_failures, "Failures not in the baseline");
        if (!verdict.fixed.empty()) {
            std::cout << "\nBaseline cases that pass now; remove them from " << opt.baseline << " ("
                      << verdict.fixed.size() << "):\n";
            for (const std::string& id : verdict.fixed) std::cout << "  " << id << '\n';
        }
        std::cout << '\n'
                  << (verdict.ok() ? "OK" : "FAILED") << ": " << verdict.new_failures.size()
                  << " failures outside the baseline (" << baseline->reasons.size() << " known)\n";
    } else {
        print_failures(verdict.new_failures, "Failures");
        std::cout << '\n' << (verdict.ok() ? "OK" : "FAILED") << '\n';
    }
    return verdict.ok() ? 0 : kExitFailures;
}

int run(int argc, char** argv) {
    po::options_description desc("Options");
    // clang-format off
    desc.add_options()
        ("help,h", "show this help")
        ("filter", po::value<std::string>()->value_name("REGEX"),
         "run only cases whose id matches REGEX (ECMAScript, searched)")
        ("exclude", po::value<std::string>()->value_name("REGEX"), "skip cases whose id matches REGEX")
        ("trace", "write an EIP-3155 trace of every selected case to stderr (runs sequentially)")
        ("check-trace", "run each case through the stepping driver and the fast loop, and require equal "
                        "post-state root, logs hash and gas used")
        ("summary-json", po::value<std::string>()->value_name("FILE"),
         "write passed/failed/skipped counts and the failures to FILE")
        ("baseline", po::value<std::string>()->value_name("FILE"),
         "known failures, one \"<case id> # <reason>\" per line: exit 0 if no other case fails")
        ("write-baseline", po::value<std::string>()->value_name("FILE"),
         "write the failing cases to FILE in baseline format")
        ("markdown", po::value<std::string>()->value_name("FILE"), "write the per-folder table to FILE as Markdown")
        ("jobs,j", po::value<unsigned>()->value_name("N"), "worker threads (default: all cores)");
    // clang-format on
    po::options_description hidden;
    hidden.add_options()("command", po::value<std::string>())("paths", po::value<std::vector<std::string>>());
    po::options_description all;
    all.add(desc).add(hidden);
    po::positional_options_description positional;
    positional.add("command", 1).add("paths", -1);

    po::variables_map vm;
    try {
        po::store(po::command_line_parser(argc, argv).options(all).positional(positional).run(), vm);
        po::notify(vm);
    } catch (const po::error& e) {
        std::cerr << "optimist-ethtest: " << e.what() << "\n\n";
        print_usage(std::cerr, desc);
        return kExitUsage;
    }
    if (vm.count("help") != 0U) {
        print_usage(std::cout, desc);
        return 0;
    }
    const std::string command = vm.count("command") != 0U ? vm["command"].as<std::string>() : "";
    if ((command != "state" && command != "tx") || vm.count("paths") == 0U) {
        print_usage(std::cerr, desc);
        return kExitUsage;
    }

    Options opt;
    opt.command = command;
    opt.paths = vm["paths"].as<std::vector<std::string>>();
    try {
        if (vm.count("filter") != 0U) opt.filter.emplace(vm["filter"].as<std::string>());
        if (vm.count("exclude") != 0U) opt.exclude.emplace(vm["exclude"].as<std::string>());
    } catch (const std::regex_error& e) {
        std::cerr << "optimist-ethtest: bad --filter or --exclude: " << e.what() << '\n';
        return kExitUsage;
    }
    opt.trace = vm.count("trace") != 0U;
    opt.check_trace = vm.count("check-trace") != 0U;
    if (vm.count("summary-json") != 0U) opt.summary_json = vm["summary-json"].as<std::string>();
    if (vm.count("baseline") != 0U) opt.baseline = vm["baseline"].as<std::string>();
    if (vm.count("write-baseline") != 0U) opt.write_baseline = vm["write-baseline"].as<std::string>();
    if (vm.count("markdown") != 0U) opt.markdown = vm["markdown"].as<std::string>();
    if (vm.count("jobs") != 0U) opt.jobs = vm["jobs"].as<unsigned>();
    return run_state(opt);
}

}  // namespace

int main(int argc, char** argv) {
    // Tools glue: whatever escapes (an unreadable folder, memory) ends the run with a message.
    try {
        return run(argc, argv);
    } catch (const std::exception& e) {
        std::cerr << "optimist-ethtest: " << e.what() << '\n';
        return kExitUsage;
    }
}
