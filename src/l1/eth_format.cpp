#include "eth_format.hpp"

#include <optimist/rpc/params.hpp>
#include <optimist/tx/codec.hpp>

namespace optimist::l1 {
namespace {

using nlohmann::json;
using rpc::format_address;
using rpc::format_data;
using rpc::format_hash;
using rpc::format_quantity;

}  // namespace

json format_transaction(const L1Transaction& l1tx, const Uint256& base_fee) {
    const tx::Transaction& t = l1tx.tx;
    const L1Receipt& r = l1tx.receipt;
    json j = {
        {"hash", format_hash(r.tx_hash)},
        {"type", format_quantity(static_cast<std::uint64_t>(t.type))},
        {"nonce", format_quantity(t.nonce)},
        {"blockHash", format_hash(r.block_hash)},
        {"blockNumber", format_quantity(r.block_number)},
        {"transactionIndex", format_quantity(std::uint64_t{r.index})},
        {"from", format_address(t.sender)},
        {"to", t.to ? json(format_address(*t.to)) : json(nullptr)},
        {"value", format_quantity(t.value)},
        {"gas", format_quantity(t.gas_limit)},
        {"input", format_data(t.data)},
        {"r", format_quantity(t.r)},
        {"s", format_quantity(t.s)},
    };
    if (t.chain_id) j["chainId"] = format_quantity(*t.chain_id);
    if (t.type == tx::TxType::legacy) {
        j["gasPrice"] = format_quantity(t.gas_price());
        j["v"] = format_quantity(tx::legacy_v(t));
    } else {
        j["v"] = format_quantity(std::uint64_t{t.y_parity});
        j["yParity"] = format_quantity(std::uint64_t{t.y_parity});
        // The stub charges the base fee only (no tip), which is the effective price.
        j["gasPrice"] = format_quantity(base_fee);
        if (t.type == tx::TxType::dynamic_fee) {
            j["maxFeePerGas"] = format_quantity(t.max_fee_per_gas);
            j["maxPriorityFeePerGas"] = format_quantity(t.max_priority_fee_per_gas);
        }
        json access = json::array();
        for (const auto& e : t.access_list) {
            json keys = json::array();
            for (const auto& k : e.storage_keys) keys.push_back(format_hash(k));
            access.push_back({{"address", format_address(e.address)}, {"storageKeys", std::move(keys)}});
        }
        j["accessList"] = std::move(access);
    }
    return j;
}

json format_receipt(const L1Transaction& l1tx, const Uint256& base_fee, std::uint64_t cumulative_gas) {
    const L1Receipt& r = l1tx.receipt;
    json j = {
        {"transactionHash", format_hash(r.tx_hash)},
        {"transactionIndex", format_quantity(std::uint64_t{r.index})},
        {"blockHash", format_hash(r.block_hash)},
        {"blockNumber", format_quantity(r.block_number)},
        {"from", format_address(r.from)},
        {"to", r.to ? json(format_address(*r.to)) : json(nullptr)},
        {"cumulativeGasUsed", format_quantity(cumulative_gas)},
        {"gasUsed", format_quantity(r.gas_used)},
        {"effectiveGasPrice", format_quantity(base_fee)},
        {"contractAddress", nullptr},
        {"logs", json::array()},
        {"logsBloom", format_data(tx::Bloom{})},
        {"type", format_quantity(static_cast<std::uint64_t>(l1tx.tx.type))},
        {"status", format_quantity(std::uint64_t{r.success ? 1u : 0u})},
    };
    // Not in geth's receipt: why the stub's oracle refused the call (a contract would
    // revert with this reason).
    if (!r.success) j["failureReason"] = r.failure_reason;
    return j;
}

json format_block(const L1Stub& stub, const L1Block& block, bool full_txs) {
    const tx::BlockHeader& h = block.header;
    const Uint256 base_fee = h.base_fee_per_gas.value_or(Uint256{});
    json txs = json::array();
    for (const auto& hash : block.tx_hashes) {
        if (!full_txs) {
            txs.push_back(format_hash(hash));
        } else if (auto t = stub.transaction(hash)) {
            txs.push_back(format_transaction(*t, base_fee));
        }
    }
    json j = {
        {"number", format_quantity(h.number)},
        {"hash", format_hash(block.hash)},
        {"parentHash", format_hash(h.parent_hash)},
        {"nonce", format_data(h.nonce)},
        {"sha3Uncles", format_hash(h.ommers_hash)},
        {"logsBloom", format_data(h.logs_bloom)},
        {"transactionsRoot", format_hash(h.transactions_root)},
        {"stateRoot", format_hash(h.state_root)},
        {"receiptsRoot", format_hash(h.receipts_root)},
        {"miner", format_address(h.coinbase)},
        {"difficulty", format_quantity(h.difficulty)},
        {"totalDifficulty", format_quantity(h.difficulty)},
        {"extraData", format_data(h.extra_data)},
        {"size", format_quantity(std::uint64_t{tx::encode_header(h).size()})},
        {"gasLimit", format_quantity(h.gas_limit)},
        {"gasUsed", format_quantity(h.gas_used)},
        {"timestamp", format_quantity(h.timestamp)},
        {"mixHash", format_hash(h.mix_hash)},
        {"transactions", std::move(txs)},
        {"uncles", json::array()},
        {"baseFeePerGas", format_quantity(base_fee)},
    };
    if (h.withdrawals_root) {
        j["withdrawalsRoot"] = format_hash(*h.withdrawals_root);
        j["withdrawals"] = json::array();
    }
    if (h.blob_gas_used) j["blobGasUsed"] = format_quantity(*h.blob_gas_used);
    if (h.excess_blob_gas) j["excessBlobGas"] = format_quantity(*h.excess_blob_gas);
    if (h.parent_beacon_block_root) j["parentBeaconBlockRoot"] = format_hash(*h.parent_beacon_block_root);
    return j;
}

}  // namespace optimist::l1
