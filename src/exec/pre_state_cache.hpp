// The pre-block state as Block-STM's workers read it: every account and slot read once from
// the underlying reader, then served from memory for the rest of the block.
//
// Sequential execution reads each account and slot of the pre-state once per block (the
// block overlay keeps what it read). Block-STM's readers cannot share an overlay: every
// incarnation of every transaction resolves its reads afresh, and a read the multi-version
// memory cannot answer falls through to the pre-state. Against the LevelDB-backed store that
// costs a keccak of the address, another of the slot, a trie walk and a decode each time, on
// accounts every transaction of the block touches (a token, a pool, the router). This cache
// makes those reads a hash lookup.
//
// Thread safety: read_* may be called concurrently; reset() must not overlap them.
#pragma once

#include "mv_memory.hpp"  // SpinLock

#include <optimist/state/state_reader.hpp>

#include <array>
#include <optional>
#include <unordered_map>

namespace optimist::exec::detail {

class PreStateCache final : public state::StateReader {
public:
    // Serves `pre` from now on, forgetting what was read from the previous one (the tables keep
    // their buckets, so a block as large as an earlier one allocates only its entries).
    void reset(const state::StateReader& pre);

    [[nodiscard]] std::optional<state::Account> read_account(const Address& address) const override;
    [[nodiscard]] Uint256 read_storage(const Address& address, const Uint256& key) const override;
    // Code is keyed by hash and cached by the store already; passed through.
    [[nodiscard]] Bytes read_code(const Hash& code_hash) const override;

private:
    struct SlotKey {
        Address address;
        Uint256 slot;
        friend bool operator==(const SlotKey&, const SlotKey&) = default;
    };
    struct SlotKeyHasher {
        std::size_t operator()(const SlotKey& k) const noexcept;
    };
    // Sharded so that two workers rarely wait for one lock; a miss reads the pre-state outside
    // the lock (two workers missing at once both read, and the first insert stands: the values
    // are equal).
    struct alignas(64) Shard {
        mutable SpinLock lock;
        std::unordered_map<Address, std::optional<state::Account>, FixedBytesHasher> accounts;
        std::unordered_map<SlotKey, Uint256, SlotKeyHasher> slots;
    };
    static constexpr std::size_t kShards = 32;

    const state::StateReader* pre_ = nullptr;
    mutable std::array<Shard, kShards> shards_;
};

}  // namespace optimist::exec::detail
