#ifndef CLIBDEFLATE_SHIM_H
#define CLIBDEFLATE_SHIM_H
// libdeflate (Debian libdeflate-dev): whole-buffer DEFLATE/zlib compression. ClunealRender
// uses it for a PNG's image data only; libpng writes every chunk of the file.
#include <libdeflate.h>
#endif
