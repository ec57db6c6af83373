// The codec implementations behind make_compressor, and what they share: error messages and
// the bounded output buffer of streaming decompression.
#pragma once

#include <optimist/rollup/compression.hpp>

#include <algorithm>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

namespace optimist::rollup::detail {

[[nodiscard]] std::unique_ptr<Compressor> make_zlib(int level);
[[nodiscard]] std::unique_ptr<Compressor> make_zstd(int level);
[[nodiscard]] std::unique_ptr<Compressor> make_brotli(int level);

[[nodiscard]] inline Failure<CodecError> codec_error(Codec codec, CodecErrorKind kind,
                                                     std::string_view detail = {}) {
    std::string message = std::string(to_string(codec)) + ": " + std::string(to_string(kind));
    if (!detail.empty()) message += " (" + std::string(detail) + ")";
    return fail(CodecError{kind, std::move(message)});
}

// Output of a streaming decompressor, grown by doubling up to one byte past max_output: a
// decoder that fills that byte has proven the stream is too large, without the buffer ever
// holding more than max_output + 1 bytes.
class BoundedOutput {
public:
    BoundedOutput(std::size_t max_output, std::size_t input_size)
        : max_output_(max_output),
          buf_(std::min(max_output + 1, std::max<std::size_t>(input_size * 4, kInitialSize))) {}

    // Free space after what was produced; empty once the cap is reached and filled.
    struct Space {
        std::uint8_t* data;
        std::size_t size;
    };
    [[nodiscard]] Space space() {
        if (produced_ == buf_.size() && buf_.size() <= max_output_) {
            buf_.resize(std::min(max_output_ + 1, std::max(buf_.size() * 2, kInitialSize)));
        }
        return {buf_.data() + produced_, buf_.size() - produced_};
    }
    void commit(std::size_t n) noexcept { produced_ += n; }
    [[nodiscard]] bool exceeded() const noexcept { return produced_ > max_output_; }
    [[nodiscard]] Bytes take() && {
        buf_.resize(produced_);
        return std::move(buf_);
    }

private:
    static constexpr std::size_t kInitialSize = 64 * 1024;
    std::size_t max_output_;
    Bytes buf_;
    std::size_t produced_ = 0;
};

}  // namespace optimist::rollup::detail
