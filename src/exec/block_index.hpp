// BlockIndex: a hash index that Block-STM's workers fill at the same time without locks, for
// one block at a time. It maps keys to items of a pool its owner keeps (the multi-version
// memory's version lists, the pre-state cache's accounts); the owner compares keys and fills
// new items through callbacks, so the index itself knows only 64-bit hashes and item numbers.
//
// Open addressing with linear probing over at least twice as many entries as there are
// items, so a probe is short and always ends. Keys are only ever added during a block; an
// entry belongs to the current block when its state carries the block's generation, so a new
// block starts empty without clearing the table. Items are handed to each thread in chunks,
// so adding a key does not touch a counter every worker shares.
//
// Thread safety: find and find_or_add may run concurrently with each other; begin must not
// run concurrently with anything.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <thread>

namespace optimist::exec::detail {

class BlockIndex {
public:
    static constexpr std::uint32_t kNone = ~std::uint32_t{0};

    // Ready for a block that is expected to add about `expected` keys: forgets every key and
    // has room for at least that many items, and more if an earlier block needed more (the
    // most it used, or twice the room after it ran out). The owner's pool must then have
    // capacity() items.
    void begin(std::size_t expected);
    [[nodiscard]] std::uint32_t capacity() const noexcept { return capacity_; }

    // The item of the key whose hash is `hash` and for which is_key(item) holds, or kNone.
    template <class IsKey>
    [[nodiscard]] std::uint32_t find(std::uint64_t hash, IsKey&& is_key) const;
    // The same, adding the key when it is missing: fill(item) prepares the new item before
    // any other thread can see it (a thread looking for the same key waits meanwhile, so
    // fill should be quick and must not throw). kNone when every item is taken.
    template <class IsKey, class Fill>
    [[nodiscard]] std::uint32_t find_or_add(std::uint64_t hash, IsKey&& is_key, Fill&& fill);

private:
    struct Entry {
        std::atomic<std::uint32_t> state{0};  // 2 * generation (being filled), or + 1 (ready)
        std::atomic<std::uint32_t> item{0};
        std::atomic<std::uint64_t> hash{0};
    };
    static constexpr std::uint32_t kChunk = 32;

    // The next free item of this thread's chunk (kNone when none is left); take_item uses it.
    [[nodiscard]] std::uint32_t peek_item();
    void take_item() noexcept;
    [[nodiscard]] std::uint32_t ready_state() const noexcept { return 2 * generation_ + 1; }
    // Waits out an entry being filled (a few instructions, unless the filling thread lost its
    // core meanwhile: then this one gives its own away).
    [[nodiscard]] std::uint32_t settled_state(const Entry& e) const noexcept {
        std::uint32_t state = e.state.load(std::memory_order_acquire);
        for (unsigned spins = 0; state == ready_state() - 1; ++spins) {
            if (spins >= 64) std::this_thread::yield();
            state = e.state.load(std::memory_order_acquire);
        }
        return state;
    }

    std::unique_ptr<Entry[]> entries_;
    std::size_t mask_ = 0;  // entries - 1: a power of two, at least twice the items
    std::uint32_t capacity_ = 0;
    std::uint32_t generation_ = 0;
    // Unique across the process at every begin(): tells this block's thread-local chunks apart
    // from those of other blocks and other indices.
    std::uint64_t block_id_ = 0;
    std::uint32_t peak_ = 0;  // the most items a block has taken
    alignas(64) std::atomic<std::uint32_t> next_item_{0};
    std::atomic<bool> ran_out_{false};
};

template <class IsKey>
std::uint32_t BlockIndex::find(std::uint64_t hash, IsKey&& is_key) const {
    const std::uint32_t ready = ready_state();
    for (std::size_t i = hash & mask_;; i = (i + 1) & mask_) {
        const Entry& e = entries_[i];
        if (settled_state(e) != ready) return kNone;  // an empty entry ends the probe
        if (e.hash.load(std::memory_order_relaxed) != hash) continue;
        const std::uint32_t item = e.item.load(std::memory_order_relaxed);
        if (is_key(item)) return item;
    }
}

template <class IsKey, class Fill>
std::uint32_t BlockIndex::find_or_add(std::uint64_t hash, IsKey&& is_key, Fill&& fill) {
    const std::uint32_t ready = ready_state();
    for (std::size_t i = hash & mask_;; i = (i + 1) & mask_) {
        Entry& e = entries_[i];
        std::uint32_t state = settled_state(e);
        while (state != ready) {
            // Empty in this block: claim it. The table has room for every item, so the probe
            // always reaches an empty entry or the key.
            const std::uint32_t item = peek_item();
            if (item == kNone) return kNone;
            if (e.state.compare_exchange_strong(state, ready - 1, std::memory_order_acquire)) {
                fill(item);
                e.hash.store(hash, std::memory_order_relaxed);
                e.item.store(item, std::memory_order_relaxed);
                e.state.store(ready, std::memory_order_release);
                take_item();
                return item;
            }
            // Another thread claimed it first: look at what it put there.
            state = settled_state(e);
        }
        if (e.hash.load(std::memory_order_relaxed) != hash) continue;
        const std::uint32_t item = e.item.load(std::memory_order_relaxed);
        if (is_key(item)) return item;
    }
}

}  // namespace optimist::exec::detail
