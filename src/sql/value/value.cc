// Value: storage, copying and ownership of the dynamic SQL value (value.h).
#include "sql/value/value.h"

#include <cassert>
#include <cstdio>

#include "sql/value/real_format.h"

namespace sluice::sql {

static_assert(sizeof(Value) == 16, "Value must stay 16 bytes: executors keep arrays of them");

std::string_view StorageClassName(StorageClass type) {
  switch (type) {
    case StorageClass::kNull: return "null";
    case StorageClass::kInteger: return "integer";
    case StorageClass::kReal: return "real";
    case StorageClass::kText: return "text";
    case StorageClass::kBlob: return "blob";
  }
  return "null";
}

Value Value::MakeString(StorageClass type, std::string_view bytes, bool copy) {
  assert(bytes.size() <= UINT32_MAX && "TEXT/BLOB larger than 4 GiB");
  Value out;
  if (bytes.size() <= kInlineCapacity) {
    out.SetTag(type, Rep::kInline);
    if (!bytes.empty()) std::memcpy(out.raw_, bytes.data(), bytes.size());
    out.raw_[kInlineSizeByte] = static_cast<unsigned char>(bytes.size());
    return out;
  }
  if (copy) {
    char* buf = new char[bytes.size()];
    std::memcpy(buf, bytes.data(), bytes.size());
    out.SetTag(type, Rep::kOwned);
    out.SetOutOfLine(buf, bytes.size());
  } else {
    out.SetTag(type, Rep::kBorrowed);
    out.SetOutOfLine(bytes.data(), bytes.size());
  }
  return out;
}

Value Value::ZeroBlob(size_t n) {
  if (n <= kInlineCapacity)
    return MakeString(StorageClass::kBlob, std::string_view("\0\0\0\0\0\0\0\0\0\0\0\0\0\0", n), true);
  Value out;
  char* buf = new char[n]();
  out.SetTag(StorageClass::kBlob, Rep::kOwned);
  out.SetOutOfLine(buf, n);
  return out;
}

void Value::CopyBytesToOwn() {
  std::string_view b = bytes();
  char* buf = new char[b.size()];
  std::memcpy(buf, b.data(), b.size());
  SetTag(type(), Rep::kOwned);
  SetOutOfLine(buf, b.size());
}

bool Value::IdenticalTo(const Value& other) const {
  if (type() != other.type()) return false;
  switch (type()) {
    case StorageClass::kNull: return true;
    case StorageClass::kInteger: return integer() == other.integer();
    case StorageClass::kReal: {
      double a = real(), b = other.real();
      return std::memcmp(&a, &b, sizeof(a)) == 0;
    }
    case StorageClass::kText:
    case StorageClass::kBlob: return bytes() == other.bytes();
  }
  return false;
}

std::string Value::DebugString() const {
  switch (type()) {
    case StorageClass::kNull: return "NULL";
    case StorageClass::kInteger: return std::to_string(integer());
    case StorageClass::kReal: return FormatReal(real());
    case StorageClass::kText: {
      std::string out;
      out.reserve(bytes().size() + 2);
      out.push_back('\'');
      out.append(bytes());
      out.push_back('\'');
      return out;
    }
    case StorageClass::kBlob: {
      std::string out = "x'";
      char buf[3];
      for (unsigned char c : bytes()) {
        std::snprintf(buf, sizeof(buf), "%02x", c);
        out += buf;
      }
      out.push_back('\'');
      return out;
    }
  }
  return "?";
}

}  // namespace sluice::sql
