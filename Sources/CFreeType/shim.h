#ifndef CFREETYPE_SHIM_H
#define CFREETYPE_SHIM_H
// <ft2build.h> lives in /usr/include/freetype2, which pkg-config (freetype2.pc) supplies.
#include <ft2build.h>
#include FT_FREETYPE_H
#include FT_OUTLINE_H

// Function-like macros are not imported into Swift; re-export the ones ClunealRender uses.
static inline FT_Int32 cfreetype_load_target_light(void) { return FT_LOAD_TARGET_LIGHT; }
#endif
