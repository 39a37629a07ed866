/// One PNG text chunk.
///
/// Written as `tEXt` when the value is Latin-1, otherwise as `iTXt` (UTF-8), unless
/// ``international`` forces `iTXt`. Keywords are 1–79 printable Latin-1 characters without
/// leading, trailing or doubled spaces; the registered ones are in ``PNGText/Keyword``.
public struct PNGText: Hashable, Sendable {
    public var keyword: String
    public var value: String
    /// Always write `iTXt` (with a language tag), even for Latin-1 values.
    public var international: Bool
    /// RFC 3066 language tag for `iTXt` ("en", "de-CH"); may be empty.
    public var language: String
    /// The keyword in `language`, for `iTXt`; may be empty.
    public var translatedKeyword: String

    public init(_ keyword: String, _ value: String, international: Bool = false, language: String = "",
                translatedKeyword: String = "") {
        self.keyword = keyword
        self.value = value
        self.international = international
        self.language = language
        self.translatedKeyword = translatedKeyword
    }

    /// Registered keywords (PNG specification §11.3.4.2) and ClunealMap's own.
    public enum Keyword {
        public static let title = "Title"
        public static let author = "Author"
        public static let description = "Description"
        public static let copyright = "Copyright"
        public static let creationTime = "Creation Time"
        public static let software = "Software"
        public static let disclaimer = "Disclaimer"
        public static let warning = "Warning"
        public static let source = "Source"
        public static let comment = "Comment"
        /// Atlas id and version the map was drawn from.
        public static let atlas = "cluneal:atlas"
        /// The body frame (origin and axes).
        public static let frame = "cluneal:frame"
        /// How the reference body was scaled to the person, with its inputs.
        public static let scaling = "cluneal:scaling"
        /// The command line that made the image.
        public static let command = "cluneal:command"
        /// The render resolution, pixels per millimetre.
        public static let resolution = "cluneal:px-per-mm"
    }

    /// True for a valid PNG keyword: 1–79 Latin-1 characters in 32–126 or 161–255, no
    /// leading or trailing space, no two spaces in a row.
    public static func isValidKeyword(_ keyword: String) -> Bool {
        let scalars = Array(keyword.unicodeScalars)
        guard (1...79).contains(scalars.count) else { return false }
        guard scalars.allSatisfy({ (32...126).contains($0.value) || (161...255).contains($0.value) }) else { return false }
        guard scalars.first?.value != 32, scalars.last?.value != 32 else { return false }
        for i in 1..<scalars.count where scalars[i].value == 32 && scalars[i - 1].value == 32 { return false }
        return true
    }

    /// The value as Latin-1 bytes, or `nil` if some character is outside Latin-1.
    var latin1: [UInt8]? {
        var out: [UInt8] = []
        out.reserveCapacity(value.unicodeScalars.count)
        for s in value.unicodeScalars {
            guard s.value <= 255 else { return nil }
            out.append(UInt8(s.value))
        }
        return out
    }
}

/// Ancillary data stored with the pixels.
public struct PNGMetadata: Hashable, Sendable {
    /// Physical resolution for the `pHYs` chunk (the same in x and y, unit metre).
    public var pixelsPerMetre: UInt32?
    /// Text chunks, written in this order.
    public var text: [PNGText]

    public init(pixelsPerMetre: UInt32? = nil, text: [PNGText] = []) {
        self.pixelsPerMetre = pixelsPerMetre
        self.text = text
    }

    /// Metadata for a map rendered at `pxPerMm`: `pHYs` so that a print at 100 % is life size.
    public init(pxPerMm: Double, text: [PNGText] = []) {
        let ppm = (pxPerMm * 1000).rounded()
        self.init(pixelsPerMetre: ppm.isFinite && ppm >= 1 && ppm <= Double(UInt32.max) ? UInt32(ppm) : nil, text: text)
    }

    /// Checks every keyword and value; throws the first problem.
    public func validate() throws(RenderError) {
        for entry in text {
            guard PNGText.isValidKeyword(entry.keyword) else { throw .invalidPNGKeyword(entry.keyword) }
            guard !entry.value.unicodeScalars.contains(where: { $0.value == 0 }) else {
                throw .invalidPNGText(keyword: entry.keyword, reason: "contains a NUL character")
            }
            let languageOK = entry.language.utf8.count < 80 && entry.language.unicodeScalars.allSatisfy { s in
                (65...90).contains(s.value) || (97...122).contains(s.value) || (48...57).contains(s.value) || s == "-"
            }
            guard languageOK else {
                throw .invalidPNGText(keyword: entry.keyword, reason: "language tag \(entry.language.debugDescription) is not of the form xx or xx-yy")
            }
            guard !entry.translatedKeyword.unicodeScalars.contains(where: { $0.value == 0 }) else {
                throw .invalidPNGText(keyword: entry.keyword, reason: "translated keyword contains a NUL character")
            }
        }
    }
}
