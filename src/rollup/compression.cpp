// Codec names, levels and the factory (compression.hpp); the codecs are in codec_*.cpp.
#include "codecs.hpp"

#include <algorithm>

namespace optimist::rollup {

std::optional<Codec> codec_from_byte(std::uint8_t byte) noexcept {
    switch (byte) {
        case static_cast<std::uint8_t>(Codec::zlib):
            return Codec::zlib;
        case static_cast<std::uint8_t>(Codec::zstd):
            return Codec::zstd;
        case static_cast<std::uint8_t>(Codec::brotli):
            return Codec::brotli;
        default:
            return std::nullopt;
    }
}

std::string_view to_string(Codec codec) noexcept {
    switch (codec) {
        case Codec::zlib:
            return "zlib";
        case Codec::zstd:
            return "zstd";
        case Codec::brotli:
            return "brotli";
    }
    return "unknown codec";
}

int default_level(Codec codec) noexcept {
    switch (codec) {
        case Codec::zlib:
            return 9;
        case Codec::zstd:
            return 19;
        case Codec::brotli:
            return 9;
    }
    return 1;
}

std::string_view to_string(CodecErrorKind kind) noexcept {
    switch (kind) {
        case CodecErrorKind::corrupt:
            return "corrupt compressed data";
        case CodecErrorKind::truncated:
            return "compressed data ends before its stream does";
        case CodecErrorKind::trailing_data:
            return "bytes after the end of the compressed stream";
        case CodecErrorKind::output_too_large:
            return "decompressed size above the limit";
        case CodecErrorKind::compression_failed:
            return "compression failed";
    }
    return "unknown codec error";
}

std::unique_ptr<Compressor> make_compressor(Codec codec, std::optional<int> level) {
    const int l = level.value_or(default_level(codec));
    switch (codec) {
        case Codec::zlib:
            return detail::make_zlib(std::clamp(l, 1, 9));
        // Levels 20-22 need windows above the 2^24 bytes the decoder allows.
        case Codec::zstd:
            return detail::make_zstd(std::clamp(l, 1, 19));
        case Codec::brotli:
            return detail::make_brotli(std::clamp(l, 0, 11));
    }
    return nullptr;
}

}  // namespace optimist::rollup
