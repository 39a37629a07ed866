import Testing
@testable import ClunealAnatomy

@Suite("Lengths with units")
struct LengthTests {
    @Test(arguments: [
        ("7cm", 70.0), ("70mm", 70), ("7", 70), (" 7.5 cm ", 75), ("1.72m", 1720), ("-2cm", -20), ("0", 0), ("1e1mm", 10),
    ])
    func parses(text: String, millimetres: Double) throws {
        #expect(abs(try Length.parse(text).millimetres - millimetres) < 1e-9)
    }

    @Test(arguments: [
        ("7,5cm", Length.ParseError.decimalComma("7,5cm")),
        ("7in", .unknownUnit("in")),
        ("seven", .notANumber("seven")),
        ("", .empty),
        ("nan", .nonFinite("nan")),
        ("infcm", .nonFinite("infcm")),
        ("1e308", .tooLarge("1e308")),
        ("1e306m", .tooLarge("1e306m")),
        ("cm", .notANumber("cm")),
    ])
    func refuses(text: String, error: Length.ParseError) {
        #expect(throws: error) { try Length.parse(text) }
    }

    @Test func bareNumbersFollowTheDefaultUnit() throws {
        #expect(try Length.parse("7", defaultUnit: .millimetres).millimetres == 7)
    }

    @Test(arguments: [(70.0, LengthUnit.centimetres, "7.0 cm"), (-0.01, .centimetres, "0.0 cm"), (72.46, .millimetres, "72 mm"), (5, .centimetres, "0.5 cm")])
    func formats(mm: Double, unit: LengthUnit, text: String) {
        #expect(unit.format(mm) == text)
    }
}

/// Found by fuzz-measurements: an absurd length (`1e20`) in an out-of-range message trapped
/// converting the rounded value to Int. Fuzz/regressions/measurements/ holds the input.
@Suite("Lengths too large to print exactly")
struct HugeLengthTests {
    @Test(arguments: [1e20, -1e19, 9.3e15, 1e300, Double.greatestFiniteMagnitude])
    func formatWithoutTrapping(millimetres: Double) {
        for unit in LengthUnit.allCases {
            let text = unit.format(millimetres)
            #expect(text.hasSuffix(" " + unit.rawValue))
            #expect(Double(text.dropLast(unit.rawValue.count + 1)).map { abs($0 * unit.millimetres / millimetres - 1) < 1e-9 } == true, "\(text)")
        }
    }

    @Test func theMessageNamesTheValue() {
        let error = MeasurementError.outOfRange(field: "height", millimetres: 1e301, allowed: MeasurementLimits.stature)
        #expect(error.description == "height: 1e+300 cm is out of range (allowed 130.0 cm to 220.0 cm)")
    }
}
