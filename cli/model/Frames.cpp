#include "Frames.h"

#include "JsonFields.h"

#include <filesystem>

namespace racegate {

std::string normalisedPath(std::string_view file) {
  return std::filesystem::path(file).lexically_normal().string();
}

bool isSystemFile(std::string_view file) {
  if (file.empty())
    return true;
  std::string path = normalisedPath(file);
  return path.starts_with("/usr/include/") || path.starts_with("/usr/lib/");
}

bool isUserFrame(const Json &frame) {
  return !isSystemFile(stringField(frame, "file"));
}

const Json *primaryFrame(const Json *frames) {
  if (!frames || !frames->is_array() || frames->empty())
    return nullptr;
  for (const Json &frame : *frames)
    if (isUserFrame(frame))
      return &frame;
  return &(*frames)[0];
}

} // namespace racegate
