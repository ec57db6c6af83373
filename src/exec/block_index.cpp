#include "block_index.hpp"

#include <algorithm>
#include <array>

namespace optimist::exec::detail {
namespace {

std::atomic<std::uint64_t> g_block_ids{0};

// The items a thread may take for one block of one index without touching the shared counter.
// Several per thread, picked by block id, so that a worker using two indices in turn (the
// multi-version memory and the pre-state cache, whose begin() calls take consecutive ids) does
// not give up one's chunk for the other's. Should two live indices share a slot (other
// executors beginning blocks in between), chunks are only wasted: a refill takes a new one.
struct Chunk {
    std::uint64_t block = 0;
    std::uint32_t next = 0;
    std::uint32_t end = 0;
};
thread_local std::array<Chunk, 16> t_chunks{};

Chunk& chunk_of(std::uint64_t block_id) noexcept { return t_chunks[block_id % t_chunks.size()]; }

}  // namespace

void BlockIndex::begin(std::size_t expected) {
    const bool ran_out = ran_out_.load(std::memory_order_relaxed);
    peak_ = std::max(peak_, std::min(next_item_.load(std::memory_order_relaxed), capacity_));
    // Room for the chunks the threads hold back, too.
    std::size_t wanted = std::max<std::size_t>(expected, peak_ + peak_ / 4) + 64 * kChunk;
    if (ran_out) wanted = std::max<std::size_t>(wanted, std::size_t{capacity_} * 2);
    wanted = std::min<std::size_t>(wanted, std::size_t{1} << 30);
    if (capacity_ < wanted) {
        capacity_ = static_cast<std::uint32_t>(wanted);
        std::size_t entries = 1;
        while (entries < std::size_t{capacity_} * 2) entries *= 2;
        entries_ = std::make_unique<Entry[]>(entries);  // state 0: empty in every generation
        mask_ = entries - 1;
        generation_ = 0;
    }
    // A new generation empties the table. Before the states would wrap, they are cleared.
    if (generation_ == 0x7fffffffU) {
        for (std::size_t i = 0; i <= mask_; ++i) entries_[i].state.store(0, std::memory_order_relaxed);
        generation_ = 0;
    }
    ++generation_;
    block_id_ = g_block_ids.fetch_add(1, std::memory_order_relaxed) + 1;
    next_item_.store(0, std::memory_order_relaxed);
    ran_out_.store(false, std::memory_order_relaxed);
}

std::uint32_t BlockIndex::peek_item() {
    Chunk& chunk = chunk_of(block_id_);
    if (chunk.block != block_id_ || chunk.next == chunk.end) {
        if (ran_out_.load(std::memory_order_relaxed)) return kNone;
        const std::uint32_t start = next_item_.fetch_add(kChunk, std::memory_order_relaxed);
        if (start >= capacity_ || capacity_ - start < kChunk) {
            ran_out_.store(true, std::memory_order_relaxed);
            chunk = Chunk{};
            return kNone;
        }
        chunk = Chunk{block_id_, start, start + kChunk};
    }
    return chunk.next;
}

void BlockIndex::take_item() noexcept { ++chunk_of(block_id_).next; }

}  // namespace optimist::exec::detail
