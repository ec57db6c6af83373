// brotli (RFC 7932), the OP Stack's channel codec since Fjord. The decoder runs without
// large-window support, so a stream cannot ask for a window above 16 MiB.
#include "codecs.hpp"

#include <brotli/decode.h>
#include <brotli/encode.h>

namespace optimist::rollup::detail {
namespace {

struct DecoderFree {
    void operator()(BrotliDecoderState* s) const noexcept { BrotliDecoderDestroyInstance(s); }
};

class BrotliCompressor final : public Compressor {
public:
    explicit BrotliCompressor(int level) : level_(level) {}

    Codec codec() const noexcept override { return Codec::brotli; }
    int level() const noexcept override { return level_; }

    Result<Bytes, CodecError> compress(ByteView input) const override {
        std::size_t size = BrotliEncoderMaxCompressedSize(input.size());
        if (size == 0)
            return codec_error(Codec::brotli, CodecErrorKind::compression_failed, "input too large");
        Bytes out(size);
        if (BrotliEncoderCompress(level_, BROTLI_MAX_WINDOW_BITS, BROTLI_MODE_GENERIC, input.size(),
                                  input.data(), &size, out.data()) != BROTLI_TRUE) {
            return codec_error(Codec::brotli, CodecErrorKind::compression_failed);
        }
        out.resize(size);
        return out;
    }

    Result<Bytes, CodecError> decompress(ByteView input, std::size_t max_output) const override {
        std::unique_ptr<BrotliDecoderState, DecoderFree> state(
            BrotliDecoderCreateInstance(nullptr, nullptr, nullptr));
        if (!state) return codec_error(Codec::brotli, CodecErrorKind::compression_failed, "out of memory");
        std::size_t avail_in = input.size();
        const std::uint8_t* next_in = input.data();
        BoundedOutput out(max_output, input.size());
        for (;;) {
            const auto space = out.space();
            if (space.size == 0) return codec_error(Codec::brotli, CodecErrorKind::output_too_large);
            std::size_t avail_out = space.size;
            std::uint8_t* next_out = space.data;
            const BrotliDecoderResult r = BrotliDecoderDecompressStream(state.get(), &avail_in, &next_in,
                                                                        &avail_out, &next_out, nullptr);
            out.commit(space.size - avail_out);
            if (out.exceeded()) return codec_error(Codec::brotli, CodecErrorKind::output_too_large);
            switch (r) {
                case BROTLI_DECODER_RESULT_SUCCESS:
                    if (avail_in != 0) return codec_error(Codec::brotli, CodecErrorKind::trailing_data);
                    return std::move(out).take();
                case BROTLI_DECODER_RESULT_NEEDS_MORE_INPUT:
                    return codec_error(Codec::brotli, CodecErrorKind::truncated);  // it had all we have
                case BROTLI_DECODER_RESULT_NEEDS_MORE_OUTPUT:
                    break;
                case BROTLI_DECODER_RESULT_ERROR:
                    return codec_error(Codec::brotli, CodecErrorKind::corrupt,
                                       BrotliDecoderErrorString(BrotliDecoderGetErrorCode(state.get())));
            }
        }
    }

private:
    int level_;
};

}  // namespace

std::unique_ptr<Compressor> make_brotli(int level) { return std::make_unique<BrotliCompressor>(level); }

}  // namespace optimist::rollup::detail
