// The pre-block state's accounts as Block-STM's workers read them: each account is read from
// the state (a trie walk and an RLP decode) once per block and then served from here.
//
// Every incarnation reads the accounts it touches from the pre-state, because validation
// resolves them again from there, and a block's transactions share most of their accounts (a
// router, its pools, their tokens). The sequential executor's overlay keeps what it wrote;
// this keeps what was read, which Block-STM cannot get from its multi-version memory.
//
// Storage and code pass through: a slot is read from the pre-state once per incarnation and
// its value kept in the read set, and code is cached by hash below.
//
// Thread safety: begin() must not run concurrently with anything; reads may run on any
// thread at once, as may the underlying reader's.
#pragma once

#include "block_index.hpp"

#include <optimist/state/state_reader.hpp>

#include <memory>
#include <optional>

namespace optimist::exec::detail {

class PreStateCache final : public state::StateReader {
public:
    // Serves `pre` for a block of `txs` transactions from now on. `pre` must outlive the use.
    void begin(const state::StateReader& pre, std::size_t txs);

    [[nodiscard]] std::optional<state::Account> read_account(const Address& address) const override;
    [[nodiscard]] Uint256 read_storage(const Address& address, const Uint256& key) const override {
        return pre_->read_storage(address, key);
    }
    [[nodiscard]] Bytes read_code(const Hash& code_hash) const override { return pre_->read_code(code_hash); }

private:
    struct Item {
        Address address;
        std::optional<state::Account> account;
    };

    const state::StateReader* pre_ = nullptr;
    // Filled by const reads: the cache is invisible to its readers.
    mutable BlockIndex index_;
    std::unique_ptr<Item[]> items_;
    std::uint32_t items_size_ = 0;
};

}  // namespace optimist::exec::detail
