#ifndef CLIBPNG_SHIM_H
#define CLIBPNG_SHIM_H
// png.h is found through pkg-config's -I/usr/include/libpng16 (also in /usr/include).
#include <png.h>
#include <zlib.h>
#include <setjmp.h>
#include <string.h>

// Macros built from other macros are not imported into Swift ("structure not supported");
// re-export them as plain enum constants.
enum {
    CLIBPNG_ALL_FILTERS = PNG_ALL_FILTERS,
    CLIBPNG_FORMAT_RGBA = PNG_FORMAT_RGBA,
};

// ---------------------------------------------------------------------------------------
// A setjmp guard written in C.
//
// Swift cannot call setjmp (returns_twice) and a longjmp must never cross a Swift frame, so
// the setjmp, the error callback and *every* libpng call that may png_error() sit in the
// one C function below. Swift fills in the parameter block, calls clibpng_write_guarded
// once and gets back 1 (success) or 0 (failure, with a message). The only Swift code libpng
// calls back into is the write callback, which never errors.
// ---------------------------------------------------------------------------------------
typedef struct clibpng_write_params {
    png_uint_32 width, height;
    int color_type;                // PNG_COLOR_TYPE_RGB or PNG_COLOR_TYPE_RGB_ALPHA (8 bits each)
    const png_byte *pixels;        // straight (non-premultiplied) samples, row after row
    size_t row_stride;             // bytes between rows
    int compression_level;         // 0...9
    int filters;                   // PNG_FILTER_* mask (never 0)
    int strategy;                  // Z_DEFAULT_STRATEGY, Z_FILTERED, Z_RLE, ...
    png_uint_32 pixels_per_metre;  // 0 = no pHYs chunk
    const png_text *text;          // may be NULL; libpng copies the strings
    int text_count;
    char error_message[256];       // filled in on failure
} clibpng_write_params;

static inline void clibpng_error_fn(png_structp png, png_const_charp msg) {
    clibpng_write_params *p = (clibpng_write_params *)png_get_error_ptr(png);
    if (p != NULL) {
        strncpy(p->error_message, msg ? msg : "unknown libpng error", sizeof p->error_message - 1);
        p->error_message[sizeof p->error_message - 1] = 0;
    }
    png_longjmp(png, 1);  // back to the setjmp in clibpng_write_guarded (C frames only)
}

static inline void clibpng_warning_fn(png_structp png, png_const_charp msg) {
    (void)png; (void)msg;  // no stderr chatter from a library
}

/// Encodes 8-bit RGB or RGBA rows through `write_fn` (png_set_write_fn's callback, which must
/// not call png_error). Returns 1 on success, 0 on failure (see p->error_message).
static inline int clibpng_write_guarded(clibpng_write_params *p, void *io, png_rw_ptr write_fn) {
    p->error_message[0] = 0;
    png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, p, clibpng_error_fn, clibpng_warning_fn);
    if (png == NULL) {
        strcpy(p->error_message, "png_create_write_struct failed");
        return 0;
    }
    png_infop info = png_create_info_struct(png);
    if (info == NULL) {
        png_destroy_write_struct(&png, NULL);
        strcpy(p->error_message, "png_create_info_struct failed");
        return 0;
    }
    if (setjmp(png_jmpbuf(png))) {
        png_destroy_write_struct(&png, &info);
        return 0;
    }
    png_set_write_fn(png, io, write_fn, NULL);
    png_set_compression_level(png, p->compression_level);
    png_set_compression_strategy(png, p->strategy);
    png_set_filter(png, PNG_FILTER_TYPE_BASE, p->filters);
    png_set_IHDR(png, info, p->width, p->height, 8, p->color_type,
                 PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_BASE, PNG_FILTER_TYPE_BASE);
    if (p->pixels_per_metre != 0)
        png_set_pHYs(png, info, p->pixels_per_metre, p->pixels_per_metre, PNG_RESOLUTION_METER);
    if (p->text != NULL && p->text_count > 0)
        png_set_text(png, info, p->text, p->text_count);
    png_write_info(png, info);
    for (png_uint_32 y = 0; y < p->height; y++)
        png_write_row(png, p->pixels + (size_t)y * p->row_stride);
    png_write_end(png, info);
    png_destroy_write_struct(&png, &info);
    return 1;
}

#endif
