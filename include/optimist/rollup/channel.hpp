// Channels: a compressed batch, the unit that frames carry (docs/protocol.md).
//
//   channel data = codec (1 byte, compression.hpp) ‖ compressed(encode_batch(batch))
//
// One channel carries one batch. The codec byte travels with the data, so a verifier reads
// channels written with any codec, whatever the batcher's current default.
#pragma once

#include <optimist/core/bytes.hpp>
#include <optimist/core/result.hpp>
#include <optimist/rollup/batch.hpp>
#include <optimist/rollup/compression.hpp>
#include <optimist/rollup/frame.hpp>

namespace optimist::rollup {

// REQUIRES: `batch` satisfies encode_batch's precondition.
[[nodiscard]] Result<Bytes, CodecError> encode_channel(const Batch& batch, const Compressor& compressor);

// Reads the codec byte, decompresses at most limits.max_batch_bytes and decodes the batch.
// Unknown codecs and codec failures are decompression_failed; the rest as decode_batch.
[[nodiscard]] Result<Batch, BatchError> decode_channel(ByteView channel_data, const BatchLimits& limits = {});

// The first 16 bytes of keccak256(channel data). Deriving the id from the content means a
// batcher that re-posts a channel after a restart sends frames the assembler recognizes as
// duplicates instead of a second copy of the batch.
[[nodiscard]] ChannelId channel_id_for(ByteView channel_data) noexcept;

}  // namespace optimist::rollup
