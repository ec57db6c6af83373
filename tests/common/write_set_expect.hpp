// Write sets compared field by field with gtest assertions, so that a failure names the
// account and the field that differ (a whole-struct comparison would print bytes).
#pragma once

#include <optimist/core/hex.hpp>
#include <optimist/state/write_set.hpp>

#include <gtest/gtest.h>

#include <functional>

namespace optimist::test_common {

// Every field by default. `compare_code(account)`, when given, says whether that account's
// code is compared, and code_changed is not (for views that know only part of the state).
inline void expect_same_writes(const state::WriteSet& want, const state::WriteSet& got,
                               const std::function<bool(const state::AccountWrite&)>& compare_code = {}) {
    ASSERT_EQ(got.accounts.size(), want.accounts.size());
    for (std::size_t i = 0; i < want.accounts.size(); ++i) {
        const state::AccountWrite& x = want.accounts[i];
        const state::AccountWrite& y = got.accounts[i];
        SCOPED_TRACE("account " + to_hex(x.address.view()));
        EXPECT_EQ(y.address, x.address);
        EXPECT_EQ(y.deleted, x.deleted);
        EXPECT_EQ(y.storage_cleared, x.storage_cleared);
        EXPECT_EQ(y.nonce, x.nonce);
        EXPECT_EQ(y.balance, x.balance);
        EXPECT_EQ(y.code_hash, x.code_hash);
        if (!compare_code) {
            EXPECT_EQ(y.code_changed, x.code_changed);
        }
        if (!compare_code || compare_code(x)) {
            EXPECT_EQ(y.code, x.code);
        }
        ASSERT_EQ(y.storage.size(), x.storage.size());
        for (std::size_t j = 0; j < x.storage.size(); ++j) {
            EXPECT_EQ(y.storage[j].key, x.storage[j].key);
            EXPECT_EQ(y.storage[j].value, x.storage[j].value);
        }
    }
}

}  // namespace optimist::test_common
