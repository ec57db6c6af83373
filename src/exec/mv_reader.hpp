// The state one incarnation of a transaction reads in Block-STM: the pre-block state under the
// multi-version memory's writes of the lower transactions. It records every value it hands
// out, so the incarnation can be validated later by resolving the same reads again.
//
// A read that meets an ESTIMATE cannot be answered yet. The reader then hands out the
// pre-state's value (keeping the StateView consistent; nothing of this incarnation will be
// kept) and remembers the blocking transaction, so the executor can wait for it rather
// than abort in the middle of the interpreter (no exceptions through the EVM).
//
// Thread safety: one reader serves one incarnation on one thread; resolve_* and validate
// may run on any thread.
#pragma once

#include "mv_memory.hpp"

#include <optimist/state/state_reader.hpp>

#include <atomic>
#include <mutex>
#include <optional>
#include <unordered_map>
#include <vector>

namespace optimist::exec::detail {

// Code deployed by the block's transactions, by hash. Code is named by its hash, so it needs
// no versions: a reader only asks for a hash it found in an info write.
class DeployedCode {
public:
    void add(const Hash& hash, const Bytes& code);
    [[nodiscard]] std::optional<Bytes> find(const Hash& hash) const;

private:
    // Most blocks deploy nothing: then every code read skips the lock. A reader only asks for
    // code whose hash it found in an info write, which add() preceded.
    std::atomic<bool> any_{false};
    mutable std::mutex lock_;
    std::unordered_map<Hash, Bytes, FixedBytesHasher> code_;
};

struct AccountRead {
    Address address;
    std::optional<state::Account> pre;   // the pre-block state's record
    std::optional<state::Account> seen;  // what the incarnation was given
};

struct StorageRead {
    Address address;
    Uint256 slot;
    std::optional<Uint256> pre;  // the pre-block state's value, when it was needed
    Uint256 seen;
};

// A typical transaction reads a few accounts and slots: kept inline, off the heap.
struct ReadSet {
    boost::container::small_vector<AccountRead, 4> accounts;
    boost::container::small_vector<StorageRead, 6> storage;
};

// The coinbase's priority fees paid lazily (CoinbasePayment::deferred_if_untouched), by
// transaction. They stay out of the multi-version memory, where every transaction would write
// one hot location; a read of the coinbase's balance adds the fees deferred between the last
// write of that balance and the reader. Such reads are rare (BALANCE(COINBASE), a payment to
// the coinbase) and validated by value like any other.
class DeferredFees {
public:
    virtual ~DeferredFees() = default;
    // The fees the current incarnations of transactions [from, to) deferred.
    [[nodiscard]] virtual Uint256 sum(TxIndex from, TxIndex to) const = 0;
};

// Everything a transaction's view of the state is made of.
struct MvContext {
    const MvMemory& memory;
    const state::StateReader& pre;
    const DeployedCode& code;
    Address coinbase;
    const DeferredFees& fees;
};

// The account transaction `tx` sees: the pre-state's record under the lower writes.
struct AccountResolution {
    std::optional<TxIndex> blocked_by;
    std::optional<state::Account> account;
};
[[nodiscard]] AccountResolution resolve_account(const MvContext& ctx, const Address& a, TxIndex tx,
                                                const std::optional<state::Account>& pre);

// True when every read in `reads` still resolves to the value seen, with no ESTIMATE on the way.
[[nodiscard]] bool validate(const ReadSet& reads, const MvContext& ctx, TxIndex tx);

class MvReader final : public state::StateReader {
public:
    MvReader(const MvContext& ctx, TxIndex tx) : ctx_(ctx), tx_(tx) {}

    [[nodiscard]] std::optional<state::Account> read_account(const Address& address) const override;
    [[nodiscard]] Uint256 read_storage(const Address& address, const Uint256& key) const override;
    [[nodiscard]] Bytes read_code(const Hash& code_hash) const override;

    // The first lower transaction whose ESTIMATE a read met; the incarnation is void if set.
    [[nodiscard]] std::optional<TxIndex> blocked_by() const noexcept { return blocked_by_; }
    // What read_account returned for `a`, or nullptr if it was never asked.
    [[nodiscard]] const AccountRead* account_read(const Address& a) const noexcept;
    [[nodiscard]] ReadSet& reads() noexcept { return reads_; }

private:
    const MvContext& ctx_;
    TxIndex tx_;
    mutable std::optional<TxIndex> blocked_by_;
    mutable ReadSet reads_;
};

}  // namespace optimist::exec::detail
