// MachineImage validation and its binary form.
//
// Format, version 1 (state/byte_codec.hpp: fixed-width big-endian integers, 32-byte words,
// u32-length byte strings):
//   u8 version
//   u8 done
//   if done: result = u8 status, i64 gas_left, output, 20-byte create_address
//   u32 frame count, then per frame, outermost first:
//     u8 kind, u8 flags (bit 0 is_static, bit 1 halted), u32 depth,
//     caller, address, code_address (20 bytes each), value (word), input,
//     code, code_hash (32 bytes), u32 pc, i64 gas,
//     u32 stack height then the words bottom first, memory, return_data,
//     u64 snapshot, u64 ret_offset, u64 ret_size, u8 status, output
// A running machine's result is the default one and is not written. The decoder accepts only
// encodings of valid images (validate()), with no trailing bytes: one encoding per image.
#include "machine_image_check.hpp"

#include <optimist/core/keccak.hpp>
#include <optimist/evm/analysis.hpp>
#include <optimist/evm/machine_image.hpp>
#include <optimist/evm/opcodes.hpp>
#include <optimist/state/byte_codec.hpp>

#include <limits>

namespace optimist::evm {

namespace {

using state::codec::Reader;
using state::codec::Writer;

constexpr std::uint8_t kVersion = 1;
constexpr std::size_t kMaxFrames = kMaxCallDepth + 1;  // depths 0 to kMaxCallDepth
constexpr std::uint64_t kMaxMemory = (std::uint64_t{1} << 32) - 32;
// Frames' gas adds up into their callers' as they return. In a real run the frames together
// never hold more than the message started with (a value call's stipend is less than what
// the call charges), which is at most this, so bounding the sum keeps those additions exact.
constexpr std::int64_t kMaxTotalGas = std::numeric_limits<std::int64_t>::max();
constexpr std::size_t kMaxBytes = std::numeric_limits<std::uint32_t>::max();
constexpr auto kLastStatus = StatusCode::initcode_size_exceeded;
constexpr auto kLastKind = CallKind::create2;

constexpr bool is_create(CallKind k) noexcept { return k == CallKind::create || k == CallKind::create2; }

Result<void, std::string> check_frame(const FrameImage& f, std::size_t i, bool top) {
    const auto bad = [i](const std::string& why) { return fail("frame " + std::to_string(i) + ": " + why); };
    if (f.kind > kLastKind) return bad("unknown call kind");
    if (f.status > kLastStatus) return bad("unknown status");
    if (f.depth < 0 || f.depth > kMaxCallDepth) return bad("depth out of range");
    if (f.code.empty()) return bad("no code (such messages complete without a frame)");
    if (f.code.size() > kMaxBytes || f.input.size() > kMaxBytes || f.return_data.size() > kMaxBytes ||
        f.output.size() > kMaxBytes) {
        return bad("a byte string of 2^32 bytes or more");
    }
    if (f.pc > f.code.size() + CodeAnalysis::kPadding - 1) return bad("pc past the end of the code");
    if (f.gas < 0) return bad("negative gas");
    if (f.stack.size() > static_cast<std::size_t>(kStackLimit)) return bad("stack above 1024 words");
    if (f.memory.size() % 32 != 0 || f.memory.size() > kMaxMemory) return bad("memory not whole words below 2^32");
    if (!f.halted && (f.status != StatusCode::success || !f.output.empty()))
        return bad("a running frame with a status or output");
    if (f.halted && !top) return bad("a halted frame below the top");
    if (is_create(f.kind) && (f.is_static || !f.input.empty() || f.ret_offset != 0 || f.ret_size != 0))
        return bad("a creation frame with call data, output range or static flag");
    return {};
}

// What the caller must hold for the callee's outcome to be delivered into it
// (MachineOps::deliver_call / deliver_create).
Result<void, std::string> check_link(const FrameImage& caller, const FrameImage& callee, std::size_t i) {
    const auto bad = [i](const std::string& why) { return fail("frame " + std::to_string(i) + ": " + why); };
    if (callee.depth != caller.depth + 1) return bad("depth is not its caller's plus one");
    if (caller.is_static && !callee.is_static) return bad("a non-static frame under a static one");
    if (callee.snapshot < caller.snapshot) return bad("snapshot before its caller's");
    if (caller.stack.size() >= static_cast<std::size_t>(kStackLimit)) return bad("no stack room in the caller");
    if (callee.ret_size == 0) {
        if (callee.ret_offset != 0) return bad("an output offset without an output size");
    } else if (callee.ret_offset > caller.memory.size() || callee.ret_size > caller.memory.size() - callee.ret_offset) {
        return bad("output range outside the caller's memory");
    }
    return {};
}

}  // namespace

namespace detail {

Result<void, std::string> validate_structure(const MachineImage& image) {
    if (image.done != image.frames.empty())
        return fail(std::string(image.done ? "done with frames left" : "running without frames"));
    if (image.done) {
        const ExecutionResult& r = image.result;
        if (r.status > kLastStatus) return fail(std::string("result: unknown status"));
        if (r.gas_left < 0) return fail(std::string("result: negative gas"));
        if (r.output.size() > kMaxBytes) return fail(std::string("result: output of 2^32 bytes or more"));
        return {};
    }
    if (image.result != ExecutionResult{}) return fail(std::string("a running machine with a result"));
    if (image.frames.size() > kMaxFrames)
        return fail("more than " + std::to_string(kMaxFrames) + " frames");
    std::int64_t total_gas = 0;
    for (std::size_t i = 0; i < image.frames.size(); ++i) {
        const FrameImage& f = image.frames[i];
        if (auto ok = check_frame(f, i, i + 1 == image.frames.size()); !ok) return ok;
        // Only the transaction's own message (depth 0) has nowhere to return to. A first frame
        // deeper than that is a partial stack (the one-step verifier materializes only the
        // frames a step touches), whose caller's memory is not part of the image.
        if (i == 0 && f.depth == 0 && (f.ret_offset != 0 || f.ret_size != 0))
            return fail(std::string("frame 0: an output range"));
        if (i != 0) {
            if (auto ok = check_link(image.frames[i - 1], f, i); !ok) return ok;
        }
        if (f.gas > kMaxTotalGas - total_gas) return fail(std::string("frames hold more than 2^63 - 1 gas together"));
        total_gas += f.gas;
    }
    return {};
}

}  // namespace detail

Result<void, std::string> validate(const MachineImage& image) {
    if (auto ok = detail::validate_structure(image); !ok) return ok;
    for (std::size_t i = 0; i < image.frames.size(); ++i) {
        if (keccak256(image.frames[i].code) != image.frames[i].code_hash)
            return fail("frame " + std::to_string(i) + ": code hash does not match the code");
    }
    return {};
}

Bytes encode(const MachineImage& image) {
    Writer w;
    w.u8(kVersion);
    w.boolean(image.done);
    if (image.done) {
        w.u8(static_cast<std::uint8_t>(image.result.status));
        w.i64(image.result.gas_left);
        w.bytes(image.result.output);
        w.fixed(image.result.create_address);
    }
    w.count(image.frames.size());
    for (const FrameImage& f : image.frames) {
        w.u8(static_cast<std::uint8_t>(f.kind));
        w.u8(static_cast<std::uint8_t>((f.is_static ? 1 : 0) | (f.halted ? 2 : 0)));
        w.u32(static_cast<std::uint32_t>(f.depth));
        w.fixed(f.caller);
        w.fixed(f.address);
        w.fixed(f.code_address);
        w.word(f.value);
        w.bytes(f.input);
        w.bytes(f.code);
        w.fixed(f.code_hash);
        w.u32(f.pc);
        w.i64(f.gas);
        w.count(f.stack.size());
        for (const Uint256& v : f.stack) w.word(v);
        w.bytes(f.memory);
        w.bytes(f.return_data);
        w.u64(f.snapshot);
        w.u64(f.ret_offset);
        w.u64(f.ret_size);
        w.u8(static_cast<std::uint8_t>(f.status));
        w.bytes(f.output);
    }
    return std::move(w).take();
}

Result<MachineImage, std::string> decode_machine_image(ByteView bytes) {
    Reader r(bytes);
    MachineImage image;
    const std::uint8_t version = r.u8();
    if (r.ok() && version != kVersion)
        return fail("machine image: unsupported version " + std::to_string(version));
    image.done = r.boolean("done");
    if (image.done) {
        image.result.status = static_cast<StatusCode>(r.u8());
        image.result.gas_left = r.i64();
        image.result.output = r.bytes("result output", kMaxBytes);
        image.result.create_address = r.fixed<20>();
    }
    // The smallest frame encoding: one byte of code and everything else empty.
    constexpr std::size_t kMinFrame = 1 + 1 + 4 + 3 * 20 + 32 + 4 + (4 + 1) + 32 + 4 + 8 + 4 + 4 + 4 + 3 * 8 + 1 + 4;
    const std::size_t frames = r.count("frames", kMaxFrames, kMinFrame);
    image.frames.reserve(frames);
    for (std::size_t i = 0; i < frames && r.ok(); ++i) {
        FrameImage& f = image.frames.emplace_back();
        f.kind = static_cast<CallKind>(r.u8());
        const std::uint8_t flags = r.u8();
        if (flags > 3) r.fail("frame flags: undefined bits");
        f.is_static = (flags & 1) != 0;
        f.halted = (flags & 2) != 0;
        const std::uint32_t depth = r.u32();
        if (depth > static_cast<std::uint32_t>(kMaxCallDepth)) r.fail("frame depth out of range");
        f.depth = static_cast<int>(depth);
        f.caller = r.fixed<20>();
        f.address = r.fixed<20>();
        f.code_address = r.fixed<20>();
        f.value = r.word();
        f.input = r.bytes("input", kMaxBytes);
        f.code = r.bytes("code", kMaxBytes);
        f.code_hash = r.fixed<32>();
        f.pc = r.u32();
        f.gas = r.i64();
        const std::size_t height = r.count("stack", kStackLimit, 32);
        f.stack.reserve(height);
        for (std::size_t j = 0; j < height && r.ok(); ++j) f.stack.push_back(r.word());
        f.memory = r.bytes("memory", kMaxMemory);
        f.return_data = r.bytes("return data", kMaxBytes);
        f.snapshot = r.u64();
        f.ret_offset = r.u64();
        f.ret_size = r.u64();
        f.status = static_cast<StatusCode>(r.u8());
        f.output = r.bytes("output", kMaxBytes);
    }
    r.finish();
    if (!r.ok()) return fail("machine image: " + r.error());
    if (auto ok = validate(image); !ok) return fail("machine image: " + ok.error());
    return image;
}

}  // namespace optimist::evm
