/// A PNG row filter (PNG specification §9.2): its raw value is the filter-type byte written
/// before a filtered row. The one mapping between libpng's PNG_FILTER_* bits and the filters,
/// for the chooser that picks them and the code that applies them.
enum PNGFilterType: UInt8, CaseIterable, Sendable {
    case none = 0, sub = 1, up = 2, average = 3, paeth = 4

    /// libpng's PNG_FILTER_* bit for this filter.
    var bit: Int32 {
        switch self {
        case .none: LibPNG.filterNone
        case .sub: LibPNG.filterSub
        case .up: LibPNG.filterUp
        case .average: LibPNG.filterAverage
        case .paeth: LibPNG.filterPaeth
        }
    }

    /// The filter of a PNG_FILTER_* bit; None for anything else.
    init(bit: UInt8) {
        self = Self.allCases.first { $0.bit == Int32(bit) } ?? PNGFilterType.none
    }
}
