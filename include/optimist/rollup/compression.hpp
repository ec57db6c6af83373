// Compression codecs for channel data: zlib, zstd and brotli behind one interface.
//
// The channel format names its codec in one byte (channel.hpp), so channels written with any
// of them stay decodable when the batcher's default changes. The default was chosen by
// measurement on signed-transaction batches (bench/RESULTS.md, "Batch compression").
//
// Decompression is bounded: it never produces more than `max_output` bytes (a decompression
// bomb fails with output_too_large instead of exhausting memory) and it accepts exactly one
// complete stream: truncated input, corrupt input and bytes after the stream are errors.
#pragma once

#include <optimist/core/bytes.hpp>
#include <optimist/core/result.hpp>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace optimist::rollup {

// The codec byte of a channel. 0x00 is deliberately unassigned, so zeroed data never decodes.
enum class Codec : std::uint8_t {
    zlib = 0x01,    // RFC 1950 (deflate with an Adler-32 check), as OP Stack channels before Fjord
    zstd = 0x02,    // RFC 8878, one frame with content size and checksum
    brotli = 0x03,  // RFC 7932, as OP Stack channels since Fjord
};

// The codec the batcher uses unless told otherwise (at default_level). Measured on batches of
// signed transactions (bench/RESULTS.md): brotli 9 gave the smallest output of the codecs that
// compress a 1,000-transaction batch in well under 0.1 s; zstd decompresses faster, but at
// ~250 MB/s brotli's decompression is already a negligible part of derivation next to
// re-execution, while every byte saved is L1 data not paid for.
inline constexpr Codec kDefaultCodec = Codec::brotli;

[[nodiscard]] std::optional<Codec> codec_from_byte(std::uint8_t byte) noexcept;
[[nodiscard]] std::string_view to_string(Codec codec) noexcept;
// The level make_compressor uses when given none: the best ratio at a speed the batcher
// affords (zlib 9, zstd 19, brotli 9; brotli 10 and 11 gain under 0.7% at a third to a
// twentieth of the speed).
[[nodiscard]] int default_level(Codec codec) noexcept;

enum class CodecErrorKind : std::uint8_t {
    corrupt,             // the codec rejected the data (bad header, bad block, checksum mismatch)
    truncated,           // the input ended before the stream did
    trailing_data,       // bytes follow the end of the stream
    output_too_large,    // the stream decompresses to more than max_output bytes
    compression_failed,  // the library failed to compress (allocation failure)
};

[[nodiscard]] std::string_view to_string(CodecErrorKind kind) noexcept;

struct CodecError {
    CodecErrorKind kind = CodecErrorKind::corrupt;
    std::string message;  // names the codec and, where the library says, why
};

// One codec at one compression level. Implementations keep no mutable state (each call makes
// its own library context), so a Compressor may be shared between threads.
class Compressor {
public:
    virtual ~Compressor() = default;

    [[nodiscard]] virtual Codec codec() const noexcept = 0;
    [[nodiscard]] virtual int level() const noexcept = 0;
    [[nodiscard]] virtual Result<Bytes, CodecError> compress(ByteView input) const = 0;
    // Memory use is bounded by max_output plus the codec's window (at most 16 MiB for zstd and
    // brotli, 32 KiB for zlib). REQUIRES: max_output < SIZE_MAX.
    [[nodiscard]] virtual Result<Bytes, CodecError> decompress(ByteView input,
                                                               std::size_t max_output) const = 0;
};

// `level` is clamped to the codec's range; nullopt means default_level(codec).
[[nodiscard]] std::unique_ptr<Compressor> make_compressor(Codec codec,
                                                          std::optional<int> level = std::nullopt);

}  // namespace optimist::rollup
