// Channel data: codec byte ‖ compressed batch (channel.hpp).
#include <optimist/core/keccak.hpp>
#include <optimist/rollup/channel.hpp>

#include <algorithm>
#include <string>

namespace optimist::rollup {

Result<Bytes, CodecError> encode_channel(const Batch& batch, const Compressor& compressor) {
    auto compressed = compressor.compress(encode_batch(batch));
    if (!compressed) return fail(compressed.error());
    Bytes out;
    out.reserve(1 + compressed->size());
    out.push_back(static_cast<std::uint8_t>(compressor.codec()));
    append(out, *compressed);
    return out;
}

Result<Batch, BatchError> decode_channel(ByteView channel_data, const BatchLimits& limits) {
    if (channel_data.empty()) {
        return fail(
            BatchError{BatchErrorKind::decompression_failed, "channel: no bytes (expected a codec byte)"});
    }
    const auto codec = codec_from_byte(channel_data[0]);
    if (!codec) {
        return fail(BatchError{BatchErrorKind::decompression_failed,
                               "channel: unknown codec byte " + std::to_string(channel_data[0]) +
                                   " (known: 1 zlib, 2 zstd, 3 brotli)"});
    }
    auto decompressed = make_compressor(*codec)->decompress(channel_data.subspan(1), limits.max_batch_bytes);
    if (!decompressed) {
        return fail(
            BatchError{BatchErrorKind::decompression_failed, "channel: " + decompressed.error().message});
    }
    return decode_batch(*decompressed, limits);
}

ChannelId channel_id_for(ByteView channel_data) noexcept {
    const Hash h = keccak256(channel_data);
    ChannelId id;
    std::copy_n(h.begin(), ChannelId::size(), id.data());
    return id;
}

}  // namespace optimist::rollup
