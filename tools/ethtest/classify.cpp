#include "classify.hpp"

#include <optimist/crypto/precompiles.hpp>

namespace optimist::ethtest {
namespace {

constexpr std::uint8_t kCall = 0xf1;
constexpr std::uint8_t kCallCode = 0xf2;
constexpr std::uint8_t kDelegateCall = 0xf4;
constexpr std::uint8_t kStaticCall = 0xfa;

struct Reached {
    bool bn254 = false;
    bool kzg = false;

    void note(const Address& a) {
        const auto id = crypto::precompile_id(a);
        if (!id) return;
        if (*id == crypto::PrecompileId::bn254_add || *id == crypto::PrecompileId::bn254_mul ||
            *id == crypto::PrecompileId::bn254_pairing) {
            bn254 = true;
        }
        if (*id == crypto::PrecompileId::point_evaluation) kzg = true;
    }
};

// Records the target of every call instruction (the second stack item from the top).
class CallProbe final : public evm::Tracer {
public:
    explicit CallProbe(Reached& reached) : reached_(reached) {}
    void on_step(const Step& step) override {
        if (step.op != kCall && step.op != kCallCode && step.op != kDelegateCall && step.op != kStaticCall)
            return;
        if (step.stack.size() < 2) return;
        const Hash word = step.stack[step.stack.size() - 2].to_hash();
        reached_.note(Address::right_aligned(ByteView{word.data() + 12, 20}));
    }

private:
    Reached& reached_;
};

}  // namespace

std::string known_gap(const CaseRef& c) {
    Reached reached;
    if (c.test->tx.to) reached.note(*c.test->tx.to);
    CallProbe probe(reached);
    (void)execute_case(c, &probe);
    std::string reason;
    if (reached.bn254) reason = kBn254Missing;
    if (reached.kzg) reason += (reason.empty() ? "" : "; ") + std::string(kKzgMissing);
    return reason;
}

}  // namespace optimist::ethtest
