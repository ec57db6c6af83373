// Derivation, first half: from the L1 batch inbox to batches of L2 blocks.
//
// The inbox holds whatever anyone posted; derivation keeps only the authorized batcher's
// entries (the sender is recovered from the L1 transaction's signature), reassembles their
// frames into channels (rollup::ChannelAssembler), decompresses and decodes each channel
// into a batch (rollup::decode_channel). Everything refused is reported with its L1 block
// and a reason, and derivation goes on with the next entry. The output depends only on the
// inbox entries given, in L1 order (DESIGN decision 4).
//
// The second half — executing the batches' blocks — is Node::import_block.
#pragma once

#include <optimist/core/bytes.hpp>
#include <optimist/core/result.hpp>
#include <optimist/rollup/batch.hpp>
#include <optimist/rollup/channel_assembler.hpp>

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace optimist::l1 {
struct InboxEntry;
class L1;
}

namespace optimist::sequencer {

struct DerivedBatch {
    rollup::Batch batch;
    std::uint64_t l1_block = 0;  // the L1 block whose entry completed the channel
};

struct DerivationRejection {
    std::uint64_t l1_block = 0;
    Hash l1_tx;
    std::string reason;
};

struct DerivationOutput {
    std::vector<DerivedBatch> batches;
    std::vector<DerivationRejection> rejections;
};

class Deriver {
public:
    explicit Deriver(const Address& authorized_batcher, rollup::AssemblerLimits assembler = {},
                     rollup::BatchLimits batch_limits = {});

    // Takes the next inbox entry (entries in L1 order).
    [[nodiscard]] DerivationOutput add(const l1::InboxEntry& entry);
    // Marks L1 block `l1_block` as seen, payloads or not: expires channels that timed out.
    [[nodiscard]] std::vector<DerivationRejection> advance_to(std::uint64_t l1_block);

    [[nodiscard]] const Address& batcher() const noexcept { return batcher_; }

private:
    Address batcher_;
    rollup::ChannelAssembler assembler_;
    rollup::BatchLimits batch_limits_;
    std::uint64_t last_l1_block_ = 0;
};

// Reads the L1 inbox from `next_l1_block` through `to_l1_block` in pages, feeds every entry to
// `deriver` and hands out what it yields; `next_l1_block` advances past each page read, so a
// failed read resumes where it stopped. The batcher (reading back its own posts) and the
// verifier both derive through here.
struct InboxVisitor {
    std::function<void(const DerivedBatch&, const Hash& l1_tx)> on_batch;
    std::function<void(DerivationRejection&&)> on_rejection;  // may be empty: rejections dropped
};
[[nodiscard]] Status<std::string> derive_inbox(l1::L1& l1, Deriver& deriver, std::uint64_t& next_l1_block,
                                               std::uint64_t to_l1_block, const InboxVisitor& visit);

}  // namespace optimist::sequencer
