#include <optimist/core/logging.hpp>
#include <optimist/db/database.hpp>

#include <leveldb/cache.h>
#include <leveldb/db.h>
#include <leveldb/filter_policy.h>
#include <leveldb/write_batch.h>

#include <atomic>

namespace optimist::db {
namespace {

leveldb::Slice slice(ByteView v) noexcept {
    // An empty view may carry a null pointer; Slice's (ptr, len) constructor then passes
    // nullptr to memcmp, which is undefined even for zero bytes.
    if (v.empty()) return {};
    return {reinterpret_cast<const char*>(v.data()), v.size()};
}

ByteView view(const leveldb::Slice& s) noexcept {
    return {reinterpret_cast<const std::uint8_t*>(s.data()), s.size()};
}

}  // namespace

struct WriteBatch::Impl {
    leveldb::WriteBatch batch;
};

WriteBatch::WriteBatch() : impl_(std::make_unique<Impl>()) {}
WriteBatch::~WriteBatch() = default;
WriteBatch::WriteBatch(WriteBatch&&) noexcept = default;
WriteBatch& WriteBatch::operator=(WriteBatch&&) noexcept = default;

void WriteBatch::put(ByteView key, ByteView value) {
    impl_->batch.Put(slice(key), slice(value));
    ++count_;
}

void WriteBatch::erase(ByteView key) {
    impl_->batch.Delete(slice(key));
    ++count_;
}

void WriteBatch::clear() {
    impl_->batch.Clear();
    count_ = 0;
}

std::size_t WriteBatch::approximate_size() const { return impl_->batch.ApproximateSize(); }

struct Database::Impl {
    std::unique_ptr<leveldb::Cache> cache;
    std::unique_ptr<const leveldb::FilterPolicy> filter;
    std::unique_ptr<leveldb::DB> db;
    std::atomic<bool> healthy{true};

    void note_failure(const leveldb::Status& s, std::string_view what) {
        if (s.IsCorruption() || s.IsIOError()) healthy.store(false, std::memory_order_relaxed);
        logging::error("db", std::string(what) + ": " + s.ToString());
    }
};

Database::Database(std::string path, std::unique_ptr<Impl> impl) : path_(std::move(path)), impl_(std::move(impl)) {}
Database::~Database() = default;

Result<std::unique_ptr<Database>, std::string> Database::open(const std::string& path, const Options& options) {
    auto impl = std::make_unique<Impl>();
    leveldb::Options opts;
    opts.create_if_missing = options.create_if_missing;
    if (options.cache_bytes > 0) {
        impl->cache.reset(leveldb::NewLRUCache(options.cache_bytes));
        opts.block_cache = impl->cache.get();
    }
    if (options.bloom_bits_per_key > 0) {
        impl->filter.reset(leveldb::NewBloomFilterPolicy(options.bloom_bits_per_key));
        opts.filter_policy = impl->filter.get();
    }
    leveldb::DB* raw = nullptr;
    const leveldb::Status s = leveldb::DB::Open(opts, path, &raw);
    if (!s.ok()) {
        const std::string text = s.ToString();
        // LevelDB reports a held LOCK file as an I/O error mentioning "lock"; say what it means.
        if (s.IsIOError() && text.find("lock") != std::string::npos)
            return fail("database " + path + " is in use by another process (" + text + ")");
        return fail("cannot open database " + path + ": " + text);
    }
    impl->db.reset(raw);
    return std::unique_ptr<Database>(new Database(path, std::move(impl)));
}

std::optional<Bytes> Database::get(ByteView key) const {
    std::string value;
    const leveldb::Status s = impl_->db->Get(leveldb::ReadOptions{}, slice(key), &value);
    if (s.ok()) return Bytes(value.begin(), value.end());
    if (!s.IsNotFound()) impl_->note_failure(s, "read");
    return std::nullopt;
}

Status<std::string> Database::put(ByteView key, ByteView value, bool sync) {
    leveldb::WriteOptions w;
    w.sync = sync;
    const leveldb::Status s = impl_->db->Put(w, slice(key), slice(value));
    if (s.ok()) return {};
    impl_->note_failure(s, "write");
    return fail(s.ToString());
}

Status<std::string> Database::erase(ByteView key, bool sync) {
    leveldb::WriteOptions w;
    w.sync = sync;
    const leveldb::Status s = impl_->db->Delete(w, slice(key));
    if (s.ok()) return {};
    impl_->note_failure(s, "erase");
    return fail(s.ToString());
}

Status<std::string> Database::write(WriteBatch& batch, bool sync) {
    leveldb::WriteOptions w;
    w.sync = sync;
    const leveldb::Status s = impl_->db->Write(w, &batch.impl_->batch);
    if (s.ok()) return {};
    impl_->note_failure(s, "batch write");
    return fail(s.ToString());
}

void Database::for_each_with_prefix(ByteView prefix, const EntryVisitor& visit) const {
    std::unique_ptr<leveldb::Iterator> it(impl_->db->NewIterator(leveldb::ReadOptions{}));
    const leveldb::Slice p = slice(prefix);
    for (it->Seek(p); it->Valid() && it->key().starts_with(p); it->Next()) {
        if (!visit(view(it->key()), view(it->value()))) break;
    }
    if (!it->status().ok()) impl_->note_failure(it->status(), "iteration");
}

bool Database::is_healthy() const noexcept { return impl_->healthy.load(std::memory_order_relaxed); }

}  // namespace optimist::db
