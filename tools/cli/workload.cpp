// optimist workload NAME: writes a generated workload (workload::generate) as signed raw
// transactions, one 0x-hex per line, the setup first: the file `optimist submit` sends.
// Lines starting with # record the options, so a file says how to make it again. --setup-only
// and --no-setup split the file in two, for a live chain: the sequencer admits a workload
// transaction only once the setup that funds its sender is mined.
#include "cli_common.hpp"

#include <optimist/core/hex.hpp>
#include <optimist/crypto/secp256k1.hpp>
#include <optimist/tx/codec.hpp>
#include <optimist/workload/workload.hpp>

#include <boost/program_options.hpp>

#include <fstream>
#include <iostream>
#include <sstream>

namespace po = boost::program_options;

namespace optimist::cli {
namespace {

std::string kind_names() {
    std::string out;
    for (workload::Kind k : workload::all_kinds()) {
        if (!out.empty()) out += ", ";
        out += workload::to_string(k);
    }
    return out;
}

// The command line that regenerates the file (every option that shapes the workload).
std::string describe(const workload::Options& o, bool custom_key, std::string_view part) {
    std::ostringstream s;
    s << "optimist workload " << workload::to_string(o.kind) << " --txs " << o.txs << " --seed " << o.seed
      << " --hot " << o.hot << " --pools " << o.pools << " --chain-id " << o.chain_id << " --funder-nonce "
      << o.funder_nonce;
    if (custom_key) s << " --funder-key <key>";
    if (!part.empty()) s << " --" << part;
    return s.str();
}

void write_lines(std::ostream& out, const std::vector<tx::Transaction>& txs) {
    for (const tx::Transaction& t : txs) out << to_hex(tx::encode_transaction(t)) << '\n';
}

}  // namespace

int run_workload(const std::vector<std::string>& args) {
    std::string name;
    std::string out_path;
    std::string key_text;
    workload::Options o;

    po::options_description desc("optimist workload options");
    desc.add_options()
        ("help,h", "print this help and exit")
        ("kind", po::value(&name), ("the workload: " + kind_names()).c_str())
        ("txs", po::value(&o.txs)->default_value(o.txs), "workload transactions (not counting setup)")
        ("seed", po::value(&o.seed)->default_value(o.seed), "seed: the same options give the same bytes")
        ("out", po::value(&out_path), "file to write (- for stdout)")
        ("hot", po::value(&o.hot)->default_value(o.hot),
         "erc20: fraction of transfers sent to a few hot accounts (0-1)")
        ("pools", po::value(&o.pools)->default_value(o.pools), "amm, mainnet: independent pools")
        ("chain-id", po::value(&o.chain_id)->default_value(o.chain_id), "chain id to sign for")
        ("funder-key", po::value(&key_text), "private key (hex) that pays for the setup (default: dev key 0)")
        ("funder-nonce", po::value(&o.funder_nonce)->default_value(o.funder_nonce),
         "the funder's nonce when the setup starts (contract addresses follow from it)")
        ("no-setup", "write only the workload transactions (the setup already ran)")
        ("setup-only", "write only the setup (its funding must be mined before the workload is admitted)");
    po::positional_options_description positional;
    positional.add("kind", 1);
    po::variables_map vm;
    try {
        po::store(po::command_line_parser(args).options(desc).positional(positional).run(), vm);
        po::notify(vm);
    } catch (const po::error& e) {
        std::cerr << "optimist workload: " << e.what() << "\n\n" << desc << '\n';
        return kExitUsage;
    }
    if (vm.count("help")) {
        std::cout << "Usage: optimist workload NAME --out FILE [options]\n\n"
                     "Writes a deterministic workload as signed raw transactions, one hex per line: the\n"
                     "setup (deployments, funding, mints, liquidity; from the funder, in nonce order),\n"
                     "then one transaction from each workload account. Send it with `optimist submit`:\n"
                     "on a live chain the setup (--setup-only) first, waiting until it is mined, then the\n"
                     "workload (--no-setup), since a workload account is admitted only once its funding\n"
                     "is in a block.\nWorkloads: "
                  << kind_names() << " (docs/workloads.md).\n\n"
                  << desc << '\n';
        return kExitOk;
    }
    const auto kind = workload::parse_kind(name);
    if (!kind) {
        std::cerr << "optimist workload: NAME must be one of " << kind_names() << " (see --help)\n";
        return kExitUsage;
    }
    o.kind = *kind;
    if (out_path.empty()) {
        std::cerr << "optimist workload: --out FILE is required (see --help)\n";
        return kExitUsage;
    }
    const bool custom_key = vm.count("funder-key") > 0;
    if (custom_key) {
        auto k = fixed_from_hex<32>(key_text);
        if (!k || !crypto::is_valid_scalar(*k)) {
            std::cerr << "optimist workload: --funder-key is not a valid secp256k1 private key\n";
            return kExitUsage;
        }
        o.funder_key = *k;
    }
    const bool no_setup = vm.count("no-setup") > 0;
    const bool setup_only = vm.count("setup-only") > 0;
    if (no_setup && setup_only) {
        std::cerr << "optimist workload: --no-setup and --setup-only exclude each other\n";
        return kExitUsage;
    }
    const std::string_view part = no_setup ? "no-setup" : setup_only ? "setup-only" : "";

    auto w = workload::generate(o);
    if (!w) {
        std::cerr << "optimist workload: " << w.error() << '\n';
        return kExitUsage;
    }

    std::ofstream file;
    if (out_path != "-") {
        file.open(out_path, std::ios::trunc);
        if (!file) {
            std::cerr << "optimist workload: cannot write " << out_path << '\n';
            return kExitFailure;
        }
    }
    std::ostream& out = out_path == "-" ? std::cout : file;
    out << "# " << describe(o, custom_key, part) << '\n'
        << "# funder " << to_hex(w->funder.view()) << ", funding needed " << to_string(w->funding_needed)
        << " wei\n";
    if (!no_setup) {
        out << "# " << w->setup.size() << " setup transactions\n";
        write_lines(out, w->setup);
    }
    if (!setup_only) {
        out << "# " << w->txs.size() << " workload transactions\n";
        write_lines(out, w->txs);
    }
    out.flush();
    if (!out) {
        std::cerr << "optimist workload: writing " << out_path << " failed\n";
        return kExitFailure;
    }

    // The summary goes to stderr when the transactions go to stdout.
    std::ostream& summary = out_path == "-" ? std::cerr : std::cout;
    summary << workload::to_string(o.kind) << ": " << w->txs.size() << " workload transactions";
    summary << (setup_only ? " (not written)" : "");
    summary << " after " << w->setup.size() << " setup transactions" << (no_setup ? " (not written)" : "");
    summary << ", " << w->contracts.size() << " contracts\n"
            << "funder " << to_hex(w->funder.view()) << " (nonce " << o.funder_nonce << "), funding needed "
            << format_ether(w->funding_needed) << '\n';
    if (out_path != "-") summary << "wrote " << out_path << '\n';
    return kExitOk;
}

}  // namespace optimist::cli
