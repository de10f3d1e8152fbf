// Walks a sorted RecordSource one key at a time, handing each key's values
// out as a sluice::mapreduce::ValueIterator (for native combine/reduce).
#ifndef SLUICE_MAPREDUCE_KEY_GROUPS_H_
#define SLUICE_MAPREDUCE_KEY_GROUPS_H_

#include <string>

#include "extsort/record.h"
#include "sluice/mapreduce.h"

namespace sluice::mapreduce {

class KeyGroups final : public ValueIterator {
 public:
  explicit KeyGroups(extsort::RecordSource& source) : source_(source) {}

  // Moves to the next key (skipping values the caller left unread); false at
  // the end or on error (see source.status()).
  bool NextKey() {
    while (in_group_) {
      std::string_view ignored;
      next(&ignored);
    }
    if (!have_record_) {
      if (started_) return false;
      started_ = true;
      if (!source_.Next()) return false;
      have_record_ = true;
    }
    key_.assign(source_.key());
    in_group_ = true;
    first_ = true;
    return true;
  }
  const std::string& key() const { return key_; }

  bool next(std::string_view* value) override {
    if (!in_group_) return false;
    if (first_) {
      first_ = false;
      *value = source_.value();
      return true;
    }
    if (!source_.Next()) {
      have_record_ = false;
      in_group_ = false;
      return false;
    }
    if (source_.key() != key_) {  // the next key's first record: keep it
      in_group_ = false;
      return false;
    }
    *value = source_.value();
    return true;
  }

 private:
  extsort::RecordSource& source_;
  std::string key_;
  bool started_ = false;
  bool have_record_ = false;  // source_ is positioned on an unconsumed record
  bool in_group_ = false;
  bool first_ = false;
};

}  // namespace sluice::mapreduce

#endif  // SLUICE_MAPREDUCE_KEY_GROUPS_H_
