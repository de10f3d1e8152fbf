// Value: one SQL value with SQLite's dynamic typing (the five storage classes
// NULL, INTEGER, REAL, TEXT, BLOB), as the row-at-a-time fallback of the
// executor and the currency of the scalar functions and aggregates in
// sql/value/.
//
// Layout (16 bytes, see the static_assert in value.cc):
//
//   bytes 0..7   int64 | double | const char* (TEXT/BLOB out of line)
//   bytes 8..11  uint32 byte length (TEXT/BLOB out of line)
//   bytes 0..13  the bytes themselves when they fit inline (<= 14 bytes)
//   byte  14     inline length
//   byte  15     tag: storage class (bits 0-2) and representation (bits 3-4)
//
// Ownership of TEXT/BLOB bytes (the representation):
//   kInline   the bytes live inside the Value (at most kInlineCapacity bytes);
//             copying copies them. A view returned by bytes() points into the
//             Value, so it dies with the Value and moves with it.
//   kOwned    a heap buffer owned by this Value alone; copying deep-copies.
//   kBorrowed a view of bytes owned elsewhere (an arena, a column vector, a
//             row buffer). Copies are shallow: the owner must outlive every
//             copy. MakeOwned()/Owned() detach a Value from borrowed bytes.
// Text()/Blob() copy (inline when small), TextView()/BlobView() borrow (but
// small ones are inlined too, which is always safe). Every function of this
// module that makes a new string returns an owning Value.
//
// TEXT is UTF-8 bytes, not validated (SQLite does not validate either). A
// REAL is never NaN: operations that would make one yield NULL, as SQLite's.
//
// Thread safety: a Value is a plain value; distinct objects may be used from
// different threads. Borrowed bytes must not be mutated while viewed.
#ifndef SLUICE_SQL_VALUE_VALUE_H_
#define SLUICE_SQL_VALUE_VALUE_H_

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

namespace sluice::sql {

// SQLite's storage classes. The numeric order is not the sort order; see
// compare.h for that.
enum class StorageClass : uint8_t {
  kNull = 0,
  kInteger = 1,
  kReal = 2,
  kText = 3,
  kBlob = 4,
};

// The name typeof() returns: "null", "integer", "real", "text", "blob".
std::string_view StorageClassName(StorageClass type);

class Value {
 public:
  static constexpr size_t kInlineCapacity = 14;

  // NULL.
  Value() noexcept { Reset(); }
  ~Value() { Release(); }

  Value(const Value& other) { CopyFrom(other); }
  Value(Value&& other) noexcept {
    std::memcpy(raw_, other.raw_, sizeof(raw_));
    other.Reset();
  }
  Value& operator=(const Value& other) {
    if (this != &other) {
      Release();
      CopyFrom(other);
    }
    return *this;
  }
  Value& operator=(Value&& other) noexcept {
    if (this != &other) {
      Release();
      std::memcpy(raw_, other.raw_, sizeof(raw_));
      other.Reset();
    }
    return *this;
  }

  static Value Null() { return Value(); }
  static Value Integer(int64_t v) {
    Value out;
    out.SetTag(StorageClass::kInteger, Rep::kInline);
    std::memcpy(out.raw_, &v, sizeof(v));
    return out;
  }
  // A NaN becomes NULL (SQLite never holds a NaN).
  static Value Real(double v) {
    Value out;
    if (v != v) return out;
    out.SetTag(StorageClass::kReal, Rep::kInline);
    std::memcpy(out.raw_, &v, sizeof(v));
    return out;
  }
  // Owning copies of `bytes`. REQUIRES: bytes.size() < 2^32.
  static Value Text(std::string_view bytes) { return MakeString(StorageClass::kText, bytes, true); }
  static Value Blob(std::string_view bytes) { return MakeString(StorageClass::kBlob, bytes, true); }
  // Borrowing views. REQUIRES: the bytes outlive the Value and all its copies
  // (unless they fit inline, in which case they are copied).
  static Value TextView(std::string_view bytes) { return MakeString(StorageClass::kText, bytes, false); }
  static Value BlobView(std::string_view bytes) { return MakeString(StorageClass::kBlob, bytes, false); }
  // A shallow copy of `v`: out-of-line TEXT/BLOB bytes are viewed, not
  // copied. REQUIRES: `v`'s bytes outlive the result and all its copies.
  static Value ViewOf(const Value& v) {
    Value out;
    std::memcpy(out.raw_, v.raw_, sizeof(raw_));
    if (out.is_string() && out.rep() == Rep::kOwned) out.SetTag(out.type(), Rep::kBorrowed);
    return out;
  }
  // A BLOB of n zero bytes (zeroblob()).
  static Value ZeroBlob(size_t n);

  StorageClass type() const { return static_cast<StorageClass>(raw_[kTagByte] & 7); }
  bool is_null() const { return type() == StorageClass::kNull; }
  bool is_integer() const { return type() == StorageClass::kInteger; }
  bool is_real() const { return type() == StorageClass::kReal; }
  bool is_text() const { return type() == StorageClass::kText; }
  bool is_blob() const { return type() == StorageClass::kBlob; }
  bool is_numeric() const { return is_integer() || is_real(); }
  bool is_string() const { return is_text() || is_blob(); }

  // REQUIRES: is_integer().
  int64_t integer() const {
    int64_t v;
    std::memcpy(&v, raw_, sizeof(v));
    return v;
  }
  // REQUIRES: is_real().
  double real() const {
    double v;
    std::memcpy(&v, raw_, sizeof(v));
    return v;
  }
  // The bytes of a TEXT or BLOB; empty for other classes. The view is valid
  // while this Value is alive and unmoved (and, if borrowed, its owner too).
  std::string_view bytes() const {
    if (!is_string()) return {};
    if (rep() == Rep::kInline) return {reinterpret_cast<const char*>(raw_), raw_[kInlineSizeByte]};
    const char* ptr;
    uint32_t size;
    std::memcpy(&ptr, raw_, sizeof(ptr));
    std::memcpy(&size, raw_ + 8, sizeof(size));
    return {ptr, size};
  }

  // True when the bytes are a view into memory this Value does not own.
  bool is_borrowed() const { return is_string() && rep() == Rep::kBorrowed; }
  // Copies borrowed bytes into storage of this Value's own.
  void MakeOwned() {
    if (is_borrowed()) CopyBytesToOwn();
  }
  Value Owned() const {
    Value out(*this);
    out.MakeOwned();
    return out;
  }

  // Exact structural identity: same class and same int64, same double bits
  // or same bytes (not SQL equality: see compare.h and value_hash.h).
  bool IdenticalTo(const Value& other) const;

  // A debugging form: NULL, 12, 1.5 (as SQLite prints), 'text', x'00ff'.
  std::string DebugString() const;

 private:
  enum class Rep : uint8_t { kInline = 0, kBorrowed = 1, kOwned = 2 };
  static constexpr size_t kInlineSizeByte = 14;
  static constexpr size_t kTagByte = 15;

  static Value MakeString(StorageClass type, std::string_view bytes, bool copy);

  Rep rep() const { return static_cast<Rep>((raw_[kTagByte] >> 3) & 3); }
  void SetTag(StorageClass type, Rep rep) {
    raw_[kTagByte] = static_cast<unsigned char>(static_cast<uint8_t>(type) | (static_cast<uint8_t>(rep) << 3));
  }
  void SetOutOfLine(const char* ptr, size_t size) {
    uint32_t size32 = static_cast<uint32_t>(size);
    std::memcpy(raw_, &ptr, sizeof(ptr));
    std::memcpy(raw_ + 8, &size32, sizeof(size32));
  }
  void Reset() { std::memset(raw_, 0, sizeof(raw_)); }
  void Release() {
    if (is_string() && rep() == Rep::kOwned) {
      const char* ptr;
      std::memcpy(&ptr, raw_, sizeof(ptr));
      delete[] ptr;
    }
  }
  // Inline: every copy of a number or an inline string is a 16-byte copy.
  void CopyFrom(const Value& other) {
    std::memcpy(raw_, other.raw_, sizeof(raw_));
    if (rep() == Rep::kOwned) CopyBytesToOwn();
  }
  // Replaces the (viewed) out-of-line bytes by an owned copy.
  void CopyBytesToOwn();

  alignas(8) unsigned char raw_[16];
};

// Convenience: a Value of the matching class.
inline Value MakeInteger(int64_t v) { return Value::Integer(v); }
inline Value MakeReal(double v) { return Value::Real(v); }
inline Value MakeText(std::string_view s) { return Value::Text(s); }
inline Value MakeBlob(std::string_view s) { return Value::Blob(s); }

}  // namespace sluice::sql

#endif  // SLUICE_SQL_VALUE_VALUE_H_
