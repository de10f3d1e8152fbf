// Block framing (block.h): zstd + XXH64.
#include "storage/block.h"

#include <xxhash.h>
#include <zstd.h>

#include "base/coding.h"

namespace sluice::storage {

namespace {

uint64_t Check(uint64_t raw_len, Codec codec, std::string_view stored, uint64_t seed) {
  XXH64_state_t* state = XXH64_createState();
  XXH64_reset(state, seed);
  std::string prefix;
  PutFixed64(&prefix, raw_len);
  prefix.push_back(static_cast<char>(codec));
  XXH64_update(state, prefix.data(), prefix.size());
  XXH64_update(state, stored.data(), stored.size());
  uint64_t h = XXH64_digest(state);
  XXH64_freeState(state);
  return h;
}

}  // namespace

std::string EncodeBlock(std::string_view raw, uint64_t seed, int level) {
  std::string stored;
  Codec codec = Codec::kNone;
  if (raw.size() >= 64) {
    stored.resize(ZSTD_compressBound(raw.size()));
    size_t n = ZSTD_compress(stored.data(), stored.size(), raw.data(), raw.size(), level);
    if (!ZSTD_isError(n) && n < raw.size()) {
      stored.resize(n);
      codec = Codec::kZstd;
    }
  }
  if (codec == Codec::kNone) stored.assign(raw);
  std::string out;
  out.reserve(kBlockHeaderSize + stored.size());
  PutFixed64(&out, stored.size());
  PutFixed64(&out, raw.size());
  out.push_back(static_cast<char>(codec));
  PutFixed64(&out, Check(raw.size(), codec, stored, seed));
  out.append(stored);
  return out;
}

Result<BlockHeader> ParseBlockHeader(std::string_view data) {
  if (data.size() < kBlockHeaderSize) return Status::Corruption("truncated block header");
  BlockHeader h;
  h.stored_len = DecodeFixed64(data.data());
  h.raw_len = DecodeFixed64(data.data() + 8);
  uint8_t codec = static_cast<uint8_t>(data[16]);
  h.check = DecodeFixed64(data.data() + 17);
  if (codec > 1) return Status::Corruption("unknown block codec " + std::to_string(codec));
  h.codec = static_cast<Codec>(codec);
  if (h.raw_len > kMaxBlockRawSize || h.stored_len > kMaxBlockRawSize) {
    return Status::Corruption("impossible block length");
  }
  if (h.codec == Codec::kNone && h.stored_len != h.raw_len) return Status::Corruption("inconsistent block lengths");
  return h;
}

Result<std::string> DecodeBlockBody(const BlockHeader& header, std::string_view stored, uint64_t seed) {
  if (stored.size() != header.stored_len) return Status::Corruption("truncated block");
  if (Check(header.raw_len, header.codec, stored, seed) != header.check) {
    return Status::Corruption("checksum mismatch");
  }
  if (header.codec == Codec::kNone) return std::string(stored);
  std::string raw(header.raw_len, '\0');
  size_t n = ZSTD_decompress(raw.data(), raw.size(), stored.data(), stored.size());
  if (ZSTD_isError(n) || n != header.raw_len) return Status::Corruption("undecodable compressed block");
  return raw;
}

Result<std::string> ResaltBlock(const BlockHeader& header, std::string_view stored, uint64_t old_seed,
                                uint64_t new_seed) {
  if (stored.size() != header.stored_len) return Status::Corruption("truncated block");
  if (Check(header.raw_len, header.codec, stored, old_seed) != header.check) {
    return Status::Corruption("checksum mismatch");
  }
  std::string out;
  out.reserve(kBlockHeaderSize + stored.size());
  PutFixed64(&out, stored.size());
  PutFixed64(&out, header.raw_len);
  out.push_back(static_cast<char>(header.codec));
  PutFixed64(&out, Check(header.raw_len, header.codec, stored, new_seed));
  out.append(stored);
  return out;
}

}  // namespace sluice::storage
