// MD5 (RFC 1321), for sqllogictest's "N values hashing to <md5>" results.
//
// Role: a small self-contained digest so that the runner needs no crypto
// library. Not for security: MD5 is broken for that; sqllogictest only uses
// it to compare large results compactly.
//
// Usage: Md5 m; m.Update("abc"); std::string hex = m.HexDigest();
// Thread safety: a plain value; one object per thread.
#ifndef SLUICE_SLT_MD5_H_
#define SLUICE_SLT_MD5_H_

#include <cstdint>
#include <string>
#include <string_view>

namespace sluice::slt {

class Md5 {
 public:
  Md5();
  void Update(std::string_view data);
  // The digest as 32 lower-case hex digits. REQUIRES: called once; the
  // object must not be updated afterwards.
  std::string HexDigest();

 private:
  void Transform(const unsigned char block[64]);

  uint32_t state_[4];
  uint64_t length_ = 0;  // bytes seen
  unsigned char buffer_[64];
  size_t buffered_ = 0;
};

// MD5 of `data` as hex.
std::string Md5Hex(std::string_view data);

}  // namespace sluice::slt

#endif  // SLUICE_SLT_MD5_H_
