import Testing
@testable import ClunealAnatomy

/// The one rule behind "did you mean" suggestions for data-file keys and symptom names.
@Suite("Spelling suggestions")
struct SpellingTests {
    @Test(arguments: [
        ("", "", 0), ("", "abc", 3), ("abc", "", 3), ("height", "height", 0),
        ("heigth", "height", 1),          // two neighbours swapped: one edit
        ("hieght", "height", 1),
        ("heigt", "height", 1),           // one left out
        ("heighte", "height", 1),         // one added
        ("haight", "height", 1),          // one changed
        ("sex", "psis", 3), ("ca", "abc", 3), // a swap is never combined with edits inside it
        ("numbnes", "saddle-numbness", 8),
    ])
    func editDistanceCountsEachEditOnce(_ a: String, _ b: String, _ expected: Int) {
        #expect(Spelling.editDistance(a, b) == expected)
        #expect(Spelling.editDistance(b, a) == expected)
    }

    @Test func theLimitIsAThirdOfTheLengthAndAtLeastTwo() {
        #expect(Spelling.editLimit(forLength: 0) == 2)
        #expect(Spelling.editLimit(forLength: 6) == 2)
        #expect(Spelling.editLimit(forLength: 9) == 3)
        #expect(Spelling.editLimit(forLength: 30) == 10)
    }

    @Test func aMisspeltKeyIsAnsweredWithTheNearestKnownOne() {
        let known: Set<String> = ["height", "sex", "psisFromMidline", "crestHeight"]
        #expect(KeyRecordingDecoder.nearest("heigth", in: known) == "height")
        #expect(KeyRecordingDecoder.nearest("psis_from_midline", in: known) == "psisFromMidline")
        #expect(KeyRecordingDecoder.nearest("weight", in: known) == "height")
        #expect(KeyRecordingDecoder.nearest("zzzzzz", in: known) == nil)
    }
}
