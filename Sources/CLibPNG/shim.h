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
// setjmp guards written in C.
//
// Swift cannot call setjmp (returns_twice) and a longjmp must never cross a Swift frame. So
// every function below that calls into libpng first sets the png struct's jmp_buf *in its own
// frame*, and only C frames lie between that setjmp and any png_error(): an error longjmps
// straight back into the function that made the call, which returns 0 with a message. The
// only Swift code libpng calls back into is the write callback, which never errors.
//
// Writing is a stream: clibpng_stream_begin (header, pHYs, text), any number of
// clibpng_stream_write_rows calls in row order, clibpng_stream_end, and always
// clibpng_stream_destroy. After a failure every later call fails at once.
// ---------------------------------------------------------------------------------------
typedef struct clibpng_write_params {
    png_uint_32 width, height;
    int color_type;                // PNG_COLOR_TYPE_RGB or PNG_COLOR_TYPE_RGB_ALPHA (8 bits each)
    const png_byte *pixels;        // straight (non-premultiplied) samples, row after row
    size_t row_stride;             // bytes between rows
    int compression_level;         // 0...9
    int filters;                   // PNG_FILTER_* mask (never 0): every filter any row may use
    int strategy;                  // Z_DEFAULT_STRATEGY, Z_FILTERED, Z_RLE, ...
    int memory_level;              // zlib memLevel 1...9, or 0 for libpng's default (8)
    png_uint_32 pixels_per_metre;  // 0 = no pHYs chunk
    const png_text *text;          // may be NULL; libpng copies the strings
    int text_count;
    char error_message[256];       // filled in on failure
} clibpng_write_params;

typedef struct clibpng_stream {
    png_structp png;
    png_infop info;
    png_uint_32 rows_written;
    int failed;
    char error_message[256];
} clibpng_stream;

static inline void clibpng_stream_error_fn(png_structp png, png_const_charp msg) {
    clibpng_stream *s = (clibpng_stream *)png_get_error_ptr(png);
    if (s != NULL) {
        strncpy(s->error_message, msg ? msg : "unknown libpng error", sizeof s->error_message - 1);
        s->error_message[sizeof s->error_message - 1] = 0;
        s->failed = 1;
    }
    png_longjmp(png, 1);  // back to the setjmp of the C function that called libpng
}

static inline void clibpng_warning_fn(png_structp png, png_const_charp msg) {
    (void)png; (void)msg;  // no stderr chatter from a library
}

static inline void clibpng_stream_fail(clibpng_stream *s, const char *msg) {
    strncpy(s->error_message, msg, sizeof s->error_message - 1);
    s->error_message[sizeof s->error_message - 1] = 0;
    s->failed = 1;
}

/// Frees everything; safe to call more than once and after any failure.
static inline void clibpng_stream_destroy(clibpng_stream *s) {
    if (s->png != NULL || s->info != NULL) png_destroy_write_struct(&s->png, &s->info);
    s->png = NULL;
    s->info = NULL;
}

/// Creates the writer and writes the signature, IHDR, pHYs and text chunks through `write_fn`
/// (png_set_write_fn's callback, which must not call png_error). 1 on success, 0 on failure.
static inline int clibpng_stream_begin(clibpng_stream *s, const clibpng_write_params *p, void *io, png_rw_ptr write_fn) {
    memset(s, 0, sizeof *s);
    s->png = png_create_write_struct(PNG_LIBPNG_VER_STRING, s, clibpng_stream_error_fn, clibpng_warning_fn);
    if (s->png == NULL) {
        clibpng_stream_fail(s, "png_create_write_struct failed");
        return 0;
    }
    s->info = png_create_info_struct(s->png);
    if (s->info == NULL) {
        clibpng_stream_fail(s, "png_create_info_struct failed");
        return 0;
    }
    if (setjmp(png_jmpbuf(s->png))) return 0;
    png_set_write_fn(s->png, io, write_fn, NULL);
    png_set_compression_level(s->png, p->compression_level);
    png_set_compression_strategy(s->png, p->strategy);
    if (p->memory_level > 0) png_set_compression_mem_level(s->png, p->memory_level);
    png_set_filter(s->png, PNG_FILTER_TYPE_BASE, p->filters);
    png_set_IHDR(s->png, s->info, p->width, p->height, 8, p->color_type,
                 PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_BASE, PNG_FILTER_TYPE_BASE);
    if (p->pixels_per_metre != 0)
        png_set_pHYs(s->png, s->info, p->pixels_per_metre, p->pixels_per_metre, PNG_RESOLUTION_METER);
    if (p->text != NULL && p->text_count > 0)
        png_set_text(s->png, s->info, p->text, p->text_count);
    png_write_info(s->png, s->info);
    return 1;
}

/// Writes `count` rows, `stride` bytes apart. If `row_filters` is not NULL, row i is filtered
/// with the single PNG_FILTER_* bit row_filters[i] (which must be among the filters given to
/// clibpng_stream_begin), except the image's first row, which libpng always chooses itself
/// (libpng allocates its filter buffers at the first row; see png_set_filter in the libpng
/// manual). 1 on success, 0 on failure.
static inline int clibpng_stream_write_rows(clibpng_stream *s, const png_byte *rows, size_t stride, png_uint_32 count,
                                            const png_byte *row_filters) {
    if (s->failed || s->png == NULL) return 0;
    if (setjmp(png_jmpbuf(s->png))) return 0;
    for (png_uint_32 i = 0; i < count; i++) {
        if (row_filters != NULL && s->rows_written > 0)
            png_set_filter(s->png, PNG_FILTER_TYPE_BASE, row_filters[i]);
        png_write_row(s->png, rows + (size_t)i * stride);
        s->rows_written++;
    }
    return 1;
}

/// Finishes the zlib stream and writes IEND. 1 on success, 0 on failure.
static inline int clibpng_stream_end(clibpng_stream *s) {
    if (s->failed || s->png == NULL) return 0;
    if (setjmp(png_jmpbuf(s->png))) return 0;
    png_write_end(s->png, s->info);
    return 1;
}

/// Writes one whole chunk (length, type, data, CRC) with libpng's public png_write_chunk.
/// Used for image data compressed outside libpng: after clibpng_stream_begin (signature,
/// IHDR, pHYs, text), any number of "IDAT" chunks holding one zlib stream of the filtered
/// rows, then "IEND" with no data, and no clibpng_stream_end. png_write_end cannot be used
/// there: it refuses a file whose rows did not pass through png_write_row ("No IDATs written
/// into file"), and its only other work — chunks placed after the image data and the IEND
/// chunk itself — is none here (every text chunk is written before the image, no tIME) but
/// IEND, which this function writes as png_write_end would: empty, with its CRC.
/// 1 on success, 0 on failure.
static inline int clibpng_stream_write_chunk(clibpng_stream *s, const char *type, const png_byte *data, size_t length) {
    if (s->failed || s->png == NULL) return 0;
    if (setjmp(png_jmpbuf(s->png))) return 0;
    png_write_chunk(s->png, (png_const_bytep)type, data, length);
    return 1;
}

#endif
