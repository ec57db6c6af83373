// InboxReader: a read-only view of the batch inbox for code that runs while the L1 stub
// builds a block, i.e. a DisputeReferee deriving L2 blocks from the inbox.
//
// The stub calls the referee with its block-building lock held, so the referee must not call
// back into L1Stub methods that take that lock (everything but batches()): it would
// deadlock. This reader is the supported path: it never takes the builder's lock and reads
// only blocks already committed to LevelDB, which never change. The stub passes the referee
// the newest committed L1 block as `l1_block`, so everything the referee may read up to it
// is visible here.
//
// Thread safety: every method may be called from any thread.
#pragma once

#include <optimist/l1/types.hpp>

#include <cstdint>
#include <vector>

namespace optimist::l1 {

class InboxReader {
public:
    virtual ~InboxReader() = default;

    // Inbox entries of L1 blocks from_l1_block..to_l1_block (inclusive, clamped to the newest
    // committed block), in block order, then index order (as L1::batches).
    [[nodiscard]] virtual L1Result<std::vector<InboxEntry>> batches(std::uint64_t from_l1_block,
                                                                    std::uint64_t to_l1_block) const = 0;
};

}  // namespace optimist::l1
