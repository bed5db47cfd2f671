#include "media/vips_runtime.hpp"

#include <vips/vips.h>

#include <cstdlib>
#include <mutex>
#include <stdexcept>
#include <string>

namespace buurtplein::media {

void StartVips(const char* program_name) {
  static std::once_flag once;
  std::call_once(once, [program_name] {
    if (VIPS_INIT(program_name ? program_name : "buurtplein") != 0) {
      throw std::runtime_error(std::string("The image library (libvips) cannot start: ") + vips_error_buffer());
    }
    // Worker threads already run requests in parallel; a vips thread pool per request on top
    // would only compete with them. Nothing is ever processed twice, so nothing is cached.
    vips_concurrency_set(1);
    vips_cache_set_max(0);
    vips_cache_set_max_mem(0);
    vips_cache_set_max_files(0);
    // Defence in depth behind the type check by content: no loader but these three can run,
    // whatever the bytes look like (no ImageMagick, SVG, PDF, … on uploads).
    vips_block_untrusted_set(TRUE);
    vips_operation_block_set("VipsForeignLoad", TRUE);
    for (const char* nickname : {"jpegload_buffer", "pngload_buffer", "webpload_buffer"}) {
      const GType type = vips_type_find("VipsOperation", nickname);
      if (type != 0) vips_operation_block_set(g_type_name(type), FALSE);
    }
    std::atexit([] { vips_shutdown(); });
  });
}

}  // namespace buurtplein::media
