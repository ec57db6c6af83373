// Multi-version memory for Block-STM: for every location some transaction of the block wrote,
// the value each transaction's latest incarnation wrote there, so transaction i reads what
// the highest writer below i wrote, as it would after running the block in order up to i.
//
// Locations are accounts and storage slots. An account's two fields are versioned apart, so
// that calling a contract (reading its code hash) does not conflict with paying it, and paying
// an account does not conflict with bumping its nonce:
//   info     existence, nonce and code hash (and whether the write wiped the storage)
//   balance  the balance
// but they share one location, whose writes say which fields they set: resolving an account
// is one lookup, not two.
// A value can be an ESTIMATE: the writer's incarnation was aborted and will most likely write
// there again, so a reader of the fields it wrote should wait for it instead of reading
// through it.
//
// Thread safety: every method may run concurrently with every other. record() and
// mark_estimates() for one transaction are only called by the one worker running it
// (the scheduler hands a transaction to one worker at a time).
#pragma once

#include "block_index.hpp"

#include <optimist/core/bytes.hpp>
#include <optimist/core/uint256.hpp>
#include <optimist/state/account.hpp>

#include <boost/container/small_vector.hpp>

#include <array>
#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <span>
#include <thread>
#include <vector>

namespace optimist::exec::detail {

using TxIndex = std::uint32_t;

enum class LocationKind : std::uint8_t { account, storage };

// The fields a write to an account location sets.
enum AccountFields : std::uint8_t {
    kInfoField = 1,
    kBalanceField = 2,
};

struct Location {
    Address address;
    LocationKind kind = LocationKind::account;
    Uint256 slot;  // storage only
    friend bool operator==(const Location&, const Location&) = default;
};

struct LocationHasher {
    std::size_t operator()(const Location& l) const noexcept;
};

struct AccountInfo {
    bool exists = false;
    std::uint64_t nonce = 0;
    Hash code_hash = kEmptyCodeHash;
    // The account was deleted or (re)created here: slots written below are gone.
    bool wipes_storage = false;
    friend bool operator==(const AccountInfo&, const AccountInfo&) = default;
};

struct WriteValue {
    AccountInfo info;  // an account's, when `fields` has kInfoField
    Uint256 word;      // an account's balance, when `fields` has kBalanceField; or the slot's value
    std::uint8_t fields = 0;  // AccountFields, for an account location
};

struct Write {
    Location location;
    WriteValue value;
};

// One incarnation's writes: a handful for a typical transaction, kept off the heap.
using Writes = boost::container::small_vector<Write, 8>;

// A lock for the few instructions a version list is held: cheaper than a mutex
// when uncontended, which is nearly always.
class SpinLock {
public:
    void lock() noexcept {
        while (flag_.exchange(true, std::memory_order_acquire)) {
            while (flag_.load(std::memory_order_relaxed)) std::this_thread::yield();
        }
    }
    void unlock() noexcept { flag_.store(false, std::memory_order_release); }

private:
    std::atomic<bool> flag_{false};
};

// Resolutions: what transaction `reader` sees at a location. `blocked_by` is set when an
// ESTIMATE of that lower transaction stands in the way; the other fields are then meaningless.
struct InfoResolution {
    std::optional<TxIndex> blocked_by;
    bool found = false;  // a lower transaction wrote the info; otherwise the pre-state's holds
    AccountInfo info;
    bool storage_wiped = false;  // some lower transaction wiped the storage
};
struct BalanceResolution {
    std::optional<TxIndex> blocked_by;
    bool found = false;  // a lower transaction (`writer`) set the balance to `value`; otherwise the pre-state's
    TxIndex writer = 0;
    Uint256 value;
};
struct StorageResolution {
    std::optional<TxIndex> blocked_by;
    bool found = false;  // the value is `value`; otherwise the pre-state's slot
    Uint256 value;
};

// What record() did with an incarnation's writes.
enum class RecordResult : std::uint8_t {
    same_locations,  // the previous incarnation wrote the same locations (or there was none)
    new_location,    // it wrote a location (or an account field) the previous incarnation did
                     // not: readers above may have read past it
    full,            // the memory ran out of room for the block's locations (begin() sizes it
                     // from the block and from earlier blocks; the next begin() grows it): the
                     // rest of the block must be executed another way. Only `tx`'s own cells
                     // may have changed (some written, its old locations not yet removed), so
                     // what the transactions below it read and wrote can still be validated.
};

class MvMemory {
public:
    // Empty: begin() prepares it for a block. One memory serves block after block, keeping
    // its tables (a block's writes take tens of thousands of small allocations otherwise).
    MvMemory();
    MvMemory(const MvMemory&) = delete;
    MvMemory& operator=(const MvMemory&) = delete;
    ~MvMemory();

    // Publishes the writes of `tx`'s newest incarnation in place of the previous one's (whose
    // locations not written again are removed). A location may appear once in `writes`.
    RecordResult record(TxIndex tx, std::span<const Write> writes);
    // Marks every location `tx` last wrote as an ESTIMATE (its incarnation was aborted).
    void mark_estimates(TxIndex tx);

    // What `reader` sees of an account's info and balance, in one lookup. `balance` is left
    // empty when `info` is blocked.
    struct AccountResolution {
        InfoResolution info;
        BalanceResolution balance;
    };
    [[nodiscard]] AccountResolution account(const Address& a, TxIndex reader) const;
    [[nodiscard]] StorageResolution storage(const Address& a, const Uint256& slot, TxIndex reader) const;

    // Ready for a block of `txs` transactions. REQUIRES: new, or every part released.
    void begin(std::size_t txs);
    // Forgets the block, in `parts` pieces that may run concurrently (part in [0, parts)).
    // Transactions from `recorded_end` on must have recorded nothing (a block given up early
    // releases only its first transactions). The memory must not be used after any part ran,
    // until the next begin().
    void release(std::size_t part, std::size_t parts, std::size_t recorded_end = ~std::size_t{0});

private:
    struct Cell {
        TxIndex tx = 0;
        bool estimate = false;
        WriteValue value;
    };
    // The writes to one location, sorted by transaction. Most locations have one or two
    // writers; only hot ones (a hot slot) spill to the heap, and keep that room for later
    // blocks.
    struct VersionList {
        mutable SpinLock lock;
        Location location;
        boost::container::small_vector<Cell, 2> cells;
    };
    [[nodiscard]] const VersionList* find(const Location& l) const;
    // nullptr when the memory is full.
    VersionList* find_or_add(const Location& l);
    // Calls visit(cell) on the cells of the location below `reader`, highest first, under the
    // list's lock, while it returns true. False when nobody ever wrote the location.
    template <class Visit>
    bool visit_below(const Location& l, TxIndex reader, Visit&& visit) const;
    // Whether some transaction below `reader` wiped the account's storage, and the highest
    // such transaction.
    struct Wipe {
        std::optional<TxIndex> blocked_by;
        std::optional<TxIndex> by;
    };
    [[nodiscard]] Wipe last_wipe(const Address& a, TxIndex reader) const;

    // Location -> list; the lists never move before release(), so pointers to them stay valid.
    BlockIndex index_;
    std::unique_ptr<VersionList[]> lists_;
    std::uint32_t lists_size_ = 0;
    // Set once a transaction of the block wrote a wipe, or a write that set an account's info
    // became an ESTIMATE (its next incarnation may wipe): until then slot reads skip looking
    // for a wipe. A reader that misses one recorded meanwhile is validated again after it: a
    // first wipe is either a new location or a new field for its writer, or follows an
    // ESTIMATE of an info write, which set this flag before the readers above were sent to
    // validation.
    alignas(64) std::atomic<bool> any_wipe_{false};
    // The lists each transaction's latest incarnation wrote (sorted by their addresses in
    // memory), touched only by the worker running that transaction.
    std::vector<boost::container::small_vector<VersionList*, 6>> written_;
    // False from begin() until release() ran: a block abandoned by an exception left list
    // pointers in written_ that begin() must not let the next block use.
    bool released_ = true;
};

}  // namespace optimist::exec::detail
