#ifndef CCAIRO_SHIM_H
#define CCAIRO_SHIM_H
// Found through pkg-config's -I/usr/include/cairo (cairo.pc).
#include <cairo.h>
#include <cairo-pdf.h>

// From <cairo-ft.h>, declared here instead of including it: that header pulls FreeType's
// headers into this module, and Clang then gives FreeType's declarations to CCairo instead of
// CFreeType (FontFace stops compiling). The prototype is the same: FT_Face is
// `struct FT_FaceRec_ *`.
struct FT_FaceRec_;
cairo_public cairo_font_face_t *cairo_ft_font_face_create_for_ft_face(struct FT_FaceRec_ *face, int load_flags);

// A cairo font face for an FT_Face passed as an untyped pointer. The caller keeps the face
// alive, and its size untouched, for as long as cairo holds the font face (see
// cairo_font_face_set_user_data).
static inline cairo_font_face_t *ccairo_ft_font_face_create(void *ft_face, int load_flags) {
    return cairo_ft_font_face_create_for_ft_face((struct FT_FaceRec_ *)ft_face, load_flags);
}

// FreeType's FT_LOAD_NO_HINTING (1L << 1): glyph outlines exactly as designed, as a PDF is
// resolution-free.
enum { CCAIRO_FT_LOAD_NO_HINTING = 1 << 1 };
#endif
