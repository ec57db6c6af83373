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

struct ReadSet {
    std::vector<AccountRead> accounts;
    std::vector<StorageRead> storage;
};

// The account transaction `tx` sees: the pre-state's record under the lower writes.
struct AccountResolution {
    std::optional<TxIndex> blocked_by;
    std::optional<state::Account> account;
};
[[nodiscard]] AccountResolution resolve_account(const MvMemory& memory, const Address& a, TxIndex tx,
                                                const std::optional<state::Account>& pre);

// True when every read in `reads` still resolves to the value seen, with no ESTIMATE on the way.
[[nodiscard]] bool validate(const ReadSet& reads, const MvMemory& memory, const state::StateReader& pre, TxIndex tx);

class MvReader final : public state::StateReader {
public:
    MvReader(const MvMemory& memory, const state::StateReader& pre, const DeployedCode& code, TxIndex tx)
        : memory_(memory), pre_(pre), code_(code), tx_(tx) {}

    [[nodiscard]] std::optional<state::Account> read_account(const Address& address) const override;
    [[nodiscard]] Uint256 read_storage(const Address& address, const Uint256& key) const override;
    [[nodiscard]] Bytes read_code(const Hash& code_hash) const override;

    // The first lower transaction whose ESTIMATE a read met; the incarnation is void if set.
    [[nodiscard]] std::optional<TxIndex> blocked_by() const noexcept { return blocked_by_; }
    // What read_account returned for `a`, or nullptr if it was never asked.
    [[nodiscard]] const AccountRead* account_read(const Address& a) const noexcept;
    [[nodiscard]] ReadSet take_reads() noexcept { return std::move(reads_); }

private:
    const MvMemory& memory_;
    const state::StateReader& pre_;
    const DeployedCode& code_;
    TxIndex tx_;
    mutable std::optional<TxIndex> blocked_by_;
    mutable ReadSet reads_;
};

}  // namespace optimist::exec::detail
