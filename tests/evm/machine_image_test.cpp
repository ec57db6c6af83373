// MachineImage: what images the machine accepts, the canonical encoding, and decoders that
// take untrusted bytes (random and mutated inputs must fail as values or decode canonically,
// and an accepted image must run without crashing - the fuzz tests also run under ASan).
#include "../state/image_mutations.hpp"
#include "evm_test_util.hpp"
#include "random_contracts.hpp"

#include <optimist/evm/machine.hpp>
#include <optimist/evm/machine_image.hpp>

#include <gtest/gtest.h>

#include <random>

namespace optimist::evm::test {
namespace {

using optimist::test_common::fuzz_cases;
using optimist::test::mutated;
using optimist::test::random_bytes;

void warm_up(state::StateView& view, const RandomCall& call) {
    for (const Address& a : call.warm) (void)view.access_account(a);
}

// Images of random calls at several steps, with the StateView image of the same step.
struct Sample {
    std::size_t call = 0;
    Bytes machine;
    Bytes view;
};

struct Corpus {
    std::vector<RandomCall> calls;
    std::vector<Sample> samples;
};

const Corpus& corpus() {
    static const Corpus c = [] {
        Corpus out;
        for (std::uint64_t seed = 0; seed < 40; ++seed) out.calls.push_back(make_random_call(seed));
        for (std::size_t i = 0; i < out.calls.size(); ++i) {
            const RandomCall& call = out.calls[i];
            state::StateView view(call.reader);
            warm_up(view, call);
            Machine m(view, call.block, call.tx);
            m.start(call.msg);
            for (std::uint64_t step = 0;; ++step) {
                if (step % 7 == 0 || m.done()) out.samples.push_back({i, encode(m.image()), view.serialize()});
                if (m.done()) break;
                m.step();
            }
        }
        return out;
    }();
    return c;
}

// The deepest sample: the most frames to break.
MachineImage deep_image() {
    MachineImage best;
    for (const Sample& s : corpus().samples) {
        auto image = decode_machine_image(s.machine);
        EXPECT_TRUE(image.ok());
        if (image.ok() && image->frames.size() > best.frames.size()) best = *image;
    }
    EXPECT_GE(best.frames.size(), 3U);
    return best;
}

void expect_rejected(const MachineImage& image, const char* what) {
    EXPECT_FALSE(validate(image).ok()) << what;
    EXPECT_FALSE(decode_machine_image(encode(image)).ok()) << what;
}

// Runs an accepted image for a while: nothing in it may crash the machine.
void run_some(Machine& m) {
    for (int i = 0; i < 500 && !m.done(); ++i) m.step();
}

TEST(MachineImage, DecodeInvertsEncode) {
    for (const Sample& s : corpus().samples) {
        auto image = decode_machine_image(s.machine);
        ASSERT_TRUE(image.ok()) << image.error();
        EXPECT_EQ(encode(*image), s.machine);
        EXPECT_EQ(s.machine.front(), 1) << "format version";
    }
}

TEST(MachineImage, InitCodeFramesAreNamedByTheirHash) {
    Host h;
    const Bytes init = Asm{}.push(1).push(0).op(op_sstore).op(op_stop);
    state::StateView view(h.reader);
    Machine m(view, h.block, h.tx);
    Message msg;
    msg.kind = CallKind::create;
    msg.gas = 100000;
    msg.sender = kSender;
    msg.input = init;
    m.start(msg);
    const MachineImage image = m.image();
    ASSERT_EQ(image.frames.size(), 1U);
    EXPECT_EQ(image.frames[0].code, init);
    EXPECT_EQ(image.frames[0].code_hash, keccak256(init));
}

TEST(MachineImage, RejectsWhatNoMachineCanBeIn) {
    const MachineImage good = deep_image();
    ASSERT_TRUE(validate(good).ok());
    const std::size_t top = good.frames.size() - 1;
    MachineImage x;

    x = good; x.frames.front().kind = static_cast<CallKind>(6); expect_rejected(x, "call kind");
    x = good; x.frames.back().status = static_cast<StatusCode>(200); expect_rejected(x, "status");
    x = good; x.frames.back().code_hash[0] ^= 1; expect_rejected(x, "code hash");
    x = good; x.frames.back().code.clear(); expect_rejected(x, "no code");
    x = good; x.frames.back().pc = static_cast<std::uint32_t>(x.frames.back().code.size() + 33); expect_rejected(x, "pc");
    x = good; x.frames.back().stack.resize(1025); expect_rejected(x, "stack");
    x = good; x.frames.back().memory.push_back(0); expect_rejected(x, "memory");
    x = good; x.frames.back().gas = -1; expect_rejected(x, "gas");
    x = good; x.frames[0].gas = INT64_MAX; x.frames[1].gas = 1; expect_rejected(x, "total gas");
    x = good; x.frames[1].depth += 1; expect_rejected(x, "depth");
    x = good; x.frames[0].halted = true; expect_rejected(x, "halted below the top");
    x = good; x.frames[top].halted = false; x.frames[top].output = {1}; expect_rejected(x, "running with output");
    x = good; x.frames[1].snapshot = x.frames[0].snapshot; x.frames[0].snapshot += 1; expect_rejected(x, "snapshots");
    x = good; x.frames[0].is_static = true; x.frames[1].is_static = false; expect_rejected(x, "static");
    x = good; x.frames[0].ret_size = 1; expect_rejected(x, "outer output range");
    x = good; x.frames[1].ret_size = 32; x.frames[1].ret_offset = x.frames[0].memory.size(); expect_rejected(x, "ret range");
    x = good; x.frames[0].stack.resize(1024); expect_rejected(x, "no room in the caller's stack");
    x = good; x.done = true; expect_rejected(x, "done with frames");
    x = good; x.frames.clear(); expect_rejected(x, "running without frames");
    // (A running machine's result is not encoded at all, so only validate() can see this one.)
    x = good; x.result.gas_left = 5; EXPECT_FALSE(validate(x).ok()) << "running with a result";
    x = good;
    while (x.frames.size() <= kMaxCallDepth + 1) x.frames.push_back(x.frames.back());
    expect_rejected(x, "frames");
}

TEST(MachineImage, RejectsAnyOtherEncoding) {
    const Bytes good = encode(deep_image());
    for (std::size_t n = 0; n < good.size(); ++n) {
        EXPECT_FALSE(decode_machine_image(ByteView{good.data(), n}).ok()) << "prefix of " << n << " bytes";
    }
    Bytes longer = good;
    longer.push_back(0);
    EXPECT_FALSE(decode_machine_image(longer).ok());
    Bytes version = good;
    version[0] = 2;
    auto r = decode_machine_image(version);
    ASSERT_FALSE(r.ok());
    EXPECT_NE(r.error().find("version"), std::string::npos);
    Bytes boolean = good;
    boolean[1] = 2;  // done
    EXPECT_FALSE(decode_machine_image(boolean).ok());
    // A frame count above 1025 fails before anything is read or allocated.
    Bytes many = {1, 0, 0, 0, 0x04, 0x02};
    EXPECT_NE(decode_machine_image(many).error().find("limit"), std::string::npos);
}

TEST(MachineImage, RestoreChecksTheMachineAndTheView) {
    const Corpus& c = corpus();
    const Sample* deep = nullptr;
    for (const Sample& s : c.samples) {
        if (decode_machine_image(s.machine)->frames.size() >= 2) deep = &s;
    }
    ASSERT_NE(deep, nullptr);
    const RandomCall& call = c.calls[deep->call];
    // The frames' snapshots lie beyond a fresh view's (empty) journal.
    state::StateView fresh(call.reader);
    Machine m(fresh, call.block, call.tx);
    auto restored = m.restore(*decode_machine_image(deep->machine));
    ASSERT_FALSE(restored.ok());
    EXPECT_NE(restored.error().find("snapshot"), std::string::npos);
    EXPECT_TRUE(m.frames().empty());

    auto view = state::StateView::deserialize(call.reader, deep->view);
    ASSERT_TRUE(view.ok());
    // Code that is not what its hash names is refused, whether the cache knows the hash or not.
    AnalysisCache cache;
    for (int warm = 0; warm < 2; ++warm) {
        MachineImage image = *decode_machine_image(deep->machine);
        if (warm == 1) (void)cache.get(image.frames[0].code_hash, image.frames[0].code);
        image.frames[0].code.back() ^= 1;
        Machine planted(*view, call.block, call.tx, &cache);
        auto r = planted.restore(std::move(image));
        ASSERT_FALSE(r.ok()) << "warm cache: " << warm;
        EXPECT_NE(r.error().find("code hash"), std::string::npos);
        EXPECT_TRUE(planted.frames().empty());
    }
    Machine started(*view, call.block, call.tx);
    ASSERT_TRUE(started.restore(*decode_machine_image(deep->machine)).ok());
    EXPECT_FALSE(started.restore(*decode_machine_image(deep->machine)).ok()) << "restored twice";
}

TEST(MachineImage, RandomBytesFailAsValues) {
    std::mt19937_64 rng(1);
    const std::size_t n = fuzz_cases(20000);
    std::size_t accepted = 0;
    for (std::size_t i = 0; i < n; ++i) {
        Bytes b = random_bytes(rng, 700);
        if (!b.empty() && rng() % 2 == 0) b[0] = 1;  // past the version check
        if (decode_machine_image(b).ok()) ++accepted;
    }
    EXPECT_EQ(accepted, 0U);
}

// Mutated images decode canonically or fail; whatever decodes, restores and runs.
TEST(MachineImage, MutatedImagesDecodeCanonicallyAndRun) {
    const Corpus& c = corpus();
    std::mt19937_64 rng(2);
    const std::size_t n = fuzz_cases(20000);
    std::size_t decoded = 0;
    std::size_t ran = 0;
    for (std::size_t i = 0; i < n; ++i) {
        const Sample& s = c.samples[rng() % c.samples.size()];
        const RandomCall& call = c.calls[s.call];
        const bool mutate_machine = rng() % 4 != 0;
        const Bytes machine = mutate_machine ? mutated(rng, s.machine) : s.machine;
        const Bytes view_bytes = mutate_machine ? s.view : mutated(rng, s.view);
        auto image = decode_machine_image(machine);
        auto view = state::StateView::deserialize(call.reader, view_bytes);
        if (image.ok()) {
            ++decoded;
            ASSERT_EQ(encode(*image), machine) << "accepted a second encoding";
        }
        if (view.ok()) {
            ASSERT_EQ(view->serialize(), view_bytes) << "accepted a second encoding";
        }
        if (!image.ok() || !view.ok()) continue;
        Machine m(*view, call.block, call.tx);
        if (!m.restore(std::move(*image)).ok()) continue;
        ++ran;
        run_some(m);
    }
    std::cout << decoded << " of " << n << " mutated images decoded, " << ran << " restored and ran\n";
    EXPECT_GT(ran, n / 100);
}

}  // namespace
}  // namespace optimist::evm::test
