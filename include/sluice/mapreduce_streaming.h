// Helpers for compiled Hadoop Streaming programs (mappers, combiners and
// reducers in C++ run by `sluice mr run` or by Hadoop): the C++ side of
// the chapter's `mr` module. Header-only; stdin/stdout through large
// buffers.
//
//   // mapper: one "word<TAB>1" line per word
//   sluice::mapreduce::streaming::for_each_line([](std::string_view line) {
//     for (std::string_view w : Words(line)) sluice::mapreduce::streaming::emit(w, "1");
//   });
//
//   // reducer: stdin is sorted by key
//   sluice::mapreduce::streaming::values_by_key([](std::string_view key, auto& values) {
//     long n = 0;
//     for (std::string_view v : values) n += std::stol(std::string(v));
//     sluice::mapreduce::streaming::emit(key, std::to_string(n));
//   });
//
// Lines are given without their "\n" (and a "\r" before it). The key of a
// line is the text before its first TAB (all of it when there is none), as
// in Hadoop Streaming. Output is flushed when the program returns from
// main (or by flush()).
#ifndef SLUICE_MAPREDUCE_STREAMING_H_
#define SLUICE_MAPREDUCE_STREAMING_H_

#include <cstdio>
#include <cstring>
#include <memory>
#include <string>
#include <string_view>

namespace sluice::mapreduce::streaming {

// Reads lines from a FILE through a 1 MiB buffer.
class LineReader {
 public:
  explicit LineReader(std::FILE* in = stdin) : in_(in), buf_(new char[kSize]) {}
  // False at end of input. *line stays valid until the next call.
  bool next(std::string_view* line) {
    while (true) {
      if (const char* nl = static_cast<const char*>(std::memchr(buf_.get() + pos_, '\n', end_ - pos_))) {
        std::size_t len = static_cast<std::size_t>(nl - (buf_.get() + pos_));
        *line = Chomp(std::string_view(buf_.get() + pos_, len));
        pos_ += len + 1;
        return true;
      }
      if (eof_) {
        if (pos_ == end_) return false;
        *line = Chomp(std::string_view(buf_.get() + pos_, end_ - pos_));  // last line without "\n"
        pos_ = end_;
        return true;
      }
      Refill();
    }
  }

 private:
  static constexpr std::size_t kSize = std::size_t{1} << 20;
  static std::string_view Chomp(std::string_view s) {
    if (!s.empty() && s.back() == '\r') s.remove_suffix(1);
    return s;
  }
  void Refill() {
    // Keep the unfinished line; grow the buffer if it fills it.
    const std::size_t keep = end_ - pos_;
    if (keep == cap_) {
      std::unique_ptr<char[]> bigger(new char[cap_ * 2]);
      std::memcpy(bigger.get(), buf_.get(), keep);
      buf_ = std::move(bigger);
      cap_ *= 2;
    } else if (pos_ > 0) {
      std::memmove(buf_.get(), buf_.get() + pos_, keep);
    }
    pos_ = 0;
    end_ = keep;
    std::size_t n = std::fread(buf_.get() + end_, 1, cap_ - end_, in_);
    end_ += n;
    if (n == 0) eof_ = true;
  }
  std::FILE* in_;
  std::unique_ptr<char[]> buf_;
  std::size_t cap_ = kSize;
  std::size_t pos_ = 0, end_ = 0;
  bool eof_ = false;
};

// Writes "key<TAB>value\n" lines through a 1 MiB buffer.
class Output {
 public:
  explicit Output(std::FILE* out = stdout) : out_(out) { buf_.reserve(kSize + 4096); }
  ~Output() { flush(); }
  void emit(std::string_view key, std::string_view value) {
    buf_.append(key);
    buf_.push_back('\t');
    buf_.append(value);
    buf_.push_back('\n');
    if (buf_.size() >= kSize) flush();
  }
  void flush() {
    if (!buf_.empty()) std::fwrite(buf_.data(), 1, buf_.size(), out_);
    buf_.clear();
    std::fflush(out_);
  }

 private:
  static constexpr std::size_t kSize = std::size_t{1} << 20;
  std::FILE* out_;
  std::string buf_;
};

inline Output& standard_output() {
  static Output out(stdout);
  return out;
}
inline void emit(std::string_view key, std::string_view value) { standard_output().emit(key, value); }
inline void flush() { standard_output().flush(); }

// (key, value) of a streaming line.
inline std::pair<std::string_view, std::string_view> split_key_value(std::string_view line) {
  std::size_t tab = line.find('\t');
  if (tab == std::string_view::npos) return {line, {}};
  return {line.substr(0, tab), line.substr(tab + 1)};
}

template <typename Fn>
void for_each_line(Fn fn, std::FILE* in = stdin) {
  LineReader reader(in);
  std::string_view line;
  while (reader.next(&line)) fn(line);
}

// The values of one key, for range-for; valid during the callback only.
class Values {
 public:
  class iterator {
   public:
    explicit iterator(Values* v) : v_(v) { advance(); }
    std::string_view operator*() const { return cur_; }
    iterator& operator++() {
      advance();
      return *this;
    }
    bool operator!=(const iterator& o) const { return v_ != o.v_; }

   private:
    void advance() {
      if (v_ != nullptr && !v_->next(&cur_)) v_ = nullptr;
    }
    Values* v_;
    std::string_view cur_;
  };
  iterator begin() { return iterator(this); }
  iterator end() { return iterator(nullptr); }

  // False when the key has no more values.
  bool next(std::string_view* value) {
    if (!in_group_) return false;
    if (first_) {
      first_ = false;
      *value = split_key_value(line_).second;
      return true;
    }
    if (!reader_.next(&line_)) {
      have_line_ = in_group_ = false;
      return false;
    }
    auto [k, v] = split_key_value(line_);
    if (k != key_) {
      in_group_ = false;  // line_ is the next key's first line
      return false;
    }
    *value = v;
    return true;
  }

  // Used by values_by_key: the reader of the whole input, and moving to
  // the next key (skipping values left unread); false at the end.
  explicit Values(std::FILE* in) : reader_(in) {}
  const std::string& key() const { return key_; }
  bool next_key() {
    std::string_view ignored;
    while (in_group_) next(&ignored);
    if (!have_line_) {
      if (started_ || !reader_.next(&line_)) return false;
      started_ = have_line_ = true;
    }
    key_.assign(split_key_value(line_).first);
    in_group_ = first_ = true;
    return true;
  }

 private:
  LineReader reader_;
  std::string_view line_;
  std::string key_;
  bool started_ = false, have_line_ = false, in_group_ = false, first_ = false;
};

// Calls fn(key, values) once per run of equal keys of sorted input.
template <typename Fn>
void values_by_key(Fn fn, std::FILE* in = stdin) {
  Values values(in);
  while (values.next_key()) {
    const std::string key = values.key();
    fn(std::string_view(key), values);
  }
}

}  // namespace sluice::mapreduce::streaming

#endif  // SLUICE_MAPREDUCE_STREAMING_H_
