import BodyGeometry
import CCairo

/// A PDF document drawn through Cairo's PDF surface: the only place ClunealRender calls Cairo.
///
/// Coordinates are page **millimetres**, origin at the page's top-left corner, y down, the
/// same as ``PagePoint``; each page's size is given in millimetres and written as
/// `mm × 72 / 25.4` points, so a page prints at its true size. The document is written into
/// memory (`cairo_pdf_surface_create_for_stream`) and returned by ``finish()``.
///
/// Text is real text: glyphs placed by the caller are shown with `cairo_show_text_glyphs`, with
/// one cluster per Unicode scalar, so the PDF carries the characters (copy, search, screen
/// readers) and Cairo embeds a subset of the font. Fonts come from ``FontFace`` handles that
/// Cairo keeps alive for as long as it needs them.
///
/// Not `Sendable`: it owns Cairo handles. Make one per document.
final class CairoPDFDocument {
    /// Fields of the PDF's document information dictionary.
    enum MetadataField: CaseIterable {
        case title, author, subject, keywords, creator, creationDate
    }

    /// PostScript points per millimetre.
    static let pointsPerMillimetre = 72 / 25.4

    private let sink = PDFByteSink()
    private var surface: OpaquePointer?
    private var context: OpaquePointer?
    private var fontFaces: [FontWeight: OpaquePointer] = [:]

    /// Starts a document whose first page is `size` millimetres.
    init(firstPageSize size: PageSize) throws(RenderError) {
        try Self.checkPageSize(size)
        let closure = Unmanaged.passUnretained(sink).toOpaque()
        surface = cairo_pdf_surface_create_for_stream(writeToSink, closure,
                                                      size.width * Self.pointsPerMillimetre, size.height * Self.pointsPerMillimetre)
        try check(cairo_surface_status(surface), "cairo_pdf_surface_create_for_stream")
        context = cairo_create(surface)
        try check(cairo_status(context), "cairo_create")
        // Glyph outlines as designed: a PDF is resolution-free, so no hinting of shapes or metrics.
        if let options = cairo_font_options_create() {
            cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_NONE)
            cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF)
            cairo_set_font_options(context, options)
            cairo_font_options_destroy(options)
        }
        startPage()
    }

    deinit {
        if let context { cairo_destroy(context) }
        if let surface { cairo_surface_destroy(surface) }
        for face in fontFaces.values { cairo_font_face_destroy(face) }
    }

    private static func checkPageSize(_ size: PageSize) throws(RenderError) {
        // PDF viewers accept at most 14 400 pt (200 in, 5.08 m) a side.
        guard size.width.isFinite, size.height.isFinite, size.width > 0, size.height > 0,
              size.width <= 5080, size.height <= 5080 else {
            throw .invalidPageSize(width: size.width, height: size.height)
        }
    }

    private func check(_ status: cairo_status_t, _ function: String) throws(RenderError) {
        guard status != CAIRO_STATUS_SUCCESS else { return }
        throw .cairo(function: function, message: String(cString: cairo_status_to_string(status)))
    }

    /// Millimetre user space on a fresh page.
    private func startPage() {
        cairo_identity_matrix(context)
        cairo_scale(context, Self.pointsPerMillimetre, Self.pointsPerMillimetre)
    }

    // MARK: - Document

    func setMetadata(_ field: MetadataField, _ value: String) {
        let key: cairo_pdf_metadata_t
        switch field {
        case .title: key = CAIRO_PDF_METADATA_TITLE
        case .author: key = CAIRO_PDF_METADATA_AUTHOR
        case .subject: key = CAIRO_PDF_METADATA_SUBJECT
        case .keywords: key = CAIRO_PDF_METADATA_KEYWORDS
        case .creator: key = CAIRO_PDF_METADATA_CREATOR
        case .creationDate: key = CAIRO_PDF_METADATA_CREATE_DATE
        }
        cairo_pdf_surface_set_metadata(surface, key, value)
    }

    /// Ends the current page and starts one of `size` millimetres.
    func nextPage(size: PageSize) throws(RenderError) {
        try Self.checkPageSize(size)
        cairo_show_page(context)
        cairo_pdf_surface_set_size(surface, size.width * Self.pointsPerMillimetre, size.height * Self.pointsPerMillimetre)
        startPage()
        try check(cairo_status(context), "cairo_show_page")
    }

    /// Ends the document and returns its bytes.
    func finish() throws(RenderError) -> [UInt8] {
        try check(cairo_status(context), "drawing")
        cairo_destroy(context)
        context = nil
        cairo_surface_finish(surface)
        try check(cairo_surface_status(surface), "cairo_surface_finish")
        return sink.bytes
    }

    /// Makes `face` the font drawn for `weight`. Cairo holds `face` (a face used by nobody
    /// else: Cairo sets its size) until it drops the font, then releases it.
    func register(_ face: FontFace, for weight: FontWeight) throws(RenderError) {
        guard let handle = face.unsafeFaceHandle,
              let cairoFace = ccairo_ft_font_face_create(handle, Int32(CCAIRO_FT_LOAD_NO_HINTING)) else {
            throw .cairo(function: "cairo_ft_font_face_create_for_ft_face", message: "no font face for \(face.source)")
        }
        let created = cairo_font_face_status(cairoFace)
        if created != CAIRO_STATUS_SUCCESS {
            cairo_font_face_destroy(cairoFace)
            try check(created, "cairo_ft_font_face_create_for_ft_face")
        }
        let owner = Unmanaged.passRetained(face).toOpaque()
        // Any address unique to this face serves as the user-data key.
        let key = UnsafePointer<cairo_user_data_key_t>(OpaquePointer(owner))
        let status = cairo_font_face_set_user_data(cairoFace, key, owner, releaseFontOwner)
        if status != CAIRO_STATUS_SUCCESS {
            Unmanaged<FontFace>.fromOpaque(owner).release()
            cairo_font_face_destroy(cairoFace)
            try check(status, "cairo_font_face_set_user_data")
        }
        if let old = fontFaces[weight] { cairo_font_face_destroy(old) }
        fontFaces[weight] = cairoFace
    }

    // MARK: - State

    func save() { cairo_save(context) }
    func restore() { cairo_restore(context) }
    func translate(_ x: Double, _ y: Double) { cairo_translate(context, x, y) }
    func scale(_ factor: Double) { cairo_scale(context, factor, factor) }

    /// Restricts drawing to `rect` (current user space) until the matching ``restore()``.
    func clip(to rect: PageRect) {
        cairo_new_path(context)
        cairo_rectangle(context, rect.x, rect.y, rect.width, rect.height)
        cairo_clip(context)
    }

    // MARK: - Paths

    func newPath() { cairo_new_path(context) }
    func move(to p: PagePoint) { cairo_move_to(context, p.x, p.y) }
    func line(to p: PagePoint) { cairo_line_to(context, p.x, p.y) }
    /// A cubic Bézier from the current point to `p`, pulled toward `c1` and `c2`.
    func curve(to p: PagePoint, control1 c1: PagePoint, control2 c2: PagePoint) { cairo_curve_to(context, c1.x, c1.y, c2.x, c2.y, p.x, p.y) }
    func closePath() { cairo_close_path(context) }

    func rectangle(_ r: PageRect) { cairo_rectangle(context, r.x, r.y, r.width, r.height) }

    /// Adds an ellipse (a closed subpath) centred at `c` with semi-axes `rx`, `ry`, turned
    /// counter-clockwise as seen by `degrees`. Degenerate ellipses add nothing.
    func ellipse(centre c: PagePoint, radiusX rx: Double, radiusY ry: Double, rotationDegrees degrees: Double) {
        guard rx > 0, ry > 0 else { return }
        cairo_save(context)
        cairo_translate(context, c.x, c.y)
        // Counter-clockwise as seen is clockwise in y-down page space.
        cairo_rotate(context, -degrees * Double.pi / 180)
        cairo_scale(context, rx, ry)
        cairo_new_sub_path(context)
        cairo_arc(context, 0, 0, 1, 0, 2 * Double.pi)
        cairo_close_path(context)
        cairo_restore(context)
    }

    /// Adds a circle (a closed subpath) of `radius` around `c`, clockwise on the page, or
    /// counter-clockwise when `reversed` (a hole under the non-zero rule).
    func circle(centre c: PagePoint, radius: Double, reversed: Bool) {
        guard radius > 0 else { return }
        cairo_new_sub_path(context)
        if reversed {
            cairo_arc_negative(context, c.x, c.y, radius, 0, -2 * Double.pi)
        } else {
            cairo_arc(context, c.x, c.y, radius, 0, 2 * Double.pi)
        }
        cairo_close_path(context)
    }

    /// Fills the current path; `preserve` keeps it for a stroke.
    func fill(_ color: Color, rule: FillRule, preserve: Bool) {
        setSource(color)
        cairo_set_fill_rule(context, rule == .evenOdd ? CAIRO_FILL_RULE_EVEN_ODD : CAIRO_FILL_RULE_WINDING)
        if preserve { cairo_fill_preserve(context) } else { cairo_fill(context) }
    }

    /// Strokes (and clears) the current path.
    func stroke(_ color: Color, widthMm: Double, join: LineJoin, cap: LineCap, miterLimit: Double, dash: DashPattern?) {
        setSource(color)
        cairo_set_line_width(context, widthMm)
        switch join {
        case .miter: cairo_set_line_join(context, CAIRO_LINE_JOIN_MITER)
        case .round: cairo_set_line_join(context, CAIRO_LINE_JOIN_ROUND)
        case .bevel: cairo_set_line_join(context, CAIRO_LINE_JOIN_BEVEL)
        }
        switch cap {
        case .butt: cairo_set_line_cap(context, CAIRO_LINE_CAP_BUTT)
        case .round: cairo_set_line_cap(context, CAIRO_LINE_CAP_ROUND)
        case .square: cairo_set_line_cap(context, CAIRO_LINE_CAP_SQUARE)
        }
        cairo_set_miter_limit(context, miterLimit)
        if let dash {
            cairo_set_dash(context, dash.lengthsMm, Int32(dash.lengthsMm.count), dash.offsetMm)
        } else {
            cairo_set_dash(context, nil, 0, 0)
        }
        cairo_stroke(context)
    }

    private func setSource(_ c: Color) {
        cairo_set_source_rgba(context, Double(c.red) / 255, Double(c.green) / 255, Double(c.blue) / 255, Double(c.alpha) / 255)
    }

    // MARK: - Text

    /// One line of text: `glyphs` (font glyph indices, pen positions in millimetres of user
    /// space) for the Unicode scalars of `text`, one glyph per scalar.
    struct GlyphRun {
        var text: String
        var glyphs: [(index: UInt32, x: Double, y: Double)]
    }

    /// Draws a halo: the glyph outlines stroked `widthMm` wide (round joins).
    func strokeGlyphOutlines(_ run: GlyphRun, weight: FontWeight, sizeMm: Double, color: Color, widthMm: Double) {
        guard selectFont(weight, sizeMm: sizeMm) else { return }
        var glyphs = run.glyphs.map { cairo_glyph_t(index: UInt($0.index), x: $0.x, y: $0.y) }
        cairo_new_path(context)
        cairo_glyph_path(context, &glyphs, Int32(glyphs.count))
        setSource(color)
        cairo_set_line_width(context, widthMm)
        cairo_set_line_join(context, CAIRO_LINE_JOIN_ROUND)
        cairo_set_line_cap(context, CAIRO_LINE_CAP_ROUND)
        cairo_set_dash(context, nil, 0, 0)
        cairo_stroke(context)
    }

    /// Shows `run` as text in `color`.
    func showText(_ run: GlyphRun, weight: FontWeight, sizeMm: Double, color: Color) {
        guard selectFont(weight, sizeMm: sizeMm), !run.glyphs.isEmpty else { return }
        var glyphs = run.glyphs.map { cairo_glyph_t(index: UInt($0.index), x: $0.x, y: $0.y) }
        var clusters: [cairo_text_cluster_t] = []
        clusters.reserveCapacity(glyphs.count)
        for scalar in run.text.unicodeScalars.prefix(glyphs.count) {
            clusters.append(cairo_text_cluster_t(num_bytes: Int32(String(scalar).utf8.count), num_glyphs: 1))
        }
        let utf8 = String(run.text.unicodeScalars.prefix(clusters.count))
        setSource(color)
        cairo_new_path(context)
        utf8.withCString { text in
            cairo_show_text_glyphs(context, text, Int32(utf8.utf8.count), &glyphs, Int32(glyphs.count),
                                   &clusters, Int32(clusters.count), cairo_text_cluster_flags_t(rawValue: 0))
        }
    }

    private func selectFont(_ weight: FontWeight, sizeMm: Double) -> Bool {
        guard let face = fontFaces[weight] ?? fontFaces[.regular] else { return false }
        cairo_set_font_face(context, face)
        cairo_set_font_size(context, sizeMm)
        return true
    }
}

/// Receives the bytes Cairo writes. A class, because Cairo holds it by pointer.
private final class PDFByteSink {
    var bytes: [UInt8] = []
}

/// Cairo's write callback: appends to the document's ``PDFByteSink``.
private let writeToSink: cairo_write_func_t = { closure, data, length in
    guard let closure else { return CAIRO_STATUS_WRITE_ERROR }
    let sink = Unmanaged<PDFByteSink>.fromOpaque(closure).takeUnretainedValue()
    if let data, length > 0 { sink.bytes.append(contentsOf: UnsafeBufferPointer(start: data, count: Int(length))) }
    return CAIRO_STATUS_SUCCESS
}

/// Cairo's destroy callback for a font face's user data: releases the ``FontFace`` it held.
private let releaseFontOwner: cairo_destroy_func_t = { owner in
    if let owner { Unmanaged<FontFace>.fromOpaque(owner).release() }
}
