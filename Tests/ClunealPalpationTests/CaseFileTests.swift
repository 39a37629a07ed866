import ClunealAnatomy
import Testing
@testable import ClunealPalpation

@Suite("Case files (CSV)")
struct CaseFileTests {
    static let header = "case,side,from,lateral,vertical,height,sex,psis_from_midline,crest_height,bicristal_width,symptoms\n"

    func file(_ text: String) throws -> CaseFile { try CaseFile(bytes: Array(text.utf8)) }

    @Test func aRowWithEveryColumnIsRead() throws {
        let f = try file(Self.header + "k1,left,crest,7cm,0,172cm,female,4.2cm,8cm,27.5cm,buttock-pain;saddle-numbness\n")
        #expect(f.records.count == 1)
        let r = try f.request(try #require(f.records.first))
        #expect(r.caseId == "k1")
        #expect(r.row == 1 && r.line == 2)
        #expect(r.input == TenderPointInput(side: .left, frame: .crest, lateral: .centimetres(7), vertical: .centimetres(0)))
        #expect(r.measurements == Measurements(stature: .centimetres(172), sex: .female, psisFromMidline: .centimetres(4.2),
                                               crestSummitAbovePSIS: .centimetres(8), bicristalWidth: .centimetres(27.5)))
        #expect(r.symptoms == ["buttock-pain", "saddle-numbness"])
    }

    @Test func requiredColumnsAloneInAnyOrderAreEnough() throws {
        let f = try file("vertical,lateral,from,side,case\n-28.5mm,36mm,midline,right,k\n")
        let r = try f.request(try #require(f.records.first))
        #expect(r.input.lateral.millimetres == 36 && r.input.vertical.millimetres == -28.5 && r.input.side == .right)
        #expect(r.measurements.isEmpty && r.symptoms.isEmpty)
    }

    @Test func aByteOrderMarkCRLFQuotesAndBlankLinesAreAccepted() throws {
        let text = "\u{FEFF}case,side,from,lateral,vertical,symptoms\r\n\r\n\"a, \"\"quoted\"\" case\",left,\"midline\",\" 7 cm \",\"5\",\"buttock-pain; tingling\"\r\nb,RIGHT,Psis,3,5,\r\n"
        let f = try file(text)
        #expect(f.records.count == 2)
        let a = try f.request(f.records[0])
        #expect(a.caseId == "a, \"quoted\" case")
        #expect(a.line == 3 && a.row == 1)
        #expect(a.input.lateral.millimetres == 70)
        #expect(a.symptoms == ["buttock-pain", "tingling"])
        let b = try f.request(f.records[1])
        #expect(b.input.side == .right && b.input.frame == .psis)
        #expect(b.line == 4 && b.row == 2)
    }

    /// A stray quote fails its own row, naming the line it opened on, and the next line is
    /// the next row: it cannot swallow the rest of the file.
    @Test func aQuotedFieldEndsOnItsLine() throws {
        let f = try file("case,side,from,lateral,vertical\n\"two\nlines\",left,midline,7,5\nnext,left,midline,7,5\n")
        #expect(f.records.count == 3)
        #expect { _ = try f.request(f.records[0]) } throws: { error in
            let e = error as? CaseError
            return e?.line == 2 && e?.row == 1 && e?.message.contains("the quote that opens field 1 on line 2 is not closed on that line") == true
        }
        #expect(f.records[1].line == 3)
        #expect(try f.request(f.records[2]).caseId == "next")
        #expect(f.records[2].line == 4 && f.records[2].row == 3)
    }

    struct BadRow: CustomTestStringConvertible, Sendable {
        var row: String
        var field: String?
        var mentions: String
        var testDescription: String { row }
    }

    @Test(arguments: [
        BadRow(row: "k,left,crest,\"7,5cm\",0", field: "lateral", mentions: "decimal comma"),
        BadRow(row: "k,left,crest,7,5,0", field: nil, mentions: "6 fields where the header has 5; a decimal comma (7,5) splits a field in two"),
        BadRow(row: "k,left,crest,7", field: nil, mentions: "4 fields where the header has 5"),
        BadRow(row: "k,up,crest,7,0", field: "side", mentions: "\"up\" is not one of left, right"),
        BadRow(row: "k,left,sacrum,7,0", field: "from", mentions: "\"sacrum\" is not one of midline, psis, crest"),
        BadRow(row: "k,left,crest,7in,0", field: "lateral", mentions: "unknown unit \"in\""),
        BadRow(row: "k,left,crest,nan,0", field: "lateral", mentions: "not a finite length"),
        BadRow(row: "k,left,crest,abc,0", field: "lateral", mentions: "is not a length"),
        BadRow(row: "k,left,crest,-7cm,0", field: "lateral", mentions: "allowed 0.0 cm to 30.0 cm"),
        BadRow(row: "k,left,midline,7,-50cm", field: "vertical", mentions: "allowed -35.0 cm to 30.0 cm"),
        BadRow(row: "k,left,midline,,5", field: "lateral", mentions: "no length given"),
        BadRow(row: ",left,midline,7,5", field: "case", mentions: "the case id is empty"),
        BadRow(row: "k,left,midline,7,\"5", field: nil, mentions: "the quote that opens field 5 on line 3 is not closed on that line"),
        BadRow(row: "k,left,midline,\"7\"cm,5", field: nil, mentions: "text after the closing quote of field 4"),
    ])
    func aBadRowNamesItsRowLineCaseAndField(bad: BadRow) throws {
        let f = try file("case,side,from,lateral,vertical\ngood,left,midline,7,5\n" + bad.row + "\n")
        #expect(f.records.count == 2)
        #expect(throws: Never.self) { _ = try f.request(f.records[0]) }
        do {
            _ = try f.request(f.records[1])
            Issue.record("accepted \(bad.row)")
        } catch {
            #expect(error.row == 2 && error.line == 3)
            #expect(error.field == bad.field, "\(error)")
            #expect(error.description.contains(bad.mentions), "\(error)")
            #expect(error.description.hasPrefix("row 2 (line 3"), "\(error)")
        }
    }

    @Test func measurementColumnsAreCheckedToo() throws {
        let f = try file(Self.header + "k,left,crest,7,0,tall,,,,,\nk2,left,crest,7,0,,other,,,,\n")
        #expect { _ = try f.request(f.records[0]) } throws: { ($0 as? CaseError)?.field == "height" }
        #expect { _ = try f.request(f.records[1]) } throws: { ($0 as? CaseError)?.field == "sex" }
    }

    @Test(arguments: [
        ("case,side,from,lateral,vertical,colour\n", "unknown column \"colour\" (known: case, side, from, lateral, vertical, height"),
        ("case,side,from,lateral\n", "required column \"vertical\" missing"),
        ("case,side,side,from,lateral,vertical\n", "the column \"side\" appears twice"),
        ("", "the file is empty"),
        ("\n\n", "the file is empty"),
    ])
    func aBadHeaderStopsTheFile(text: String, mentions: String) {
        do {
            _ = try file(text)
            Issue.record("accepted")
        } catch {
            #expect(String(describing: error).contains(mentions), "\(error)")
        }
    }

    @Test func bytesThatAreNotUTF8AreRefused() {
        #expect(throws: CaseFileError.notUTF8(UTF8Problem(offset: 32, byte: 0xFF, line: 2, looksLikeUTF16: false))) {
            _ = try CaseFile(bytes: Array("case,side,from,lateral,vertical\n".utf8) + [0xFF, 0xFE])
        }
    }
}

@Suite("Fast length reading")
struct FastLengthTests {
    @Test(arguments: ["7", "7cm", "7 cm", " 70mm ", "-28.5mm", "+3.5", "0", "-0", "1.72m", "1.72 M", "0.1", "12.345678901234",
                      "123456789012345", ".5", "7.", "36.0mm", "100.8mm", "-220mm", "0.000001cm", "7CM", "7Mm"])
    func agreesExactlyWithLengthParse(text: String) throws {
        let expected = try Length.parse(text)
        let fast = try Array(text.utf8).withUnsafeBufferPointer { b in try FastLength.parse(b) }
        #expect(fast.millimetres.bitPattern == expected.millimetres.bitPattern, "\(text)")
    }

    @Test(arguments: ["7,5", "7in", "abc", "", "nan", "inf", "1e3", "--7", "7 c m", "1234567890123456789"])
    func leavesTheRestToLengthParse(text: String) {
        let b = Array(text.utf8)
        let general = Result { try Length.parse(text) }
        let fast = Result { try b.withUnsafeBufferPointer { try FastLength.parse($0) } }
        switch (general, fast) {
        case (.success(let a), .success(let f)): #expect(a == f, "\(text)")
        case (.failure(let a), .failure(let f)): #expect(String(describing: a) == String(describing: f), "\(text)")
        default: Issue.record("\(text): \(general) vs \(fast)")
        }
    }
}
