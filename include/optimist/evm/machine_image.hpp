// MachineImage: everything an evm::Machine needs to resume, as plain data (DESIGN decision
// 1: the step machine stops after any step, serializes its whole state, and resumes).
//
// Together with the StateView image (StateView::serialize) it is the complete state of a
// message in flight; the block and transaction contexts are the inputs of the message and
// are supplied again when resuming. Machine::image() takes one, Machine::restore() resumes
// from one, encode()/decode_machine_image() move it through bytes.
#pragma once

#include <optimist/core/bytes.hpp>
#include <optimist/core/result.hpp>
#include <optimist/core/uint256.hpp>
#include <optimist/evm/execution.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace optimist::evm {

// One call frame (see Frame in machine.hpp for what each field means).
struct FrameImage {
    CallKind kind = CallKind::call;
    bool is_static = false;
    int depth = 0;
    Address caller;
    Address address;
    Address code_address;
    Uint256 value;
    Bytes input;

    // The code the frame runs and its keccak256 (for creations, of the init code), which
    // is what a step commitment names the code by.
    Bytes code;
    Hash code_hash;

    std::uint32_t pc = 0;
    std::int64_t gas = 0;
    std::vector<Uint256> stack;  // the live stack, bottom first
    Bytes memory;                // a multiple of 32 bytes
    Bytes return_data;

    std::uint64_t snapshot = 0;  // StateView journal index at frame entry
    std::uint64_t ret_offset = 0;
    std::uint64_t ret_size = 0;

    bool halted = false;
    StatusCode status = StatusCode::success;
    Bytes output;

    friend bool operator==(const FrameImage&, const FrameImage&) = default;
};

struct MachineImage {
    std::vector<FrameImage> frames;  // outermost first; empty once done
    bool done = false;
    ExecutionResult result;          // meaningful when done

    friend bool operator==(const MachineImage&, const MachineImage&) = default;
};

// The images a Machine can be in after start(): frames nest (depth, static flag, snapshots
// in order, each caller with room for the outcome in its stack and memory), only the top
// frame may have halted, code hashes match the code, sizes stay within the EVM's limits
// (kMaxCallDepth + 1 frames, kStackLimit words, memory below 2^32 bytes), and done means no
// frames. decode_machine_image() and Machine::restore() accept nothing else, which is what
// lets the machine trust an image from outside.
[[nodiscard]] Result<void, std::string> validate(const MachineImage& image);

// Versioned, canonical (one encoding per image) binary form; format in machine_image.cpp.
// REQUIRES: every byte string in `image` is shorter than 2^32 bytes (any valid image is).
[[nodiscard]] Bytes encode(const MachineImage& image);
// Inverse of encode(); accepts only its output for valid images. Takes untrusted bytes.
[[nodiscard]] Result<MachineImage, std::string> decode_machine_image(ByteView bytes);

}  // namespace optimist::evm
