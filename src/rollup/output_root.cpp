// The version-0 output root (output_root.hpp).
#include <optimist/core/keccak.hpp>
#include <optimist/rollup/output_root.hpp>

namespace optimist::rollup {

Hash output_root(const Hash& state_root, const Hash& message_passer_storage_root,
                 const Hash& block_hash) noexcept {
    Keccak256 h;
    h.update(kOutputVersion0);
    h.update(state_root);
    h.update(message_passer_storage_root);
    h.update(block_hash);
    return h.finish();
}

}  // namespace optimist::rollup
