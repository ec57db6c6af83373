#include "l1_json.hpp"

#include "json_fields.hpp"

#include <optimist/rpc/params.hpp>

namespace optimist::l1::l1json {
namespace {

using nlohmann::json;
using rpc::format_address;
using rpc::format_data;
using rpc::format_hash;
using rpc::format_quantity;

Result<std::uint32_t, std::string> parse_u32(const json& j) {
    auto v = rpc::parse_quantity_u64(j);
    if (!v) return fail(v.error());
    if (*v > UINT32_MAX) return fail(std::string("does not fit in 32 bits"));
    return static_cast<std::uint32_t>(*v);
}

}  // namespace

json to_json(const L1Config& c) {
    return json{{"chainId", format_quantity(c.chain_id)},
                {"batchInbox", format_address(c.batch_inbox)},
                {"outputOracle", format_address(c.output_oracle)},
                {"challengeWindow", format_quantity(c.challenge_window)},
                {"minBond", format_quantity(c.min_bond)},
                {"disputeGameFactory", format_address(c.dispute_game_factory)},
                {"gameClock", format_quantity(c.game_clock)},
                {"l2GenesisOutput", format_hash(c.l2_genesis_output)}};
}

json to_json(const L1Head& h) {
    return json{{"number", format_quantity(h.number)},
                {"hash", format_hash(h.hash)},
                {"timestamp", format_quantity(h.timestamp)}};
}

json to_json(const InboxEntry& e) {
    return json{{"l1Block", format_quantity(e.l1_block)},
                {"index", format_quantity(std::uint64_t{e.index})},
                {"sender", format_address(e.sender)},
                {"data", format_data(e.data)},
                {"txHash", format_hash(e.tx_hash)}};
}

json to_json(const OutputProposal& p) {
    return json{{"index", format_quantity(p.index)},         {"proposer", format_address(p.proposer)},
                {"l2Block", format_quantity(p.l2_block)},    {"outputRoot", format_hash(p.output_root)},
                {"bond", format_quantity(p.bond)},           {"l1Block", format_quantity(p.l1_block)},
                {"status", std::string(to_string(p.status))}};
}

Result<L1Config, std::string> config_from_json(const json& j) {
    OPTIMIST_L1_FIELD(chain, std::uint64_t, j, "chainId", rpc::parse_quantity_u64);
    OPTIMIST_L1_FIELD(inbox, Address, j, "batchInbox", rpc::parse_address);
    OPTIMIST_L1_FIELD(oracle, Address, j, "outputOracle", rpc::parse_address);
    OPTIMIST_L1_FIELD(window, std::uint64_t, j, "challengeWindow", rpc::parse_quantity_u64);
    OPTIMIST_L1_FIELD(bond, Uint256, j, "minBond", rpc::parse_quantity);
    OPTIMIST_L1_FIELD(factory, Address, j, "disputeGameFactory", rpc::parse_address);
    OPTIMIST_L1_FIELD(clock, std::uint64_t, j, "gameClock", rpc::parse_quantity_u64);
    OPTIMIST_L1_FIELD(genesis, Hash, j, "l2GenesisOutput", rpc::parse_hash);
    return L1Config{*chain, *inbox, *oracle, *window, *bond, *factory, *clock, *genesis};
}

Result<L1Head, std::string> head_from_json(const json& j) {
    OPTIMIST_L1_FIELD(number, std::uint64_t, j, "number", rpc::parse_quantity_u64);
    OPTIMIST_L1_FIELD(hash, Hash, j, "hash", rpc::parse_hash);
    OPTIMIST_L1_FIELD(timestamp, std::uint64_t, j, "timestamp", rpc::parse_quantity_u64);
    return L1Head{*number, *hash, *timestamp};
}

Result<InboxEntry, std::string> inbox_entry_from_json(const json& j) {
    OPTIMIST_L1_FIELD(block, std::uint64_t, j, "l1Block", rpc::parse_quantity_u64);
    OPTIMIST_L1_FIELD(index, std::uint32_t, j, "index", parse_u32);
    OPTIMIST_L1_FIELD(sender, Address, j, "sender", rpc::parse_address);
    OPTIMIST_L1_FIELD(data, Bytes, j, "data", rpc::parse_data);
    OPTIMIST_L1_FIELD(hash, Hash, j, "txHash", rpc::parse_hash);
    return InboxEntry{*block, *index, *sender, std::move(*data), *hash};
}

Result<OutputProposal, std::string> output_from_json(const json& j) {
    OPTIMIST_L1_FIELD(index, std::uint64_t, j, "index", rpc::parse_quantity_u64);
    OPTIMIST_L1_FIELD(proposer, Address, j, "proposer", rpc::parse_address);
    OPTIMIST_L1_FIELD(l2_block, std::uint64_t, j, "l2Block", rpc::parse_quantity_u64);
    OPTIMIST_L1_FIELD(root, Hash, j, "outputRoot", rpc::parse_hash);
    OPTIMIST_L1_FIELD(bond, Uint256, j, "bond", rpc::parse_quantity);
    OPTIMIST_L1_FIELD(l1_block, std::uint64_t, j, "l1Block", rpc::parse_quantity_u64);
    const auto status_it = j.find("status");
    if (status_it == j.end() || !status_it->is_string()) return fail(std::string("missing field status"));
    const auto status = parse_output_status(status_it->get<std::string>());
    if (!status) return fail("status: unknown value " + status_it->get<std::string>());
    return OutputProposal{*index, *proposer, *l2_block, *root, *bond, *l1_block, *status};
}

Result<L1Receipt, std::string> receipt_from_json(const json& j) {
    OPTIMIST_L1_FIELD(hash, Hash, j, "transactionHash", rpc::parse_hash);
    OPTIMIST_L1_FIELD(number, std::uint64_t, j, "blockNumber", rpc::parse_quantity_u64);
    OPTIMIST_L1_FIELD(block_hash, Hash, j, "blockHash", rpc::parse_hash);
    OPTIMIST_L1_FIELD(index, std::uint32_t, j, "transactionIndex", parse_u32);
    OPTIMIST_L1_FIELD(status, std::uint64_t, j, "status", rpc::parse_quantity_u64);
    OPTIMIST_L1_FIELD(gas, std::uint64_t, j, "gasUsed", rpc::parse_quantity_u64);
    OPTIMIST_L1_FIELD(from, Address, j, "from", rpc::parse_address);
    L1Receipt r;
    r.tx_hash = *hash;
    r.block_number = *number;
    r.block_hash = *block_hash;
    r.index = *index;
    r.success = *status == 1;
    r.gas_used = *gas;
    r.from = *from;
    if (const auto to = j.find("to"); to != j.end() && !to->is_null()) {
        auto a = rpc::parse_address(*to);
        if (!a) return fail("to: " + a.error());
        r.to = *a;
    }
    if (const auto reason = j.find("failureReason"); reason != j.end() && reason->is_string())
        r.failure_reason = reason->get<std::string>();
    return r;
}

}  // namespace optimist::l1::l1json
