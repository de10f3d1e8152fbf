// Block: the unit of both database files and logs (docs/formats/) — a byte
// string, compressed with zstd when that pays, framed with its lengths and
// an XXH64 checksum so that torn, truncated or bit-flipped data is detected
// before anything is decoded:
//
//   block  := stored_len:fixed64 raw_len:fixed64 codec:u8 check:fixed64 stored
//   codec  := 0 (stored is raw) | 1 (stored is one zstd frame of raw)
//   check  := XXH64(raw_len, codec, stored; seed)
//
// The seed lets a log salt its records (a record of an older generation of
// the log never validates in the current one).
#ifndef SLUICE_STORAGE_BLOCK_H_
#define SLUICE_STORAGE_BLOCK_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "sluice/result.h"

namespace sluice::storage {

inline constexpr size_t kBlockHeaderSize = 25;
// Largest raw size a block may claim (a bound against corrupt lengths).
inline constexpr uint64_t kMaxBlockRawSize = uint64_t{1} << 40;

enum class Codec : uint8_t { kNone = 0, kZstd = 1 };

// Frames `raw`; compresses with zstd at `level` unless that does not shrink it.
std::string EncodeBlock(std::string_view raw, uint64_t seed, int level = 1);

struct BlockHeader {
  uint64_t stored_len = 0;
  uint64_t raw_len = 0;
  Codec codec = Codec::kNone;
  uint64_t check = 0;
};
// Parses the first kBlockHeaderSize bytes of `data`; Corruption on
// impossible values.
Result<BlockHeader> ParseBlockHeader(std::string_view data);
// Verifies and decodes `stored` (the stored_len bytes after the header).
Result<std::string> DecodeBlockBody(const BlockHeader& header, std::string_view stored, uint64_t seed);
// The framed block (header + stored) under `new_seed`, after verifying
// `stored` under `old_seed`: copies a block between images without
// decompressing it.
Result<std::string> ResaltBlock(const BlockHeader& header, std::string_view stored, uint64_t old_seed,
                                uint64_t new_seed);

}  // namespace sluice::storage

#endif  // SLUICE_STORAGE_BLOCK_H_
