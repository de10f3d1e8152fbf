// MD5 against RFC 1321's test suite and across block boundaries.
#include "slt/md5.h"

#include <gtest/gtest.h>

namespace sluice::slt {
namespace {

TEST(Md5Test, Rfc1321Vectors) {
  EXPECT_EQ(Md5Hex(""), "d41d8cd98f00b204e9800998ecf8427e");
  EXPECT_EQ(Md5Hex("a"), "0cc175b9c0f1b6a831c399e269772661");
  EXPECT_EQ(Md5Hex("abc"), "900150983cd24fb0d6963f7d28e17f72");
  EXPECT_EQ(Md5Hex("message digest"), "f96b697d7cb7938d525a2f31aaf161d0");
  EXPECT_EQ(Md5Hex("abcdefghijklmnopqrstuvwxyz"), "c3fcd3d76192e4007dfb496cca67e13b");
  EXPECT_EQ(Md5Hex("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"),
            "d174ab98d277d9f5a5611c2c9f419d9f");
  EXPECT_EQ(Md5Hex("12345678901234567890123456789012345678901234567890123456789012345678901234567890"),
            "57edf4a22be3c955ac49da2e2107b67a");
}

TEST(Md5Test, IncrementalUpdatesMatchOneShot) {
  std::string data;
  for (int i = 0; i < 1000; ++i) data += std::to_string(i) + "\n";
  for (size_t chunk : {1u, 3u, 63u, 64u, 65u, 200u}) {
    Md5 m;
    for (size_t i = 0; i < data.size(); i += chunk) m.Update(std::string_view(data).substr(i, chunk));
    EXPECT_EQ(m.HexDigest(), Md5Hex(data)) << chunk;
  }
}

TEST(Md5Test, SqllogictestValueHash) {
  // Values each followed by "\n", as the runner hashes them.
  std::string joined = "1\n2\n3\n";
  EXPECT_EQ(Md5Hex(joined), "c0710d6b4f15dfa88f600b0e6b624077");
}

}  // namespace
}  // namespace sluice::slt
