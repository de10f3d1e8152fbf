// PartWriter (part_writer.h): buffered key<TAB>value lines through an Env.
#include "mapreduce/part_writer.h"

#include "mapreduce/key_value.h"

namespace sluice::mapreduce {

Result<std::unique_ptr<PartWriter>> PartWriter::Create(const std::string& path, Env* env) {
  if (env == nullptr) env = Env::Default();
  SLUICE_ASSIGN_OR_RETURN(std::unique_ptr<WritableFile> file, env->NewWritableFile(path));
  return std::unique_ptr<PartWriter>(new PartWriter(std::move(file)));
}

PartWriter::~PartWriter() {
  if (file_ != nullptr) (void)file_->Close();
}

Status PartWriter::Add(std::string_view key, std::string_view value) {
  AppendKeyValueLine(buffer_, key, value);
  ++records_;
  bytes_ += key.size() + value.size() + 2;
  if (buffer_.size() >= (1u << 20)) return Flush();
  return Status::OK();
}

Status PartWriter::Flush() {
  if (file_ == nullptr) return Status::Closed("part file is closed");
  if (buffer_.empty()) return Status::OK();
  SLUICE_RETURN_IF_ERROR(file_->Append(buffer_));
  buffer_.clear();
  return Status::OK();
}

Status PartWriter::Close() {
  SLUICE_RETURN_IF_ERROR(Flush());
  Status st = file_->Close();
  file_.reset();
  return st;
}

}  // namespace sluice::mapreduce
