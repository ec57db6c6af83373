// zstd (RFC 8878): one frame with its content size and a checksum, decoded with a bounded
// window so a hostile frame header cannot make the decoder allocate more than 16 MiB.
#include "codecs.hpp"

#include <zstd.h>
#include <zstd_errors.h>

namespace optimist::rollup::detail {
namespace {

// 2^24: the window of our own frames never exceeds it (levels up to 19 use at most 2^23).
constexpr int kMaxWindowLog = 24;

struct CCtxFree {
    void operator()(ZSTD_CCtx* c) const noexcept { ZSTD_freeCCtx(c); }
};
struct DCtxFree {
    void operator()(ZSTD_DCtx* d) const noexcept { ZSTD_freeDCtx(d); }
};

class ZstdCompressor final : public Compressor {
public:
    explicit ZstdCompressor(int level) : level_(level) {}

    Codec codec() const noexcept override { return Codec::zstd; }
    int level() const noexcept override { return level_; }

    Result<Bytes, CodecError> compress(ByteView input) const override {
        std::unique_ptr<ZSTD_CCtx, CCtxFree> cctx(ZSTD_createCCtx());
        if (!cctx) return codec_error(Codec::zstd, CodecErrorKind::compression_failed, "out of memory");
        ZSTD_CCtx_setParameter(cctx.get(), ZSTD_c_compressionLevel, level_);
        // The checksum makes corruption an error instead of different bytes.
        ZSTD_CCtx_setParameter(cctx.get(), ZSTD_c_checksumFlag, 1);
        Bytes out(ZSTD_compressBound(input.size()));
        const std::size_t n = ZSTD_compress2(cctx.get(), out.data(), out.size(), input.data(), input.size());
        if (ZSTD_isError(n))
            return codec_error(Codec::zstd, CodecErrorKind::compression_failed, ZSTD_getErrorName(n));
        out.resize(n);
        return out;
    }

    Result<Bytes, CodecError> decompress(ByteView input, std::size_t max_output) const override {
        // Refuse a declared size above the limit before allocating anything.
        const unsigned long long declared = ZSTD_getFrameContentSize(input.data(), input.size());
        if (declared != ZSTD_CONTENTSIZE_UNKNOWN && declared != ZSTD_CONTENTSIZE_ERROR &&
            declared > max_output) {
            return codec_error(Codec::zstd, CodecErrorKind::output_too_large,
                               "frame declares " + std::to_string(declared) + " bytes");
        }
        std::unique_ptr<ZSTD_DCtx, DCtxFree> dctx(ZSTD_createDCtx());
        if (!dctx) return codec_error(Codec::zstd, CodecErrorKind::compression_failed, "out of memory");
        ZSTD_DCtx_setParameter(dctx.get(), ZSTD_d_windowLogMax, kMaxWindowLog);

        ZSTD_inBuffer in{input.data(), input.size(), 0};
        BoundedOutput out(max_output, input.size());
        for (;;) {
            const auto space = out.space();
            if (space.size == 0) return codec_error(Codec::zstd, CodecErrorKind::output_too_large);
            ZSTD_outBuffer ob{space.data, space.size, 0};
            const std::size_t ret = ZSTD_decompressStream(dctx.get(), &ob, &in);
            out.commit(ob.pos);
            if (ZSTD_isError(ret)) {
                if (ZSTD_getErrorCode(ret) == ZSTD_error_frameParameter_windowTooLarge) {
                    return codec_error(Codec::zstd, CodecErrorKind::output_too_large, ZSTD_getErrorName(ret));
                }
                return codec_error(Codec::zstd, CodecErrorKind::corrupt, ZSTD_getErrorName(ret));
            }
            if (out.exceeded()) return codec_error(Codec::zstd, CodecErrorKind::output_too_large);
            if (ret == 0) {
                if (in.pos != in.size) return codec_error(Codec::zstd, CodecErrorKind::trailing_data);
                return std::move(out).take();
            }
            // Every input byte consumed and room left over: the frame needs bytes we lack.
            if (in.pos == in.size && ob.pos < ob.size)
                return codec_error(Codec::zstd, CodecErrorKind::truncated);
        }
    }

private:
    int level_;
};

}  // namespace

std::unique_ptr<Compressor> make_zstd(int level) { return std::make_unique<ZstdCompressor>(level); }

}  // namespace optimist::rollup::detail
