#include "mv_memory.hpp"

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
    std::uint64_t h = FixedBytesHasher{}(l.address);
    h ^= static_cast<std::uint64_t>(l.kind) * 0x9e3779b97f4a7c15ULL;
    for (const std::uint64_t w : l.slot.w) h = (h ^ w) * 0x100000001b3ULL + (h >> 29);
    // The index takes the low bits: fold the high ones in.
    h ^= h >> 32;
    h *= 0x9e3779b97f4a7c15ULL;
    return static_cast<std::size_t>(h ^ (h >> 29));
}

MvMemory::MvMemory() = default;

MvMemory::~MvMemory() = default;

void MvMemory::begin(std::size_t txs) {
    if (!released_) {
        for (auto& w : written_) w.clear();
    }
    released_ = false;
    if (written_.size() < txs) written_.resize(txs);
    index_.begin(txs * 6);  // about five locations per transaction
    if (lists_size_ < index_.capacity()) {
        lists_size_ = index_.capacity();
        lists_ = std::make_unique<VersionList[]>(lists_size_);
    }
}

void MvMemory::release(std::size_t part, std::size_t parts) {
    for (std::size_t t = part; t < written_.size(); t += parts) written_[t].clear();
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
    for (const Write& w : writes) {
        if (w.location.kind == LocationKind::info && w.value.info.wipes_storage)
            any_wipe_.store(true, std::memory_order_release);
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
    bool wrote_new = false;
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
        // The next incarnation may wipe where this one only changed the nonce or code.
        if (list->location.kind == LocationKind::info) any_wipe_.store(true, std::memory_order_release);
        const std::lock_guard guard(list->lock);
        for (Cell& c : list->cells) {
            if (c.tx == tx) c.estimate = true;
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
    visit_below(Location{a, LocationKind::info, {}}, reader, [&](const Cell& c) {
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

InfoResolution MvMemory::info(const Address& a, TxIndex reader) const {
    InfoResolution out;
    visit_below(Location{a, LocationKind::info, {}}, reader, [&](const Cell& c) {
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
    });
    return out;
}

BalanceResolution MvMemory::balance(const Address& a, TxIndex reader) const {
    BalanceResolution out;
    visit_below(Location{a, LocationKind::balance, {}}, reader, [&](const Cell& c) {
        if (c.estimate) {
            out.blocked_by = c.tx;
        } else {
            out.found = true;
            out.writer = c.tx;
            out.value = c.value.word;
        }
        return false;  // the highest write below the reader decides
    });
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
