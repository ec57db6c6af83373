// ethereum/tests GeneralStateTests fixtures: the parsed form of one file.
//
// A file holds named tests; each test has an environment, a pre-state, a transaction
// template (lists of data, gas limits and values) and, per fork, post entries that pick one
// element of each list and give the expected state root and logs hash. Only one fork's
// entries are kept (Cancun for this project).
#pragma once

#include <optimist/core/bytes.hpp>
#include <optimist/core/result.hpp>
#include <optimist/core/uint256.hpp>
#include <optimist/evm/execution.hpp>
#include <optimist/state/in_memory_state.hpp>
#include <optimist/tx/transaction.hpp>

#include <nlohmann/json_fwd.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace optimist::ethtest {

inline constexpr std::string_view kFork = "Cancun";

struct Env {
    Address coinbase;
    std::uint64_t gas_limit = 0;
    std::uint64_t number = 0;
    std::uint64_t timestamp = 0;
    Uint256 difficulty;
    Uint256 prev_randao;  // currentRandom
    Uint256 base_fee;
    std::uint64_t excess_blob_gas = 0;
};

// The transaction template. Fields a fixture gives as numbers too large for the wire
// format ("0x:bigint ...") parse to nullopt: selecting them makes the transaction invalid.
struct TxTemplate {
    std::vector<Bytes> data;
    // Per data index; nullopt where the fixture gives null. Empty when the fixture has none.
    std::vector<std::optional<std::vector<tx::AccessListEntry>>> access_lists;
    std::vector<std::optional<std::uint64_t>> gas_limits;
    std::vector<std::optional<Uint256>> values;
    bool dynamic_fee = false;          // maxFeePerGas/maxPriorityFeePerGas instead of gasPrice
    std::optional<Uint256> gas_price;  // legacy and EIP-2930
    std::optional<Uint256> max_fee_per_gas;
    std::optional<Uint256> max_priority_fee_per_gas;
    std::uint64_t nonce = 0;
    std::optional<Address> to;  // nullopt: creation ("to": "")
    Hash secret_key;
    std::optional<Address> sender;
    std::optional<Uint256> max_fee_per_blob_gas;
    std::optional<std::vector<Hash>> blob_versioned_hashes;  // present: a blob transaction
};

struct PostEntry {
    std::size_t data_index = 0;
    std::size_t gas_index = 0;
    std::size_t value_index = 0;
    Hash state_root;
    Hash logs_hash;
    std::string expect_exception;  // empty when the transaction is valid
};

struct StateTest {
    std::string name;
    Env env;
    std::vector<std::pair<Address, state::InMemoryState::StoredAccount>> pre;
    TxTemplate tx;
    std::vector<PostEntry> post;  // kFork's entries, in fixture order
};

// Parses every test of one fixture file (the file's top-level object). Tests without
// kFork entries are kept with an empty `post`. Throws std::runtime_error (or
// nlohmann::json::exception) with a description on malformed input: this is tools glue.
[[nodiscard]] std::vector<StateTest> parse_state_tests(const nlohmann::json& file);

// Builds the transaction one post entry selects. Returns the fixture's exception name
// ("TransactionException.RLP_INVALID_VALUE") when a selected field is not representable, or
// an "index out of range" message when an index does not exist.
struct TxBuildError {
    std::string exception;  // an ethereum/tests exception name, empty for malformed fixtures
    std::string message;
};
[[nodiscard]] Result<tx::Transaction, TxBuildError> build_transaction(const TxTemplate& t,
                                                                      const PostEntry& post);

// keccak256 of the decimal block number: the BLOCKHASH value state tests use for the
// previous 256 blocks (go-ethereum's vmTestBlockHash, which filled the fixtures).
[[nodiscard]] Hash state_test_block_hash(std::uint64_t number);

// The block a state test's transaction runs in: the fixture's env on chain id 1 (the
// fixtures' transactions are signed for it), blob base fee from the excess blob gas, and
// state_test_block_hash for BLOCKHASH.
[[nodiscard]] evm::BlockContext block_context(const Env& env);

}  // namespace optimist::ethtest
