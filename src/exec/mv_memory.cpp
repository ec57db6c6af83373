#include "mv_memory.hpp"

#include "index_hash.hpp"

#include <algorithm>
#include <mutex>

namespace optimist::exec::detail {
namespace {

template <class Cells>
void erase_cells_of(Cells& cells, TxIndex tx) {
    cells.erase(std::remove_if(cells.begin(), cells.end(), [tx](const auto& c) { return c.tx == tx; }), cells.end());
}

}  // namespace

std::size_t LocationHasher::operator()(const Location& l) const noexcept {
    std::uint64_t h = unmixed_address_hash(l.address, static_cast<std::uint8_t>(l.kind));
    if (l.kind == LocationKind::storage) h ^= unmixed_slot_hash(l.slot);
    return static_cast<std::size_t>(finish_index_hash(h));
}

MvMemory::MvMemory() = default;

MvMemory::~MvMemory() = default;

void MvMemory::begin(std::size_t txs) {
    if (!released_) {
        for (auto& w : written_) w.clear();
    }
    released_ = false;
    if (written_.size() < txs) written_.resize(txs);
    index_.begin(txs * 6);  // a few accounts and slots per transaction, with room to spare
    if (lists_size_ < index_.capacity()) {
        lists_size_ = index_.capacity();
        lists_ = std::make_unique<VersionList[]>(lists_size_);
    }
}

void MvMemory::release(std::size_t part, std::size_t parts, std::size_t recorded_end) {
    const std::size_t end = std::min(recorded_end, written_.size());
    for (std::size_t t = part; t < end; t += parts) written_[t].clear();
    any_wipe_.store(false, std::memory_order_relaxed);
    if (part == 0) released_ = true;  // read by the next begin(), after every part ran
}

const MvMemory::VersionList* MvMemory::find(const Location& l) const {
    const std::uint32_t item =
        index_.find(LocationHasher{}(l), [&](std::uint32_t i) { return lists_[i].location == l; });
    return item == BlockIndex::kNone ? nullptr : &lists_[item];
}

MvMemory::VersionList* MvMemory::find_or_add(const Location& l) {
    const std::uint32_t item = index_.find_or_add(
        LocationHasher{}(l), [&](std::uint32_t i) { return lists_[i].location == l; },
        [&](std::uint32_t i) noexcept {
            lists_[i].location = l;
            lists_[i].cells.clear();  // an earlier block's cells; their room stays
        });
    return item == BlockIndex::kNone ? nullptr : &lists_[item];
}

RecordResult MvMemory::record(TxIndex tx, std::span<const Write> writes) {
    boost::container::small_vector<VersionList*, 6> now;
    bool wrote_new = false;
    for (const Write& w : writes) {
        if ((w.value.fields & kInfoField) && w.value.info.wipes_storage) any_wipe_.store(true, std::memory_order_release);
        VersionList* list = find_or_add(w.location);
        if (!list) return RecordResult::full;
        {
            const std::lock_guard guard(list->lock);
            auto& cells = list->cells;
            // Transactions mostly record in block order: the common place is the end.
            auto it = cells.end();
            if (!cells.empty() && cells.back().tx >= tx) {
                it = std::lower_bound(cells.begin(), cells.end(), tx,
                                      [](const Cell& c, TxIndex t) { return c.tx < t; });
            }
            if (it != cells.end() && it->tx == tx) {
                // A field the last incarnation did not set is as new as a new location.
                wrote_new |= (w.value.fields & ~it->value.fields) != 0;
                it->estimate = false;
                it->value = w.value;
            } else {
                cells.insert(it, Cell{tx, false, w.value});
            }
        }
        now.push_back(list);
    }
    std::sort(now.begin(), now.end());

    // Locations the previous incarnation wrote and this one did not: remove them, readers
    // must now see below this transaction.
    auto& before = written_[tx];
    const auto forget = [tx](VersionList* list) {
        const std::lock_guard guard(list->lock);
        erase_cells_of(list->cells, tx);
    };
    auto b = before.begin();
    for (VersionList* list : now) {
        for (; b != before.end() && *b < list; ++b) forget(*b);
        if (b != before.end() && *b == list) {
            ++b;
        } else {
            wrote_new = true;
        }
    }
    for (; b != before.end(); ++b) forget(*b);
    before = std::move(now);
    return wrote_new ? RecordResult::new_location : RecordResult::same_locations;
}

void MvMemory::mark_estimates(TxIndex tx) {
    for (VersionList* list : written_[tx]) {
        const std::lock_guard guard(list->lock);
        for (Cell& c : list->cells) {
            if (c.tx != tx) continue;
            c.estimate = true;
            // The next incarnation may wipe where this one only changed the nonce or code.
            if (c.value.fields & kInfoField) any_wipe_.store(true, std::memory_order_release);
        }
    }
}

template <class Visit>
bool MvMemory::visit_below(const Location& l, TxIndex reader, Visit&& visit) const {
    const VersionList* list = find(l);
    if (!list) return false;
    const std::lock_guard guard(list->lock);
    auto it = std::lower_bound(list->cells.begin(), list->cells.end(), reader,
                               [](const Cell& c, TxIndex t) { return c.tx < t; });
    while (it != list->cells.begin()) {
        --it;
        if (!visit(*it)) break;
    }
    return true;
}

MvMemory::Wipe MvMemory::last_wipe(const Address& a, TxIndex reader) const {
    Wipe out;
    visit_below(Location{a, LocationKind::account, {}}, reader, [&](const Cell& c) {
        if (!(c.value.fields & kInfoField)) return true;
        // An aborted writer may wipe again: what lies below it cannot be trusted yet.
        if (c.estimate) {
            out.blocked_by = c.tx;
        } else if (c.value.info.wipes_storage) {
            out.by = c.tx;
        }
        return !out.blocked_by && !out.by;
    });
    return out;
}

namespace {

// Folds the next lower cell of an account location into the resolution of its info, from the
// highest cell down; false once nothing lower matters.
template <class Cell>
bool resolve_info(InfoResolution& out, const Cell& c) {
    if (!(c.value.fields & kInfoField)) return true;
    if (c.estimate) {
        out.blocked_by = c.tx;
        return false;
    }
    if (!out.found) {
        out.found = true;
        out.info = c.value.info;
    }
    out.storage_wiped = c.value.info.wipes_storage;
    return !out.storage_wiped;  // below a wipe nothing matters
}

// The same for the balance: the highest write below the reader decides.
template <class Cell>
bool resolve_balance(BalanceResolution& out, const Cell& c) {
    if (!(c.value.fields & kBalanceField)) return true;
    if (c.estimate) {
        out.blocked_by = c.tx;
    } else {
        out.found = true;
        out.writer = c.tx;
        out.value = c.value.word;
    }
    return false;
}

}  // namespace

MvMemory::AccountResolution MvMemory::account(const Address& a, TxIndex reader) const {
    AccountResolution out;
    bool info_done = false;
    bool balance_done = false;
    visit_below(Location{a, LocationKind::account, {}}, reader, [&](const Cell& c) {
        if (!info_done) info_done = !resolve_info(out.info, c);
        if (out.info.blocked_by) return false;
        if (!balance_done) balance_done = !resolve_balance(out.balance, c);
        return !(info_done && balance_done);
    });
    if (out.info.blocked_by) out.balance = {};
    return out;
}

StorageResolution MvMemory::storage(const Address& a, const Uint256& slot, TxIndex reader) const {
    StorageResolution out;
    std::optional<TxIndex> written_by;
    visit_below(Location{a, LocationKind::storage, slot}, reader, [&](const Cell& c) {
        if (c.estimate) {
            out.blocked_by = c.tx;
        } else {
            written_by = c.tx;
            out.value = c.value.word;
        }
        return false;
    });
    if (out.blocked_by) return out;
    const Wipe wipe = any_wipe_.load(std::memory_order_acquire) ? last_wipe(a, reader) : Wipe{};
    if (wipe.blocked_by && (!written_by || *wipe.blocked_by > *written_by)) {
        out.blocked_by = wipe.blocked_by;
        return out;
    }
    if (written_by && (!wipe.by || *written_by >= *wipe.by)) {
        out.found = true;  // written at or after the last wipe (a wiping transaction's own slots come after it)
        return out;
    }
    if (wipe.by) {
        out.found = true;  // wiped since the pre-state, never written again
        out.value = Uint256{};
    }
    return out;
}

}  // namespace optimist::exec::detail
