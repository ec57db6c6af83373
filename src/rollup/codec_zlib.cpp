// zlib (RFC 1950: deflate with a header and an Adler-32 check), the OP Stack's original
// channel codec. Inflate's memory is its 32 KiB window plus the bounded output.
#include "codecs.hpp"

#include <limits>
#include <zlib.h>

namespace optimist::rollup::detail {
namespace {

class ZlibCompressor final : public Compressor {
public:
    explicit ZlibCompressor(int level) : level_(level) {}

    Codec codec() const noexcept override { return Codec::zlib; }
    int level() const noexcept override { return level_; }

    Result<Bytes, CodecError> compress(ByteView input) const override {
        uLongf size = compressBound(static_cast<uLong>(input.size()));
        Bytes out(size);
        const int r = compress2(out.data(), &size, input.data(), static_cast<uLong>(input.size()), level_);
        if (r != Z_OK) return codec_error(Codec::zlib, CodecErrorKind::compression_failed, zError(r));
        out.resize(size);
        return out;
    }

    Result<Bytes, CodecError> decompress(ByteView input, std::size_t max_output) const override {
        // zlib counts in 32-bit uInt; a compressed channel is far below 4 GiB.
        if (input.size() > std::numeric_limits<uInt>::max()) {
            return codec_error(Codec::zlib, CodecErrorKind::output_too_large, "input above 4 GiB");
        }
        z_stream zs{};
        if (inflateInit(&zs) != Z_OK)
            return codec_error(Codec::zlib, CodecErrorKind::compression_failed, "inflateInit");
        struct End {
            z_stream* s;
            ~End() { inflateEnd(s); }
        } end{&zs};

        zs.next_in = const_cast<Bytef*>(input.data());  // zlib's API is not const-correct; it only reads
        zs.avail_in = static_cast<uInt>(input.size());
        BoundedOutput out(max_output, input.size());
        for (;;) {
            const auto space = out.space();
            if (space.size == 0) return codec_error(Codec::zlib, CodecErrorKind::output_too_large);
            const uInt avail =
                static_cast<uInt>(std::min<std::size_t>(space.size, std::numeric_limits<uInt>::max()));
            zs.next_out = space.data;
            zs.avail_out = avail;
            const int r = inflate(&zs, Z_NO_FLUSH);
            out.commit(avail - zs.avail_out);
            if (out.exceeded()) return codec_error(Codec::zlib, CodecErrorKind::output_too_large);
            switch (r) {
                case Z_STREAM_END:
                    if (zs.avail_in != 0) return codec_error(Codec::zlib, CodecErrorKind::trailing_data);
                    return std::move(out).take();
                case Z_OK:
                case Z_BUF_ERROR:
                    // No input left and output room to spare: the stream is cut short.
                    if (zs.avail_in == 0 && zs.avail_out > 0) {
                        return codec_error(Codec::zlib, CodecErrorKind::truncated);
                    }
                    break;
                case Z_NEED_DICT:
                    return codec_error(Codec::zlib, CodecErrorKind::corrupt,
                                       "stream asks for a preset dictionary");
                case Z_MEM_ERROR:
                    return codec_error(Codec::zlib, CodecErrorKind::compression_failed, "out of memory");
                default:
                    return codec_error(Codec::zlib, CodecErrorKind::corrupt,
                                       zs.msg != nullptr ? zs.msg : zError(r));
            }
        }
    }

private:
    int level_;
};

}  // namespace

std::unique_ptr<Compressor> make_zlib(int level) { return std::make_unique<ZlibCompressor>(level); }

}  // namespace optimist::rollup::detail
