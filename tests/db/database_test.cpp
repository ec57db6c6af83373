#include <optimist/db/database.hpp>

#include <gtest/gtest.h>

#include <filesystem>
#include <string>

namespace optimist::db {
namespace {

Bytes b(std::string_view s) { return Bytes(s.begin(), s.end()); }

class DatabaseTest : public ::testing::Test {
protected:
    void SetUp() override {
        dir_ = std::filesystem::temp_directory_path() /
               ("optimist-db-test-" + std::to_string(::getpid()) + "-" +
                ::testing::UnitTest::GetInstance()->current_test_info()->name());
        std::filesystem::remove_all(dir_);
    }
    void TearDown() override { std::filesystem::remove_all(dir_); }
    std::filesystem::path dir_;
};

TEST_F(DatabaseTest, PutGetEraseAndReopen) {
    {
        auto db = Database::open(dir_.string());
        ASSERT_TRUE(db) << db.error();
        ASSERT_TRUE((*db)->put(b("k1"), b("v1")));
        ASSERT_TRUE((*db)->put(b("k2"), b("v2")));
        ASSERT_TRUE((*db)->erase(b("k2")));
        EXPECT_EQ((*db)->get(b("k1")), b("v1"));
        EXPECT_FALSE((*db)->get(b("k2")).has_value());
    }
    auto db = Database::open(dir_.string());
    ASSERT_TRUE(db) << db.error();
    EXPECT_EQ((*db)->get(b("k1")), b("v1"));
    EXPECT_TRUE((*db)->is_healthy());
}

TEST_F(DatabaseTest, BatchAppliesEverythingTogether) {
    auto db = Database::open(dir_.string());
    ASSERT_TRUE(db);
    ASSERT_TRUE((*db)->put(b("gone"), b("x")));
    WriteBatch batch;
    batch.put(b("a"), b("1"));
    batch.put(b("b"), b("2"));
    batch.erase(b("gone"));
    EXPECT_EQ(batch.count(), 3u);
    EXPECT_GT(batch.approximate_size(), 0u);
    EXPECT_FALSE((*db)->get(b("a")).has_value());  // nothing visible before write
    ASSERT_TRUE((*db)->write(batch, /*sync=*/true));
    EXPECT_EQ((*db)->get(b("a")), b("1"));
    EXPECT_EQ((*db)->get(b("b")), b("2"));
    EXPECT_FALSE((*db)->get(b("gone")).has_value());
}

TEST_F(DatabaseTest, PrefixIterationIsOrderedAndBounded) {
    auto db = Database::open(dir_.string());
    ASSERT_TRUE(db);
    for (const char* k : {"p/3", "p/1", "q/0", "p/2", "o/9"}) ASSERT_TRUE((*db)->put(b(k), b(k)));
    std::vector<std::string> seen;
    (*db)->for_each_with_prefix(b("p/"), [&](ByteView key, ByteView value) {
        EXPECT_TRUE(std::equal(key.begin(), key.end(), value.begin(), value.end()));
        seen.emplace_back(key.begin(), key.end());
        return true;
    });
    EXPECT_EQ(seen, (std::vector<std::string>{"p/1", "p/2", "p/3"}));
    seen.clear();
    (*db)->for_each_with_prefix(b("p/"), [&](ByteView key, ByteView) {
        seen.emplace_back(key.begin(), key.end());
        return false;  // stop after the first
    });
    EXPECT_EQ(seen.size(), 1u);
}

// Regression: an empty prefix (a default ByteView, null data pointer) reached LevelDB as a
// null Slice and UBSan stopped the process.
TEST_F(DatabaseTest, EmptyPrefixVisitsEverything) {
    auto db = Database::open(dir_.string());
    ASSERT_TRUE(db);
    for (const char* k : {"a", "b", "c"}) ASSERT_TRUE((*db)->put(b(k), b(k)));
    std::size_t seen = 0;
    (*db)->for_each_with_prefix(ByteView{}, [&](ByteView, ByteView) {
        ++seen;
        return true;
    });
    EXPECT_EQ(seen, 3u);
    EXPECT_FALSE((*db)->get(ByteView{}).has_value());
}

TEST_F(DatabaseTest, SecondOpenOfTheSameDirectoryIsRefusedWithAReason) {
    auto first = Database::open(dir_.string());
    ASSERT_TRUE(first);
    auto second = Database::open(dir_.string());
    ASSERT_FALSE(second);
    EXPECT_NE(second.error().find("in use by another process"), std::string::npos) << second.error();
}

TEST_F(DatabaseTest, MissingDirectoryWithoutCreateFails) {
    Options o;
    o.create_if_missing = false;
    auto db = Database::open(dir_.string(), o);
    ASSERT_FALSE(db);
    EXPECT_NE(db.error().find("cannot open database"), std::string::npos) << db.error();
}

}  // namespace
}  // namespace optimist::db
