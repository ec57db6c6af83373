#include "mv_memory.hpp"

#include <algorithm>

namespace optimist::exec::detail {
namespace {

bool location_less(const Location& x, const Location& y) noexcept {
    if (x.address != y.address) return x.address < y.address;
    if (x.kind != y.kind) return x.kind < y.kind;
    return x.slot < y.slot;
}

template <class Cells>
void erase_cells_of(Cells& cells, TxIndex tx) {
    cells.erase(std::remove_if(cells.begin(), cells.end(), [tx](const auto& c) { return c.tx == tx; }), cells.end());
}

}  // namespace

std::size_t LocationHasher::operator()(const Location& l) const noexcept {
    std::uint64_t h = FixedBytesHasher{}(l.address);
    h ^= static_cast<std::uint64_t>(l.kind) * 0x9e3779b97f4a7c15ULL;
    for (const std::uint64_t w : l.slot.w) h = (h ^ w) * 0x100000001b3ULL + (h >> 29);
    return static_cast<std::size_t>(h);
}

MvMemory::MvMemory() = default;

void MvMemory::begin(std::size_t txs) {
    if (written_.size() < txs) written_.resize(txs);
    for (Shard& shard : shards_) {
        // About five locations per transaction, or as many as a block has had here (so the
        // arena does not fall back to the heap, whose memory would then be returned and
        // faulted in again block after block); each an index node, a bucket and a list.
        const std::size_t locations = std::max(txs * 5 / kShards, shard.peak_locations) * 5 / 4 + 16;
        const std::size_t wanted = locations * (sizeof(VersionList) + sizeof(Location) + 64);
        if (shard.buffer_size < wanted) {
            shard.arena.reset();
            shard.buffer = std::make_unique<std::byte[]>(wanted);
            shard.buffer_size = wanted;
            shard.arena.emplace(shard.buffer.get(), shard.buffer_size);
        }
        shard.index.emplace(&*shard.arena);
        shard.index->reserve(locations);  // no rehash during the block
        shard.lists.emplace(&*shard.arena);
    }
}

MvMemory::~MvMemory() = default;

void MvMemory::release(std::size_t part, std::size_t parts) {
    for (std::size_t k = part; k < kShards; k += parts) {
        Shard& shard = shards_[k];
        if (shard.index) shard.peak_locations = std::max(shard.peak_locations, shard.index->size());
        shard.index.reset();
        shard.lists.reset();
        if (shard.arena) shard.arena->release();
    }
    for (std::size_t t = part; t < written_.size(); t += parts) written_[t].clear();
    any_wipe_.store(false, std::memory_order_relaxed);
}

MvMemory::VersionList* MvMemory::find(const Location& l) const {
    const Shard& shard = shards_[LocationHasher{}(l) % kShards];
    const std::lock_guard guard(shard.lock);
    const auto it = shard.index->find(l);
    return it == shard.index->end() ? nullptr : it->second;
}

MvMemory::VersionList& MvMemory::find_or_add(const Location& l) {
    Shard& shard = shards_[LocationHasher{}(l) % kShards];
    const std::lock_guard guard(shard.lock);
    auto [it, inserted] = shard.index->try_emplace(l, nullptr);
    if (inserted) it->second = &shard.lists->emplace_back();
    return *it->second;
}

bool MvMemory::record(TxIndex tx, std::span<Write> writes) {
    std::sort(writes.begin(), writes.end(),
              [](const Write& x, const Write& y) { return location_less(x.location, y.location); });
    boost::container::small_vector<Location, 6> now;
    for (Write& w : writes) {
        if (w.location.kind == LocationKind::info && w.value.info.wipes_storage)
            any_wipe_.store(true, std::memory_order_release);
        VersionList& list = find_or_add(w.location);
        {
            const std::lock_guard guard(list.lock);
            auto it = std::lower_bound(list.cells.begin(), list.cells.end(), tx,
                                       [](const Cell& c, TxIndex t) { return c.tx < t; });
            if (it != list.cells.end() && it->tx == tx) {
                it->estimate = false;
                it->value = w.value;
            } else {
                list.cells.insert(it, Cell{tx, false, w.value});
            }
        }
        now.push_back(w.location);
    }

    // Locations the previous incarnation wrote and this one did not: remove them, readers
    // must now see below this transaction.
    auto& before = written_[tx];
    bool wrote_new = false;
    auto b = before.begin();
    for (const Location& l : now) {
        while (b != before.end() && location_less(*b, l)) {
            if (VersionList* list = find(*b)) {
                const std::lock_guard guard(list->lock);
                erase_cells_of(list->cells, tx);
            }
            ++b;
        }
        if (b != before.end() && *b == l) {
            ++b;
        } else {
            wrote_new = true;
        }
    }
    for (; b != before.end(); ++b) {
        if (VersionList* list = find(*b)) {
            const std::lock_guard guard(list->lock);
            erase_cells_of(list->cells, tx);
        }
    }
    before = std::move(now);
    return wrote_new;
}

void MvMemory::mark_estimates(TxIndex tx) {
    for (const Location& l : written_[tx]) {
        // The next incarnation may wipe where this one only changed the nonce or code.
        if (l.kind == LocationKind::info) any_wipe_.store(true, std::memory_order_release);
        VersionList* list = find(l);
        if (!list) continue;
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
