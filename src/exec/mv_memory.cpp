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

namespace {

// Tells blocks apart across every memory of the process (see MvMemory::block_id_).
std::atomic<std::uint64_t> g_block_ids{0};

// The lists this thread may take for a block without touching the shared counter.
struct ListChunk {
    std::uint64_t block = 0;
    std::uint32_t next = 0;
    std::uint32_t end = 0;
};
thread_local ListChunk t_chunk;

}  // namespace

MvMemory::MvMemory() = default;

MvMemory::~MvMemory() = default;

void MvMemory::begin(std::size_t txs) {
    if (written_.size() < txs) written_.resize(txs);
    // About five locations per transaction, or as many as a block has had (twice that after
    // a block ran out), plus the chunks the threads hold back.
    std::size_t wanted = std::max<std::size_t>(txs * 6, peak_lists_ + peak_lists_ / 4) + 64 * kListChunk;
    if (was_full_) wanted = std::max<std::size_t>(wanted, std::size_t{list_capacity_} * 2);
    was_full_ = false;
    wanted = std::min<std::size_t>(wanted, std::size_t{1} << 30);
    if (list_capacity_ < wanted) {
        list_capacity_ = static_cast<std::uint32_t>(wanted);
        lists_ = std::make_unique<VersionList[]>(list_capacity_);
        std::size_t entries = 1;
        while (entries < std::size_t{list_capacity_} * 2) entries *= 2;
        entries_ = std::make_unique<Entry[]>(entries);  // state 0: empty for every generation
        mask_ = entries - 1;
        generation_ = 0;
    }
    // A new generation empties the index. Before the states would wrap, they are cleared.
    if (generation_ == 0x7fffffffU) {
        for (std::size_t i = 0; i <= mask_; ++i) entries_[i].state.store(0, std::memory_order_relaxed);
        generation_ = 0;
    }
    ++generation_;
    block_id_ = g_block_ids.fetch_add(1, std::memory_order_relaxed) + 1;
    next_list_.store(0, std::memory_order_relaxed);
    full_.store(false, std::memory_order_relaxed);
}

void MvMemory::release(std::size_t part, std::size_t parts) {
    if (part == 0) {
        const std::uint32_t used = std::min(next_list_.load(std::memory_order_relaxed), list_capacity_);
        peak_lists_ = std::max(peak_lists_, used);
        was_full_ = full_.load(std::memory_order_relaxed);
    }
    for (std::size_t t = part; t < written_.size(); t += parts) written_[t].clear();
    any_wipe_.store(false, std::memory_order_relaxed);
}

std::uint32_t MvMemory::peek_list() {
    ListChunk& chunk = t_chunk;
    if (chunk.block != block_id_ || chunk.next == chunk.end) {
        const std::uint32_t start = next_list_.fetch_add(kListChunk, std::memory_order_relaxed);
        if (start >= list_capacity_ || list_capacity_ - start < kListChunk) {
            full_.store(true, std::memory_order_relaxed);
            chunk = ListChunk{};
            return kNoList;
        }
        chunk = ListChunk{block_id_, start, start + kListChunk};
    }
    return chunk.next;
}

void MvMemory::take_list() { ++t_chunk.next; }

const MvMemory::VersionList* MvMemory::find(const Location& l) const {
    const std::uint64_t h = LocationHasher{}(l);
    const std::uint32_t ready = ready_state();
    for (std::size_t i = h & mask_;; i = (i + 1) & mask_) {
        const Entry& e = entries_[i];
        std::uint32_t state = e.state.load(std::memory_order_acquire);
        // Being filled: its location is not known yet, and takes a few instructions.
        while (state == ready - 1) state = e.state.load(std::memory_order_acquire);
        if (state != ready) return nullptr;  // an empty entry ends the probe
        if (e.hash.load(std::memory_order_relaxed) != h) continue;
        const VersionList& list = lists_[e.list.load(std::memory_order_relaxed)];
        if (list.location == l) return &list;
    }
}

MvMemory::VersionList* MvMemory::find_or_add(const Location& l) {
    const std::uint64_t h = LocationHasher{}(l);
    const std::uint32_t ready = ready_state();
    for (std::size_t i = h & mask_;; i = (i + 1) & mask_) {
        Entry& e = entries_[i];
        std::uint32_t state = e.state.load(std::memory_order_acquire);
        for (;;) {
            while (state == ready - 1) state = e.state.load(std::memory_order_acquire);
            if (state == ready) break;
            // Empty in this block: claim it for `l`. The table has room for every list, so
            // the probe always reaches an empty entry or the location.
            const std::uint32_t index = peek_list();
            if (index == kNoList) return nullptr;
            if (e.state.compare_exchange_strong(state, ready - 1, std::memory_order_acquire)) {
                VersionList& list = lists_[index];
                list.location = l;
                list.cells.clear();  // an earlier block's cells; their room stays
                e.hash.store(h, std::memory_order_relaxed);
                e.list.store(index, std::memory_order_relaxed);
                e.state.store(ready, std::memory_order_release);
                take_list();
                return &list;
            }
            // Another thread claimed it first (`state` now holds what it wrote): look again.
        }
        if (e.hash.load(std::memory_order_relaxed) != h) continue;
        VersionList& list = lists_[e.list.load(std::memory_order_relaxed)];
        if (list.location == l) return &list;
    }
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
