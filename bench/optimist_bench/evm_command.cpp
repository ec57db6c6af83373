// optimist-bench evm: Optimist's interpreter against revm (anvil) on the same compute-heavy
// calls, side by side in one run.
//
// Each workload is one contract of contracts/Bench*.sol with `run(uint256 n, uint256 seed)`,
// a loop of n iterations. n is calibrated on Optimist's side so that one call uses about
// --gas-target gas (25M by default: enough that anvil's JSON-RPC round trip, reported on its
// own, is a small part of a call). The pre-state is built on Optimist's side and copied to
// anvil (evm_sides.hpp). Then the call runs --repeat times on each side, alternating, and
// each side's fastest time counts (the median is reported too):
//   Optimist: exec::simulate_call in-process, the path of eth_call, over a fresh StateView
//             each time (nothing is cached between calls but the committed pre-state);
//   anvil:    eth_call over HTTP on loopback (one keep-alive connection), wall time of the
//             round trip.
// Both sides must return the same output, and the call's gas used (Optimist: simulate_call's;
// anvil: the receipt of the same call sent as a transaction, then reverted with evm_revert)
// must be equal: a difference is a conformance bug and fails the run.
#include "commands.hpp"
#include "evm_contracts.hpp"
#include "evm_sides.hpp"
#include "text.hpp"
#include "tool_support.hpp"

#include <optimist/core/hex.hpp>
#include <optimist/core/keccak.hpp>

#include <boost/program_options.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <iostream>
#include <optional>
#include <set>
#include <sstream>

namespace po = boost::program_options;

namespace optimist::bench {
namespace {

using Clock = std::chrono::steady_clock;

struct EvmWorkload {
    const char* name;
    const char* contract;
    const char* description;
};

constexpr EvmWorkload kWorkloads[] = {
    {"keccak", "BenchKeccak", "KECCAK256 of 64 bytes, chained (inline assembly)"},
    {"arith", "BenchArith", "256-bit MUL/ADD/SUB/DIV/SDIV/MOD/ADDMOD/MULMOD/EXP/shifts (unchecked Solidity)"},
    {"memory", "BenchMemory",
     "MCOPY of 1-4 KiB, identity precompile of 1 KiB, MLOAD/MSTORE in a 16 KiB buffer"},
    {"storage", "BenchStorage", "SLOAD + SSTORE over 128 slots (each cold once, then warm)"},
    {"pairing", "BenchPairing", "bn254 pairing check of 2 pairs (precompile 0x08)"},
    {"erc20", "BenchErc20", "Token.transfer called from a loop, round robin over 64 recipients"},
    {"amm", "BenchAmm", "Router.swapExactTokensForTokens through one Pair, alternating direction"},
};

// Dev account 0 of anvil's (and Optimist's) test mnemonic: anvil holds its key, so it can
// send the gas-measuring transaction; on Optimist's side it calls with gas price zero.
const Address kCaller = *fixed_from_hex<20>("0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266");
// An address with no code: the empty eth_call that measures the RPC round trip.
const Address kNoCode = Address::right_aligned(Bytes{0x0e, 0x4d, 0x07, 0x7c, 0xa1, 0x1e});

Bytes run_calldata(std::uint64_t n, std::uint64_t seed) {
    static constexpr std::string_view kSignature = "run(uint256,uint256)";
    const Hash selector =
        keccak256(ByteView(reinterpret_cast<const std::uint8_t*>(kSignature.data()), kSignature.size()));
    Bytes data(selector.begin(), selector.begin() + 4);
    for (const Uint256& arg : {Uint256(n), Uint256(seed)}) {
        const Hash w = arg.to_hash();
        data.insert(data.end(), w.begin(), w.end());
    }
    return data;
}

double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    const std::size_t m = v.size() / 2;
    return v.size() % 2 ? v[m] : (v[m - 1] + v[m]) / 2;
}

double minimum(const std::vector<double>& v) { return *std::min_element(v.begin(), v.end()); }

std::string short_hex(ByteView b) {
    std::string s = to_hex(b);
    return s.size() > 74 ? concat(std::string_view(s).substr(0, 74), "...") : s;
}

std::vector<std::string> split_list(const std::string& text) {
    std::vector<std::string> out;
    std::stringstream in(text);
    std::string item;
    while (std::getline(in, item, ',')) {
        if (!item.empty()) out.push_back(item);
    }
    return out;
}

// The loop count whose call uses about `target` gas on Optimist's side (within 4%, or the
// closest of the counts tried): gas is nearly linear in n, so scaling n by target / gas
// converges in a few calls. Fails with the call's status when a call does not succeed.
struct Calibration {
    std::uint64_t n = 1;
    CallResult result;
};

Result<Calibration, std::string> calibrate(const OptimistSide& side, const Address& to, std::uint64_t seed,
                                           std::uint64_t target) {
    const auto distance = [target](std::uint64_t gas) { return gas > target ? gas - target : target - gas; };
    std::set<std::uint64_t> tried;
    Calibration best;
    std::uint64_t n = 1;
    for (int attempt = 0; attempt < 16 && tried.insert(n).second; ++attempt) {
        auto r = side.call(to, run_calldata(n, seed));
        if (!r) return fail(r.error());
        if (!r->success) {
            return fail(concat("n = ", n, ": ", r->status,
                               r->output.empty() ? "" : concat(" ", short_hex(r->output))));
        }
        const std::uint64_t gas = r->gas_used;
        if (attempt == 0 || distance(gas) < distance(best.result.gas_used))
            best = Calibration{n, std::move(*r)};
        if (static_cast<double>(distance(gas)) <= 0.04 * static_cast<double>(target)) break;
        const double scale = std::min(8.0, static_cast<double>(target) / static_cast<double>(gas));
        const std::uint64_t previous = n;
        n = std::max<std::uint64_t>(1, static_cast<std::uint64_t>(static_cast<double>(n) * scale));
        if (gas < target && n <= previous) n = previous + 1;
    }
    return best;
}

struct SideTimes {
    std::vector<double> seconds;
    [[nodiscard]] double median_s() const { return median(seconds); }
    [[nodiscard]] double min_s() const { return minimum(seconds); }
};

}  // namespace

int run_evm(const std::vector<std::string>& args) {
    std::string anvil_url;
    std::string workloads_text;
    std::string allow_fail_text;
    int repeat = 5;
    std::uint64_t gas_target = 25'000'000;
    std::uint64_t gas_limit = 1'000'000'000;
    std::uint64_t seed = 1;
    std::uint64_t chain_id = 31337;

    po::options_description desc("optimist-bench evm options");
    // clang-format off
    desc.add_options()
        ("help,h", "print this help and exit")
        ("anvil-url", po::value(&anvil_url), "JSON-RPC URL of an anvil started with --hardfork cancun and a block gas "
                                             "limit of at least --gas-limit (bench/evm_report.sh starts one)")
        ("no-anvil", "run Optimist's side only (checks the harness; no ratio)")
        ("workload", po::value(&workloads_text), "comma-separated workloads (default: all): keccak, arith, memory, "
                                                 "storage, pairing, erc20, amm")
        ("repeat", po::value(&repeat)->default_value(repeat), "timed calls per side, alternating; the fastest counts")
        ("gas-target", po::value(&gas_target)->default_value(gas_target), "gas per call the loop count is calibrated to")
        ("gas-limit", po::value(&gas_limit)->default_value(gas_limit), "gas limit of every call")
        ("seed", po::value(&seed)->default_value(seed), "the second argument of run(n, seed)")
        ("chain-id", po::value(&chain_id)->default_value(chain_id), "CHAINID on Optimist's side (anvil's default)")
        ("allow-fail", po::value(&allow_fail_text), "comma-separated workloads whose failure on Optimist's side does "
                                                    "not fail the run (reported as unavailable)")
        ("json", "print one JSON object instead of the table");
    // clang-format on
    po::variables_map vm;
    const auto usage = [&](std::ostream& out) {
        out << "usage: optimist-bench evm (--anvil-url URL | --no-anvil) [--workload NAME,...] [--repeat N] [--json]\n\n"
            << "Runs the same compute-heavy contract calls on Optimist's interpreter and as eth_call on anvil,\n"
            << "checks that both return the same output and use the same gas, and prints Mgas/s and the ratio.\n\n"
            << desc;
    };
    if (auto exit = tools::parse_options("optimist-bench evm", args, desc, {}, vm, usage)) return *exit;
    const bool use_anvil = vm.count("no-anvil") == 0;
    if (use_anvil == anvil_url.empty()) {
        std::cerr << "optimist-bench evm: give either --anvil-url URL or --no-anvil\n";
        return 2;
    }
    if (repeat < 1) repeat = 1;
    if (gas_target < 30'000 || gas_target >= gas_limit) {
        std::cerr << "optimist-bench evm: --gas-target must be at least 30000 and below --gas-limit\n";
        return 2;
    }
    std::vector<const EvmWorkload*> selected;
    if (workloads_text.empty()) {
        for (const EvmWorkload& w : kWorkloads) selected.push_back(&w);
    } else {
        for (const std::string& name : split_list(workloads_text)) {
            const auto it = std::find_if(std::begin(kWorkloads), std::end(kWorkloads),
                                         [&](const EvmWorkload& w) { return name == w.name; });
            if (it == std::end(kWorkloads)) {
                std::cerr << "optimist-bench evm: unknown workload \"" << name << "\"\n";
                return 2;
            }
            selected.push_back(&*it);
        }
    }
    const auto allowed = split_list(allow_fail_text);
    const std::set<std::string> allow_fail(allowed.begin(), allowed.end());
    const bool json = vm.count("json") != 0;
    auto progress = [](const std::string& line) { std::cerr << "optimist-bench evm: " << line << '\n'; };

    // --- the pre-state: every selected contract deployed on Optimist's side --------------------
    OptimistSide optimist(kCaller, gas_limit, chain_id);
    std::vector<Address> addresses;
    for (const EvmWorkload* w : selected) {
        const workload::ContractArtifact* contract = find_bench_contract(w->contract);
        if (!contract) {
            std::cerr << "optimist-bench evm: contract " << w->contract << " is not embedded\n";
            return 1;
        }
        auto address = optimist.deploy(*contract);
        if (!address) {
            std::cerr << "optimist-bench evm: " << address.error() << '\n';
            return 1;
        }
        addresses.push_back(*address);
    }
    optimist.freeze();

    std::optional<AnvilSide> anvil;
    std::string anvil_version;
    std::vector<double> empty_call;
    if (use_anvil) {
        anvil.emplace(anvil_url, kCaller, gas_limit);
        auto version = anvil->connect();
        if (!version) {
            std::cerr << "optimist-bench evm: anvil at " << anvil_url << ": " << version.error() << '\n';
            return 1;
        }
        anvil_version = *version;
        if (auto copied = anvil->copy_contracts(optimist.state()); !copied) {
            std::cerr << "optimist-bench evm: " << copied.error() << '\n';
            return 1;
        }
        // The round trip of a call that executes nothing: what every timed eth_call includes.
        for (int i = 0; i < 5 + 4 * repeat; ++i) {
            const auto start = Clock::now();
            auto r = anvil->call(kNoCode, {});
            const double s = std::chrono::duration<double>(Clock::now() - start).count();
            if (!r || !r->success) {
                std::cerr << "optimist-bench evm: the empty eth_call failed\n";
                return 1;
            }
            if (i >= 5) empty_call.push_back(s);  // the first few warm the connection up
        }
        progress(concat(anvil_version, ", empty eth_call ", median(empty_call) * 1e3, " ms"));
    }
    // --- each workload ---------------------------------------------------------------------------
    nlohmann::json results = nlohmann::json::array();
    bool all_ok = true;
    for (std::size_t k = 0; k < selected.size(); ++k) {
        const EvmWorkload& w = *selected[k];
        const Address& to = addresses[k];
        nlohmann::json r;
        r["workload"] = w.name;
        r["contract"] = w.contract;
        r["description"] = w.description;
        r["address"] = to_hex(to.view());

        auto calibration = calibrate(optimist, to, seed, gas_target);
        if (!calibration) {
            // Optimist cannot run the call (e.g. a precompile it lacks). Show what anvil does
            // with the smallest call, so a failure there is told apart from one here.
            const bool tolerated = allow_fail.count(w.name) != 0;
            r["status"] = "optimist_failed";
            r["optimist_error"] = calibration.error();
            std::string anvil_says;
            if (anvil) {
                if (auto a = anvil->call(to, run_calldata(1, seed))) {
                    r["anvil_n1"] = {{"status", a->status}, {"output", to_hex(a->output)}};
                    anvil_says = concat(" (anvil with n = 1: ", a->status, ")");
                }
            }
            progress(concat(tolerated ? "UNAVAILABLE" : "FAILED", " on Optimist: ", w.name, ": ",
                            calibration.error(), anvil_says));
            all_ok = all_ok && tolerated;
            results.push_back(r);
            continue;
        }
        const std::uint64_t n = calibration->n;
        const Bytes data = run_calldata(n, seed);
        const CallResult& expected = calibration->result;
        r["n"] = n;
        r["gas_used"] = expected.gas_used;
        r["output"] = to_hex(expected.output);
        progress(concat(w.name, ": n = ", n, ", ", expected.gas_used, " gas"));

        std::vector<std::string> problems;
        std::optional<CallResult> anvil_first;
        std::optional<std::uint64_t> anvil_gas;
        if (anvil) {
            auto a = anvil->call(to, data);
            if (!a) {
                std::cerr << "optimist-bench evm: anvil: " << a.error() << '\n';
                return 1;
            }
            anvil_first = std::move(*a);
            if (anvil_first->success != expected.success || anvil_first->output != expected.output) {
                problems.push_back(concat("output differs: Optimist ", expected.status, " ",
                                          short_hex(expected.output), ", anvil ", anvil_first->status, " ",
                                          short_hex(anvil_first->output)));
            }
            auto g = anvil->gas_used(to, data);
            if (!g) {
                problems.push_back(concat("anvil's gas used is unknown: ", g.error()));
            } else {
                anvil_gas = *g;
                if (*g != expected.gas_used) {
                    problems.push_back(
                        concat("gas used differs: Optimist ", expected.gas_used, ", anvil ", *g));
                }
            }
        }

        // Alternating timed calls; every one must repeat the first result exactly.
        SideTimes ours;
        SideTimes theirs;
        for (int i = 0; i < repeat; ++i) {
            auto start = Clock::now();
            auto o = optimist.call(to, data);
            ours.seconds.push_back(std::chrono::duration<double>(Clock::now() - start).count());
            if (!o || !(*o == expected))
                problems.push_back(concat("Optimist's call ", i + 1, " gave another result"));
            if (anvil) {
                start = Clock::now();
                auto a = anvil->call(to, data);
                theirs.seconds.push_back(std::chrono::duration<double>(Clock::now() - start).count());
                if (!a || a->success != anvil_first->success || a->output != anvil_first->output) {
                    problems.push_back(concat("anvil's call ", i + 1, " gave another result"));
                }
            }
        }

        // The fastest call of each side counts: on a shared machine other work only ever
        // slows a call down, so the minimum is the least disturbed measurement. Medians are
        // reported as well.
        const double gas = static_cast<double>(expected.gas_used);
        r["optimist"] = {{"min_s", ours.min_s()},
                         {"median_s", ours.median_s()},
                         {"mgas_per_s", gas / ours.min_s() / 1e6},
                         {"mgas_per_s_median", gas / ours.median_s() / 1e6}};
        if (anvil) {
            const double net = theirs.min_s() - minimum(empty_call);
            r["anvil"] = {{"min_s", theirs.min_s()},
                          {"median_s", theirs.median_s()},
                          {"mgas_per_s", gas / theirs.min_s() / 1e6},
                          {"mgas_per_s_median", gas / theirs.median_s() / 1e6},
                          {"mgas_per_s_without_rpc", net > 0 ? gas / net / 1e6 : 0.0},
                          {"gas_used", anvil_gas ? nlohmann::json(*anvil_gas) : nlohmann::json()}};
            r["ratio"] = theirs.min_s() / ours.min_s();
            r["ratio_median"] = theirs.median_s() / ours.median_s();
            r["ratio_without_rpc"] = net > 0 ? net / ours.min_s() : 0.0;
            r["outputs_match"] =
                anvil_first->success == expected.success && anvil_first->output == expected.output;
            r["gas_match"] = anvil_gas && *anvil_gas == expected.gas_used;
        }
        r["status"] = problems.empty() ? "ok" : "mismatch";
        if (!problems.empty()) {
            r["problems"] = problems;
            for (const std::string& p : problems) progress(concat("MISMATCH in ", w.name, ": ", p));
            all_ok = false;
        }
        results.push_back(r);
    }

    if (json) {
        nlohmann::json out;
        out["command"] = "optimist-bench evm";
        out["statistic"] = concat("fastest of ", repeat, " calls per side, alternating (medians also given)");
        out["repeat"] = repeat;
        out["threads"] = 1;
        out["gas_target"] = gas_target;
        out["gas_limit"] = gas_limit;
        out["seed"] = seed;
        if (use_anvil) {
            out["anvil"] = {{"url", anvil_url},
                            {"version", anvil_version},
                            {"empty_call_min_s", minimum(empty_call)},
                            {"empty_call_median_s", median(empty_call)}};
        }
        out["workloads"] = results;
        out["ok"] = all_ok;
        std::cout << out.dump(2) << '\n';
    } else {
        if (use_anvil) {
            std::printf("%s; empty eth_call round trip %.3f ms (fastest), %.3f ms (median)\n",
                        anvil_version.c_str(), minimum(empty_call) * 1e3, median(empty_call) * 1e3);
        }
        std::printf("fastest of %d calls per side, alternating, one thread each\n", repeat);
        std::printf("%-9s %10s %9s %15s %12s %9s %10s  %s\n", "workload", "Mgas/call", "n", "Optimist Mgas/s",
                    "anvil Mgas/s", "ratio", "anvil-rpc", "check");
        for (const nlohmann::json& r : results) {
            const std::string name = r["workload"];
            if (r["status"] == "optimist_failed") {
                std::printf("%-9s %10s %9s %15s %12s %9s %10s  failed on Optimist: %s\n", name.c_str(), "-",
                            "-", "-", "-", "-", "-", r["optimist_error"].get<std::string>().c_str());
                continue;
            }
            const double mgas = r["gas_used"].get<double>() / 1e6;
            const double ours = r["optimist"]["mgas_per_s"];
            if (use_anvil) {
                std::printf("%-9s %10.2f %9llu %15.1f %12.1f %8.2fx %9.2fx  %s\n", name.c_str(), mgas,
                            static_cast<unsigned long long>(r["n"].get<std::uint64_t>()), ours,
                            r["anvil"]["mgas_per_s"].get<double>(), r["ratio"].get<double>(),
                            r["ratio_without_rpc"].get<double>(), r["status"].get<std::string>().c_str());
            } else {
                std::printf("%-9s %10.2f %9llu %15.1f %12s %9s %10s  %s\n", name.c_str(), mgas,
                            static_cast<unsigned long long>(r["n"].get<std::uint64_t>()), ours, "-", "-", "-",
                            r["status"].get<std::string>().c_str());
            }
        }
        std::printf(
            "ratio: Optimist's speed over anvil's (>1: Optimist faster); anvil-rpc: the same with anvil's "
            "time less the empty eth_call\n");
    }
    return all_ok ? 0 : 1;
}

}  // namespace optimist::bench
