/// Everything that can go wrong in ClunealRender, each case naming what and where.
public enum RenderError: Error, Hashable, Sendable {
    /// The resolution is not a finite, positive number of pixels per millimetre.
    case invalidResolution(pxPerMm: Double)
    /// The page is empty or not finite (millimetres).
    case invalidPageSize(width: Double, height: Double)
    /// The canvas would exceed ``RGBABuffer/maximumDimension`` pixels on a side or
    /// ``RGBABuffer/maximumPixelCount`` pixels in all.
    case canvasTooLarge(width: Int, height: Int)
    /// An item's geometry or style is unusable (non-finite coordinate, negative width, ...).
    case invalidItem(id: String, reason: String)
    /// Two layers share an id.
    case duplicateLayer(id: String)
    /// A font file could not be read or parsed.
    case fontUnavailable(source: String, reason: String)
    /// A FreeType call failed (FreeType error code).
    case freeType(function: String, code: Int32)
    /// A PNG text keyword breaks the PNG rules (1–79 printable Latin-1 characters, no
    /// leading, trailing or doubled spaces).
    case invalidPNGKeyword(String)
    /// A PNG text value cannot be stored (for example it contains a NUL character).
    case invalidPNGText(keyword: String, reason: String)
    /// libpng reported an error (its message).
    case libpng(String)
    /// A PNG's image data could not be compressed (libdeflate or zlib, named in the reason).
    case deflate(String)
    /// The bytes are not a PNG this decoder can read.
    case malformedPNG(String)
    /// A Cairo call failed while writing a PDF (the function and Cairo's message).
    case cairo(function: String, message: String)
}

extension RenderError: CustomStringConvertible {
    public var description: String {
        switch self {
        case .invalidResolution(let r): "resolution must be a finite, positive number of pixels per millimetre, got \(r)"
        case .invalidPageSize(let w, let h): "page size must be finite and positive, got \(w) × \(h) mm"
        case .canvasTooLarge(let w, let h):
            "a \(w) × \(h) pixel canvas is too large (at most \(RGBABuffer.maximumDimension) px a side, \(RGBABuffer.maximumPixelCount) px in all)"
        case .invalidItem(let id, let reason): "scene item '\(id)': \(reason)"
        case .duplicateLayer(let id): "two layers have the id '\(id)'"
        case .fontUnavailable(let source, let reason): "font \(source) is unavailable: \(reason)"
        case .freeType(let function, let code): "\(function) failed with FreeType error \(code)"
        case .invalidPNGKeyword(let k): "invalid PNG text keyword \(k.debugDescription): 1–79 printable Latin-1 characters, no leading, trailing or doubled spaces"
        case .invalidPNGText(let k, let reason): "PNG text '\(k)': \(reason)"
        case .libpng(let message): "libpng: \(message)"
        case .deflate(let message): "compressing the PNG image data: \(message)"
        case .malformedPNG(let message): "not a readable PNG: \(message)"
        case .cairo(let function, let message): "Cairo (\(function)): \(message)"
        }
    }
}
