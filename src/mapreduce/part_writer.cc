#include "mapreduce/part_writer.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>

#include "mapreduce/key_value.h"

namespace sluice::mapreduce {

Result<std::unique_ptr<PartWriter>> PartWriter::Create(const std::string& path) {
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) return Status::FromErrno("create " + path, errno);
  return std::unique_ptr<PartWriter>(new PartWriter(path, fd));
}

PartWriter::~PartWriter() {
  if (fd_ >= 0) ::close(fd_);
}

Status PartWriter::Add(std::string_view key, std::string_view value) {
  AppendKeyValueLine(buffer_, key, value);
  ++records_;
  bytes_ += key.size() + value.size() + 2;
  if (buffer_.size() >= (1u << 20)) return Flush();
  return Status::OK();
}

Status PartWriter::Flush() {
  const char* p = buffer_.data();
  std::size_t n = buffer_.size();
  while (n > 0) {
    ssize_t w = ::write(fd_, p, n);
    if (w < 0) {
      if (errno == EINTR) continue;
      return Status::FromErrno("write " + path_, errno);
    }
    p += w;
    n -= static_cast<std::size_t>(w);
  }
  buffer_.clear();
  return Status::OK();
}

Status PartWriter::Close() {
  SLUICE_RETURN_IF_ERROR(Flush());
  int fd = std::exchange(fd_, -1);
  if (::close(fd) != 0) return Status::FromErrno("close " + path_, errno);
  return Status::OK();
}

}  // namespace sluice::mapreduce
