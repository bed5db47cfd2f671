#pragma once

namespace buurtplein::media {

/// Starts libvips once per process (later calls do nothing) and shuts it down at exit.
/// Sets it up for untrusted uploads on our worker threads: one vips thread per operation,
/// no operation cache, and every image loader blocked except JPEG, PNG and WebP from memory.
/// Throws std::runtime_error when libvips cannot start.
void StartVips(const char* program_name);

}  // namespace buurtplein::media
