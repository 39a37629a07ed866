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
