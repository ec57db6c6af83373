// optimist roots: the output proposals in the L1 oracle and, when an L2 node answers, whether
// each posted root is the root that node computes for the block (optimist_outputAtBlock).
#include "cli_common.hpp"

#include <optimist/core/hex.hpp>
#include <optimist/l1/rpc_client.hpp>
#include <optimist/rpc/http_client.hpp>
#include <optimist/rpc/params.hpp>

#include <boost/program_options.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdio>
#include <iostream>
#include <optional>

namespace po = boost::program_options;
using nlohmann::json;

namespace optimist::cli {
namespace {

constexpr std::string_view kDefaultL1 = "http://127.0.0.1:8545";
// Proposals per optimist_l1Outputs request (the stub's maximum) and L2 calls per JSON-RPC
// batch (under the node's default --rpc.max-batch of 1000).
constexpr std::uint64_t kOutputsPage = 1'000;
constexpr std::size_t kL2Batch = 500;

struct Row {
    l1::OutputProposal proposal;
    std::optional<Hash> l2_root;  // the node's root for the block, when it has the block
    std::string l2_error;         // why there is none ("header not found", ...)
};

}  // namespace

int run_roots(const std::vector<std::string>& args) {
    std::string l1_url;
    std::string l2_url;
    po::options_description desc("optimist roots options");
    desc.add_options()
        ("help,h", "print this help and exit")
        ("l1", po::value(&l1_url)->default_value(std::string(kDefaultL1)), "the L1's JSON-RPC URL (optimist-l1)")
        ("rpc", po::value(&l2_url)->default_value(std::string(kDefaultRpc)),
         "an L2 node's JSON-RPC URL, to compare roots with (skipped if it does not answer)")
        ("json", "print one JSON document instead of a table");
    po::variables_map vm;
    try {
        po::store(po::command_line_parser(args).options(desc).run(), vm);
        po::notify(vm);
    } catch (const po::error& e) {
        std::cerr << "optimist roots: " << e.what() << "\n\n" << desc << '\n';
        return kExitUsage;
    }
    if (vm.count("help")) {
        std::cout << "Usage: optimist roots [options]\n\nLists the output proposals of the L1 oracle (index, L2 block, "
                     "root, proposer, bond,\nL1 block, status) and whether each matches the L2 node's "
                     "optimist_outputAtBlock root.\nExits 1 if a root does not match.\n\n"
                  << desc << '\n';
        return kExitOk;
    }

    l1::L1RpcClient l1(l1_url);
    std::vector<Row> rows;
    for (std::uint64_t from = 0;;) {
        auto page = l1.outputs(from, kOutputsPage);
        if (!page) {
            std::cerr << "optimist roots: optimist_l1Outputs: " << page.error().message << " (" << l1_url << ")\n";
            return kExitFailure;
        }
        for (l1::OutputProposal& p : *page) rows.push_back({std::move(p), std::nullopt, {}});
        if (page->size() < kOutputsPage) break;
        from = rows.back().proposal.index + 1;
    }

    // The L2 comparison is best effort: a node that is down only loses the last column.
    rpc::HttpClient l2(l2_url);
    std::optional<std::string> l2_down;
    for (std::size_t start = 0; start < rows.size() && !l2_down; start += kL2Batch) {
        std::vector<std::pair<std::string, json>> calls;
        for (std::size_t i = start; i < std::min(rows.size(), start + kL2Batch); ++i)
            calls.emplace_back("optimist_outputAtBlock", json::array({rpc::format_quantity(rows[i].proposal.l2_block)}));
        auto answers = l2.batch(calls);
        for (std::size_t k = 0; k < answers.size(); ++k) {
            Row& row = rows[start + k];
            if (!answers[k]) {
                if (answers[k].error().is_transport()) {
                    l2_down = answers[k].error().message;
                    break;
                }
                row.l2_error = answers[k].error().message;
                continue;
            }
            const json& a = *answers[k];
            if (a.is_object() && a.contains("outputRoot") && a["outputRoot"].is_string()) {
                if (auto root = fixed_from_hex<32>(a["outputRoot"].get<std::string>())) {
                    row.l2_root = *root;
                    continue;
                }
            }
            row.l2_error = "unexpected optimist_outputAtBlock answer";
        }
    }
    if (l2_down) {
        for (Row& row : rows) row.l2_root.reset();
    }

    std::size_t finalized = 0;
    std::size_t matched = 0;
    std::size_t mismatched = 0;
    for (const Row& row : rows) {
        if (row.proposal.status == l1::OutputStatus::finalized) ++finalized;
        if (row.l2_root) ++(*row.l2_root == row.proposal.output_root ? matched : mismatched);
    }
    const std::size_t unknown = rows.size() - matched - mismatched;

    if (vm.count("json")) {
        json proposals = json::array();
        for (const Row& row : rows) {
            const l1::OutputProposal& p = row.proposal;
            json j = {{"index", p.index},
                      {"l2Block", p.l2_block},
                      {"outputRoot", rpc::format_hash(p.output_root)},
                      {"proposer", rpc::format_address(p.proposer)},
                      {"bond", to_string(p.bond)},
                      {"l1Block", p.l1_block},
                      {"status", std::string(l1::to_string(p.status))},
                      {"l2OutputRoot", row.l2_root ? json(rpc::format_hash(*row.l2_root)) : json(nullptr)},
                      {"matches", row.l2_root ? json(*row.l2_root == p.output_root) : json(nullptr)}};
            if (!row.l2_error.empty() && !l2_down) j["l2Error"] = row.l2_error;
            proposals.push_back(std::move(j));
        }
        json out = {{"l1", l1_url},
                    {"l2", l2_url},
                    {"l2Reachable", !l2_down.has_value()},
                    {"proposals", std::move(proposals)},
                    {"summary",
                     {{"proposals", rows.size()},
                      {"finalized", finalized},
                      {"proposed", rows.size() - finalized},
                      {"matched", matched},
                      {"mismatched", mismatched},
                      {"unchecked", unknown}}}};
        if (l2_down) out["l2Error"] = *l2_down;
        std::cout << out.dump(2) << '\n';
    } else {
        std::cout << "index  L2 block  L1 block  status     bond      output root                                     "
                     "                     proposer                                    L2 node\n";
        for (const Row& row : rows) {
            const l1::OutputProposal& p = row.proposal;
            std::string check = l2_down                                      ? "-"
                                : !row.l2_root                               ? "? " + row.l2_error
                                : *row.l2_root == p.output_root ? "matches"
                                                                             : "MISMATCH " + rpc::format_hash(*row.l2_root);
            char line[96];
            std::snprintf(line, sizeof line, "%5llu  %8llu  %8llu  %-9s  ", static_cast<unsigned long long>(p.index),
                          static_cast<unsigned long long>(p.l2_block), static_cast<unsigned long long>(p.l1_block),
                          std::string(l1::to_string(p.status)).c_str());
            std::cout << line << format_ether(p.bond) << "  " << rpc::format_hash(p.output_root) << "  "
                      << rpc::format_address(p.proposer) << "  " << check << '\n';
        }
        std::cout << rows.size() << " proposals (" << finalized << " finalized); ";
        if (l2_down) std::cout << "L2 node " << l2_url << " did not answer (" << *l2_down << "): roots not compared\n";
        else std::cout << matched << " match the L2 node, " << mismatched << " do not, " << unknown << " unchecked\n";
    }
    return mismatched == 0 ? kExitOk : kExitFailure;
}

}  // namespace optimist::cli
