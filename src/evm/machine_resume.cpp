// Machine::image and Machine::restore: the step machine stops after any step and resumes
// from plain data (DESIGN decision 1). Off the fast paths: nothing here runs per instruction.
#include "machine_image_check.hpp"
#include "machine_ops.hpp"

#include <optimist/core/keccak.hpp>
#include <optimist/evm/machine.hpp>

#include <algorithm>

namespace optimist::evm {

namespace {

constexpr bool is_create(CallKind k) noexcept { return k == CallKind::create || k == CallKind::create2; }

}  // namespace

MachineImage Machine::image() const {
    MachineImage img;
    img.done = done_;
    if (done_) img.result = result_;
    img.frames.reserve(frames_.size());
    for (const Frame& f : frames_) {
        FrameImage& fi = img.frames.emplace_back();
        fi.kind = f.kind;
        fi.is_static = f.is_static;
        fi.depth = f.depth;
        fi.caller = f.caller;
        fi.address = f.address;
        fi.code_address = f.code_address;
        fi.value = f.value;
        fi.input = f.input;
        fi.code = to_bytes(f.code->code());
        // Init code runs from an analysis without a hash (hashing it would cost the fast path
        // more than it saves), so the image hashes it here.
        fi.code_hash = is_create(f.kind) ? keccak256(fi.code) : f.code->code_hash();
        fi.pc = f.pc;
        fi.gas = f.gas;
        fi.stack.assign(f.stack.get(), f.stack.get() + f.stack_size);
        fi.memory = f.memory;
        fi.return_data = f.return_data;
        fi.snapshot = f.snapshot;
        fi.ret_offset = f.ret_offset;
        fi.ret_size = f.ret_size;
        fi.halted = f.halted;
        fi.status = f.status;
        fi.output = f.output;
    }
    return img;
}

Result<void, std::string> Machine::restore(MachineImage image) {
    if (done_ || !frames_.empty()) return fail(std::string("restore: the machine has already started"));
    if (auto ok = detail::validate_structure(image); !ok) return ok;
    // Undoing to a snapshot the journal never reached would undo nothing and corrupt the frame
    // nesting; validate_structure() has checked that snapshots grow towards the top frame.
    if (!image.frames.empty() && image.frames.back().snapshot > state_.snapshot())
        return fail(std::string("restore: a frame's snapshot lies beyond the state view's journal"));

    if (image.done) {
        result_ = std::move(image.result);
        done_ = true;
        return {};
    }
    // Every frame's code, checked before any frame is built. The cache is keyed by hash, so
    // code must match its hash before it goes in (a hostile image must not plant other code
    // under a hash); code the cache already holds under that hash is compared, not hashed.
    std::vector<std::shared_ptr<const CodeAnalysis>> codes;
    codes.reserve(image.frames.size());
    for (std::size_t i = 0; i < image.frames.size(); ++i) {
        const FrameImage& fi = image.frames[i];
        if (!is_create(fi.kind)) {
            auto cached = cache_->find(fi.code_hash);
            if (cached != nullptr && std::ranges::equal(cached->code(), fi.code)) {
                codes.push_back(std::move(cached));
                continue;
            }
        }
        if (keccak256(fi.code) != fi.code_hash)
            return fail("restore: frame " + std::to_string(i) + ": code hash does not match the code");
        codes.push_back(is_create(fi.kind) ? std::make_shared<const CodeAnalysis>(fi.code, fi.code_hash)
                                           : cache_->get(fi.code_hash, fi.code));
    }
    for (std::size_t i = 0; i < image.frames.size(); ++i) {
        FrameImage& fi = image.frames[i];
        Frame& f = detail::MachineOps::push_frame(*this);
        f.code = std::move(codes[i]);
        f.kind = fi.kind;
        f.is_static = fi.is_static;
        f.depth = fi.depth;
        f.caller = fi.caller;
        f.address = fi.address;
        f.code_address = fi.code_address;
        f.value = fi.value;
        f.input = std::move(fi.input);
        f.pc = fi.pc;
        f.gas = fi.gas;
        f.stack_size = static_cast<std::uint32_t>(fi.stack.size());
        std::copy(fi.stack.begin(), fi.stack.end(), f.stack.get());
        f.memory = std::move(fi.memory);
        f.return_data = std::move(fi.return_data);
        f.snapshot = static_cast<std::size_t>(fi.snapshot);
        f.ret_offset = fi.ret_offset;
        f.ret_size = fi.ret_size;
        f.halted = fi.halted;
        f.status = fi.status;
        f.output = std::move(fi.output);
    }
    return {};
}

}  // namespace optimist::evm
