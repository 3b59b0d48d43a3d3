#include "SourcePaths.h"

#include "Frames.h"
#include "Utf8.h"

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <sys/wait.h>

namespace racegate {

namespace {

std::string gitTopLevel() {
  FILE *pipe = ::popen("git rev-parse --show-toplevel 2>/dev/null", "r");
  if (!pipe)
    return "";
  std::string out;
  char buffer[4096];
  while (size_t got = std::fread(buffer, 1, sizeof buffer, pipe))
    out.append(buffer, got);
  int status = ::pclose(pipe);
  if (status != 0)
    return "";
  while (!out.empty() && (out.back() == '\n' || out.back() == '\r'))
    out.pop_back();
  return out;
}

} // namespace

std::string defaultSourceRoot() {
  if (const char *workspace = std::getenv("GITHUB_WORKSPACE");
      workspace && *workspace)
    return workspace;
  if (std::string top = gitTopLevel(); !top.empty())
    return top;
  std::error_code error;
  return std::filesystem::current_path(error).string();
}

std::optional<std::string> systemHeaderName(std::string_view path) {
  auto wrap = [](std::string_view rest) {
    return "<" + std::string(rest) + ">";
  };
  constexpr std::string_view kInclude = "/usr/include/";
  if (path.starts_with(kInclude)) {
    std::string_view rest = path.substr(kInclude.size());
    // Multiarch headers: /usr/include/x86_64-linux-gnu/bits/... is <bits/...>.
    if (size_t slash = rest.find('/');
        slash != std::string_view::npos &&
        rest.substr(0, slash).find("-linux-") != std::string_view::npos)
      rest = rest.substr(slash + 1);
    return wrap(rest);
  }
  // gcc's and clang's own headers live in an `include` directory under
  // /usr/lib (.../gcc/x86_64-linux-gnu/12/include, .../clang/14/include).
  if (path.starts_with("/usr/lib/") || path.starts_with("/usr/local/include/")) {
    if (size_t at = path.rfind("/include/"); at != std::string_view::npos)
      return wrap(path.substr(at + 9));
  }
  return std::nullopt;
}

std::string elideTemplateArguments(std::string_view name, size_t limit) {
  if (name.size() <= limit)
    return std::string(name);
  std::string out;
  int depth = 0;
  for (size_t i = 0; i < name.size(); ++i) {
    char c = name[i];
    // operator<, operator<<, operator<=> are names, not template brackets.
    if (depth == 0 && (c == '<' || c == '>') && out.ends_with("operator")) {
      while (i < name.size() && (name[i] == '<' || name[i] == '>' ||
                                 name[i] == '='))
        out += name[i++];
      --i;
      continue;
    }
    if (c == '<') {
      if (depth++ == 0)
        out += "<...";
      continue;
    }
    if (c == '>' && depth > 0) {
      if (--depth == 0)
        out += '>';
      continue;
    }
    if (depth == 0)
      out += c;
  }
  return out;
}

SourcePaths::SourcePaths(std::string root) {
  if (root.empty())
    return;
  std::error_code error;
  std::filesystem::path absolute = std::filesystem::absolute(root, error);
  // Spelled as report paths are: a byte of another encoding as `\xNN`.
  rootDir = escapeInvalidUtf8((error ? std::filesystem::path(root) : absolute)
                                  .lexically_normal()
                                  .string());
  while (rootDir.size() > 1 && rootDir.ends_with('/'))
    rootDir.pop_back();
}

std::optional<std::string> SourcePaths::relative(std::string_view file) const {
  if (rootDir.empty() || file.empty())
    return std::nullopt;
  std::string path = normalisedPath(file);
  if (rootDir == "/")
    return path.starts_with('/') ? std::optional(path.substr(1)) : std::nullopt;
  if (path.size() > rootDir.size() && path.starts_with(rootDir) &&
      path[rootDir.size()] == '/')
    return path.substr(rootDir.size() + 1);
  return std::nullopt;
}

std::string SourcePaths::display(std::string_view file) const {
  if (file.empty())
    return "";
  if (auto inRoot = relative(file))
    return *inRoot;
  std::string path = normalisedPath(file);
  if (auto header = systemHeaderName(path))
    return *header;
  return path;
}

const std::string &SourcePaths::display(const Text &file) const {
  auto [it, isNew] = cache.try_emplace(&file.str());
  if (isNew)
    it->second = display(file.view());
  return it->second;
}

} // namespace racegate
