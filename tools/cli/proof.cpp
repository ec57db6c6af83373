// optimist proof verify FILE: checks an exported one-step proof offline (proof_check.hpp).
#include "cli_common.hpp"
#include "proof_check.hpp"

#include <optimist/core/hex.hpp>

#include <boost/program_options.hpp>
#include <nlohmann/json.hpp>

#include <fstream>
#include <iostream>
#include <iterator>

namespace po = boost::program_options;
using nlohmann::json;

namespace optimist::cli {

namespace {

constexpr std::string_view kProofUsage =
    "Usage: optimist proof verify FILE [--json]\n\n"
    "Checks a one-step proof file (written by `optimist-challenger run --proof-dir`) offline: decodes\n"
    "the block inputs and the proof, runs the one step the L1's referee would run, and compares the\n"
    "commitment it gives with the one the other side claimed. Prints the block, the step, the pre\n"
    "commitment, the computed and the claimed post commitment, and \"REFUTES the claim\" or \"CONFIRMS\n"
    "the claim\".\n\n"
    "Exit status: 0 when the proof verifies (whether it refutes or confirms the claim), 1 when it does\n"
    "not (malformed, truncated, not a proof file, or it does not open the pre commitment), 2 on usage\n"
    "errors.\n\n";

int run_verify(const std::vector<std::string>& args) {
    std::string path;
    po::options_description desc("optimist proof verify options");
    desc.add_options()("help,h", "print this help and exit")(
        "file", po::value(&path), "the proof file (also the first positional argument)")(
        "json", "print one JSON object instead of text");
    po::positional_options_description positional;
    positional.add("file", 1);
    po::variables_map vm;
    try {
        po::store(po::command_line_parser(args).options(desc).positional(positional).run(), vm);
        po::notify(vm);
    } catch (const po::error& e) {
        std::cerr << "optimist proof verify: " << e.what() << "\n\n" << kProofUsage << desc << '\n';
        return kExitUsage;
    }
    if (vm.count("help")) {
        std::cout << kProofUsage << desc << '\n';
        return kExitOk;
    }
    if (path.empty()) {
        std::cerr << "optimist proof verify: a proof FILE is required\n\n" << kProofUsage << desc << '\n';
        return kExitUsage;
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        std::cerr << "optimist proof verify: cannot open " << path << '\n';
        return kExitFailure;
    }
    const Bytes bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    auto report = check_proof_bytes(bytes);
    if (!report) {
        if (vm.count("json")) {
            std::cout << json{{"file", path}, {"verified", false}, {"error", report.error()}}.dump(2) << '\n';
        }
        std::cerr << "optimist proof verify: " << path << ": " << report.error() << '\n';
        return kExitFailure;
    }
    if (vm.count("json")) {
        const ProofFileReport& r = *report;
        json j = {{"file", path},
                  {"verified", true},
                  {"chainId", r.chain_id},
                  {"l2Block", r.l2_block},
                  {"timestamp", r.timestamp},
                  {"transactions", r.tx_count},
                  {"step", r.step},
                  {"txIndex", r.tx_index ? json(*r.tx_index) : json(nullptr)},
                  {"pre", to_hex(r.pre.view())},
                  {"post", to_hex(r.post.view())},
                  {"claimedPost", to_hex(r.claimed_post.view())},
                  {"refutes", r.refutes},
                  {"proofBytes", r.proof_bytes}};
        std::cout << j.dump(2) << '\n';
    } else {
        std::cout << "proof file     " << path << '\n' << format_proof_report(*report);
    }
    return kExitOk;
}

}  // namespace

int run_proof(const std::vector<std::string>& args) {
    if (args.empty() || args[0] == "--help" || args[0] == "-h" || args[0] == "help") {
        (args.empty() ? std::cerr : std::cout) << kProofUsage;
        return args.empty() ? kExitUsage : kExitOk;
    }
    if (args[0] == "verify") return run_verify(std::vector<std::string>(args.begin() + 1, args.end()));
    std::cerr << "optimist proof: unknown subcommand \"" << args[0] << "\" (verify)\n";
    return kExitUsage;
}

}  // namespace optimist::cli
