import CFreeType

/// One rendered glyph: an 8-bit coverage bitmap and where it sits relative to the pen.
struct GlyphBitmap: Sendable {
    let width: Int
    let rows: Int
    /// Pixels from the (whole-pixel) pen position to the bitmap's left edge.
    let left: Int
    /// Pixels from the baseline up to the bitmap's top edge.
    let top: Int
    let coverage: [UInt8]
}

/// A glyph placed on a line: `x` is the pen position (pixels from the line start).
struct PlacedGlyph: Sendable {
    let glyph: UInt32
    let x: Float
}

/// A FreeType font face: the only place ClunealRender calls FreeType.
///
/// It measures text and renders glyph bitmaps at any pixel size, with light hinting
/// (vertical only, so advances stay linear in the size and layout does not depend on the
/// resolution), quarter-pixel horizontal glyph positioning and pair kerning from the `kern`
/// table. Advances and glyph bitmaps are cached per size (and sub-pixel phase).
///
/// Not `Sendable`: it owns FreeType handles, which must not be used from two threads at once.
/// Make one per render (or per task).
public final class FontFace {
    private var library: FT_Library?
    private var face: FT_Face?
    /// Font bytes for a face made from memory; FreeType reads them for the face's lifetime.
    private var memory: UnsafeMutableRawBufferPointer?
    private var currentSize: FT_F26Dot6 = 0
    private var bitmaps: [GlyphKey: GlyphBitmap] = [:]
    private var advances: [GlyphKey: Float] = [:]

    private struct GlyphKey: Hashable {
        let glyph: UInt32
        let size: Int
        /// Horizontal sub-pixel offset in quarter pixels (0...3).
        let phase: Int
    }

    /// Glyphs are rendered at quarter-pixel horizontal offsets, so letter spacing follows the
    /// unhinted advances instead of jumping by whole pixels.
    static let subpixelPhases = 4

    /// Where the face came from (a path or a name), for messages.
    public let source: String
    /// The family name recorded in the font ("DejaVu Sans").
    public private(set) var familyName = ""
    /// The style name recorded in the font ("Book", "Bold").
    public private(set) var styleName = ""
    /// Ascent above the baseline as a fraction of the em.
    public private(set) var ascentPerEm: Float = 0.8
    /// Descent below the baseline (positive) as a fraction of the em.
    public private(set) var descentPerEm: Float = 0.2

    /// Opens a font file. Throws ``RenderError/fontUnavailable(source:reason:)`` if it is
    /// missing or not a font.
    public init(path: String) throws(RenderError) {
        source = path
        // All stored properties have values, so deinit runs if this throws: clean up only there.
        try check(FT_Init_FreeType(&library), "FT_Init_FreeType")
        let error = FT_New_Face(library, path, 0, &face)
        guard error == 0 else {
            throw .fontUnavailable(source: path, reason: Self.describe(error))
        }
        readNames()
    }

    /// Opens a font from its bytes (TrueType or OpenType). `name` is used in messages.
    public init(bytes: [UInt8], name: String) throws(RenderError) {
        source = name
        try check(FT_Init_FreeType(&library), "FT_Init_FreeType")
        guard !bytes.isEmpty else { throw .fontUnavailable(source: name, reason: "no bytes") }
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: bytes.count, alignment: 16)
        memory = buffer
        buffer.copyBytes(from: bytes)
        let base = buffer.baseAddress?.assumingMemoryBound(to: FT_Byte.self)
        let error = FT_New_Memory_Face(library, base, FT_Long(bytes.count), 0, &face)
        guard error == 0 else {
            throw .fontUnavailable(source: name, reason: Self.describe(error))
        }
        readNames()
    }

    deinit {
        if let face { FT_Done_Face(face) }
        if let library { FT_Done_FreeType(library) }
        memory?.deallocate()
    }

    /// A second, independent face over the same font (its own FreeType library and face), for
    /// a consumer that must own a face nobody else resizes (the PDF writer hands one to Cairo).
    func reopened() throws(RenderError) -> FontFace {
        if let memory {
            return try FontFace(bytes: Array(memory), name: source)
        }
        return try FontFace(path: source)
    }

    /// The FreeType face as an untyped pointer, for the Cairo wrapper (which must not resize it
    /// while Cairo holds it; see ``reopened()``). `nil` only if opening failed.
    var unsafeFaceHandle: UnsafeMutableRawPointer? { face.map { UnsafeMutableRawPointer($0) } }

    private func readNames() {
        guard let face else { return }
        let f = face.pointee
        if let family = f.family_name { familyName = String(cString: family) }
        if let style = f.style_name { styleName = String(cString: style) }
        if f.units_per_EM > 0 {
            ascentPerEm = Float(f.ascender) / Float(f.units_per_EM)
            descentPerEm = -Float(f.descender) / Float(f.units_per_EM)
        }
    }

    private static func describe(_ error: FT_Error) -> String {
        switch error {
        case 0x01: "cannot open the file (FreeType error 1)"
        case 0x02: "unknown file format (FreeType error 2)"
        case 0x03: "broken file (FreeType error 3)"
        default: "FreeType error \(error)"
        }
    }

    private func check(_ error: FT_Error, _ function: String) throws(RenderError) {
        if error != 0 { throw .freeType(function: function, code: error) }
    }

    /// The size in 26.6 fixed point for `sizePx` (clamped to 1/64 ... 4096 px).
    private static func fixedSize(_ sizePx: Float) -> FT_F26Dot6 {
        let s = sizePx.isFinite ? Swift.min(4096, Swift.max(1.0 / 64, sizePx)) : 12
        return FT_F26Dot6((s * 64).rounded())
    }

    private func setSize(_ size: FT_F26Dot6) throws(RenderError) {
        guard size != currentSize else { return }
        // Character size in points at 72 dpi is the pixel size.
        try check(FT_Set_Char_Size(face, 0, size, 72, 72), "FT_Set_Char_Size")
        currentSize = size
    }

    /// Lays out one line (no line breaks) at `sizePx`: glyphs with pen positions, and the
    /// line's advance width in pixels.
    func layoutLine(_ text: String, sizePx: Float) throws(RenderError) -> (glyphs: [PlacedGlyph], advance: Float) {
        guard let face else { return ([], 0) }
        let size = Self.fixedSize(sizePx)
        try setSize(size)
        let hasKerning = (face.pointee.face_flags & FT_Long(FT_FACE_FLAG_KERNING)) != 0
        var pen: Float = 0
        var previous: FT_UInt = 0
        var glyphs: [PlacedGlyph] = []
        glyphs.reserveCapacity(text.unicodeScalars.count)
        for scalar in text.unicodeScalars {
            let index = FT_Get_Char_Index(face, FT_ULong(scalar.value))
            if hasKerning, previous != 0, index != 0 {
                var delta = FT_Vector()
                if FT_Get_Kerning(face, previous, index, FT_UInt(FT_KERNING_UNFITTED.rawValue), &delta) == 0 {
                    pen += Float(delta.x) / 64
                }
            }
            glyphs.append(PlacedGlyph(glyph: UInt32(index), x: pen))
            pen += try advance(index, size: size)
            previous = index
        }
        return (glyphs, pen)
    }

    /// The advance width of one line at `sizePx`, pixels.
    public func advance(of text: String, sizePx: Float) throws(RenderError) -> Float {
        try layoutLine(text, sizePx: sizePx).advance
    }

    /// The unhinted advance of a glyph, pixels.
    private func advance(_ index: FT_UInt, size: FT_F26Dot6) throws(RenderError) -> Float {
        let key = GlyphKey(glyph: UInt32(index), size: Int(size), phase: 0)
        if let cached = advances[key] { return cached }
        try check(FT_Load_Glyph(face, index, cfreetype_load_target_light()), "FT_Load_Glyph")
        guard let slot = face?.pointee.glyph else { throw .freeType(function: "FT_Load_Glyph (no glyph slot)", code: -1) }
        let value = Float(slot.pointee.linearHoriAdvance) / 65536
        advances[key] = value
        return value
    }

    /// The bitmap of `glyph` at `sizePx`, shifted right by `phase` quarter pixels.
    func bitmap(_ glyph: UInt32, sizePx: Float, phase: Int) throws(RenderError) -> GlyphBitmap {
        let size = Self.fixedSize(sizePx)
        let phase = Swift.min(Self.subpixelPhases - 1, Swift.max(0, phase))
        let key = GlyphKey(glyph: glyph, size: Int(size), phase: phase)
        if let cached = bitmaps[key] { return cached }
        try setSize(size)
        try check(FT_Load_Glyph(face, FT_UInt(glyph), cfreetype_load_target_light()), "FT_Load_Glyph")
        guard let slot = face?.pointee.glyph else { throw .freeType(function: "FT_Load_Glyph (no glyph slot)", code: -1) }
        if slot.pointee.format == FT_GLYPH_FORMAT_OUTLINE, phase > 0 {
            FT_Outline_Translate(&slot.pointee.outline, FT_Pos(phase * 64 / Self.subpixelPhases), 0)
        }
        try check(FT_Render_Glyph(slot, FT_RENDER_MODE_LIGHT), "FT_Render_Glyph")
        let s = slot.pointee
        let bitmap = s.bitmap
        var coverage: [UInt8] = []
        let width = Int(bitmap.width), rows = Int(bitmap.rows)
        if bitmap.pixel_mode == UInt8(FT_PIXEL_MODE_GRAY.rawValue), let buffer = bitmap.buffer, width > 0, rows > 0 {
            coverage = [UInt8](repeating: 0, count: width * rows)
            let pitch = Int(bitmap.pitch)
            let levels = Swift.max(1, Int(bitmap.num_grays) - 1)
            for row in 0..<rows {
                // A negative pitch means the rows are stored bottom-up.
                let src = pitch >= 0 ? row * pitch : (rows - 1 - row) * -pitch
                for col in 0..<width {
                    let v = Int(buffer[src + col])
                    coverage[row * width + col] = levels == 255 ? UInt8(v) : UInt8(Swift.min(255, v * 255 / levels))
                }
            }
        }
        let result = GlyphBitmap(width: coverage.isEmpty ? 0 : width, rows: coverage.isEmpty ? 0 : rows,
                                 left: Int(s.bitmap_left), top: Int(s.bitmap_top), coverage: coverage)
        bitmaps[key] = result
        return result
    }
}
