import Foundation
import Testing

/// The requirements of 3D Slicer's published markups schema (markups-schema-v1.0.3.json,
/// Slicer/Slicer, Modules/Loadable/Markups/Resources/Schema) that our files touch, as code:
/// required keys, types, enum values, array lengths and ranges. Development validated the same
/// files against the schema itself with Python's jsonschema (see the README).
enum MarkupsSchema {
    static let url = "https://raw.githubusercontent.com/slicer/slicer/master/Modules/Loadable/Markups/Resources/Schema/markups-schema-v1.0.3.json#"
    static let markupTypes: Set<String> = ["Fiducial", "Line", "Angle", "Curve", "ClosedCurve", "Plane", "ROI"]
    static let coordinateSystems: Set<String> = ["LPS", "RAS"]
    static let coordinateUnits: Set<String> = ["mm", "um"]
    static let positionStatuses: Set<String> = ["undefined", "preview", "defined"]
    static let glyphTypes: Set<String> = ["Vertex2D", "Dash2D", "Cross2D", "ThickCross2D", "Triangle2D", "Square2D", "Circle2D", "Diamond2D",
                                          "Arrow2D", "ThickArrow2D", "HookedArrow2D", "StarBurst2D", "Sphere3D", "Diamond3D"]

    /// JSONSerialization gives booleans as a boolean subclass of NSNumber.
    static func isBool(_ v: Any?) -> Bool {
        guard let v, v is NSNumber else { return false }
        return String(describing: type(of: v)).contains("Boolean")
    }
    static func isNumber(_ v: Any?) -> Bool {
        guard let n = v as? NSNumber, !isBool(v) else { return false }
        return n.doubleValue.isFinite
    }
    static func numbers(_ v: Any?, count: Int, in range: ClosedRange<Double>? = nil) -> Bool {
        guard let a = v as? [Any], a.count == count else { return false }
        return a.allSatisfy { isNumber($0) && (range?.contains(($0 as? NSNumber)?.doubleValue ?? .nan) ?? true) }
    }

    /// Every way `document` breaks the schema (empty when it validates).
    static func violations(_ document: Any) -> [String] {
        var out: [String] = []
        guard let root = document as? [String: Any] else { return ["the document is not an object"] }
        if !(root["@schema"] is String) { out.append("@schema: required string") }
        guard let markups = root["markups"] as? [Any] else { return out + ["markups: required array"] }
        for (i, item) in markups.enumerated() {
            let at = "markups[\(i)]"
            guard let m = item as? [String: Any] else { out.append("\(at): not an object"); continue }
            guard let type = m["type"] as? String, markupTypes.contains(type) else { out.append("\(at).type: required, one of \(markupTypes)"); continue }
            if let v = m["name"], !(v is String) { out.append("\(at).name: string") }
            if let v = m["coordinateSystem"], !((v as? String).map(coordinateSystems.contains) ?? false) { out.append("\(at).coordinateSystem: LPS or RAS") }
            if let v = m["coordinateUnits"], !((v as? String).map(coordinateUnits.contains) ?? false) { out.append("\(at).coordinateUnits: mm or um") }
            for key in ["locked", "fixedNumberOfControlPoints"] where m[key] != nil && !isBool(m[key]) { out.append("\(at).\(key): boolean") }
            if let v = m["labelFormat"], !(v is String) { out.append("\(at).labelFormat: string") }
            if let points = m["controlPoints"] {
                guard let list = points as? [Any] else { out.append("\(at).controlPoints: array"); continue }
                for (k, p) in list.enumerated() {
                    let pat = "\(at).controlPoints[\(k)]"
                    guard let cp = p as? [String: Any] else { out.append("\(pat): object"); continue }
                    for key in ["id", "label", "description", "associatedNodeID"] where cp[key] != nil && !(cp[key] is String) { out.append("\(pat).\(key): string") }
                    if cp["position"] != nil && !numbers(cp["position"], count: 3) { out.append("\(pat).position: 3 numbers") }
                    if cp["orientation"] != nil && !numbers(cp["orientation"], count: 9) { out.append("\(pat).orientation: 9 numbers") }
                    for key in ["selected", "locked", "visibility"] where cp[key] != nil && !isBool(cp[key]) { out.append("\(pat).\(key): boolean") }
                    if let v = cp["positionStatus"], !((v as? String).map(positionStatuses.contains) ?? false) { out.append("\(pat).positionStatus: \(positionStatuses)") }
                }
            }
            if let d = m["display"] {
                guard let display = d as? [String: Any] else { out.append("\(at).display: object"); continue }
                if let v = display["opacity"], !(isNumber(v) && (0...1).contains((v as? NSNumber)?.doubleValue ?? -1)) { out.append("\(at).display.opacity: 0...1") }
                for key in ["color", "selectedColor", "activeColor", "sliceProjectionColor"] where display[key] != nil && !numbers(display[key], count: 3, in: 0...1) {
                    out.append("\(at).display.\(key): 3 numbers in 0...1")
                }
                for key in ["textScale", "glyphScale", "glyphSize", "lineThickness"] where display[key] != nil && !(isNumber(display[key]) && ((display[key] as? NSNumber)?.doubleValue ?? -1) >= 0) {
                    out.append("\(at).display.\(key): a number ≥ 0")
                }
                if let v = display["glyphType"], !((v as? String).map(glyphTypes.contains) ?? false) { out.append("\(at).display.glyphType: \(glyphTypes)") }
                for key in ["visibility", "pointLabelsVisibility", "propertiesLabelVisibility"] where display[key] != nil && !isBool(display[key]) { out.append("\(at).display.\(key): boolean") }
            }
            if let v = m["measurements"], !(v is [Any]) { out.append("\(at).measurements: array") }
        }
        return out
    }
}

/// RFC 4180 fields, for reading our CSV back the way a spreadsheet does.
enum RFC4180 {
    static func parse(_ text: String) -> [[String]] {
        var rows: [[String]] = [], row: [String] = [], field = ""
        var quoted = false, i = text.unicodeScalars.startIndex
        let s = text.unicodeScalars
        var fieldStarted = false
        while i < s.endIndex {
            let c = s[i]
            if quoted {
                if c == "\"" {
                    let next = s.index(after: i)
                    if next < s.endIndex, s[next] == "\"" { field.unicodeScalars.append("\""); i = s.index(after: next); continue }
                    quoted = false
                } else {
                    field.unicodeScalars.append(c)
                }
            } else if c == "\"" && !fieldStarted {
                quoted = true
                fieldStarted = true
            } else if c == "," {
                row.append(field); field = ""; fieldStarted = false
            } else if c == "\n" || c == "\r" {
                if c == "\r", s.index(after: i) < s.endIndex, s[s.index(after: i)] == "\n" { i = s.index(after: i) }
                row.append(field); rows.append(row); row = []; field = ""; fieldStarted = false
            } else {
                field.unicodeScalars.append(c)
                fieldStarted = true
            }
            i = s.index(after: i)
        }
        if fieldStarted || !row.isEmpty { row.append(field); rows.append(row) }
        return rows
    }
}

@Suite("cluneal export")
struct ExportCommandTests {
    static func folder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("cluneal-export-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    static func markups(_ url: URL) throws -> [[String: Any]] {
        let root = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
        return try #require(root["markups"] as? [[String: Any]])
    }

    @Test func theMarkupsFileMeetsTheSchemaAndNamesEveryPointByOurId() throws {
        let dir = try Self.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("cluneal.mrk.json")
        let r = try CLIRunner.run(["export", "-o", file.path, "--side", "right", "--from", "psis", "--lateral", "-4mm", "--vertical", "-28.5mm"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("wrote \(file.path)"))
        let document = try JSONSerialization.jsonObject(with: Data(contentsOf: file))
        #expect(MarkupsSchema.violations(document).isEmpty, "\(MarkupsSchema.violations(document))")
        #expect((document as? [String: Any])?["@schema"] as? String == MarkupsSchema.url)
        let markups = try Self.markups(file)
        for m in markups {
            #expect(m["coordinateSystem"] as? String == "LPS")
            #expect(m["coordinateUnits"] as? String == "mm")
            for p in m["controlPoints"] as? [[String: Any]] ?? [] {
                #expect(p["positionStatus"] as? String == "defined")
                #expect(!(p["description"] as? String ?? "").isEmpty)
                // The right side (and the midline) only: no left item; on the right, LPS x
                // (toward the patient's left) is negative; y (depth) is 0 everywhere.
                let label = p["label"] as? String ?? ""
                let position = p["position"] as? [Double] ?? []
                #expect(!label.contains("-left"), "\(label)")
                #expect(position.count == 3 && position[1] == 0, "\(label)")
                if label.contains("-right") { #expect(position.first.map { $0 <= 0 } == true, "\(label)") }
            }
        }
        let types = Set(markups.compactMap { $0["type"] as? String })
        #expect(types == ["Fiducial", "Curve", "ClosedCurve"])
        let landmarks = try #require(markups.first { $0["name"] as? String == "cluneal-landmarks" })
        let psis = try #require((landmarks["controlPoints"] as? [[String: Any]])?.first { $0["label"] as? String == "psis-right" })
        #expect(psis["position"] as? [Double] == [-40, 0, 0])
        #expect((psis["description"] as? String)?.contains("[mcgaugh-2007]") == true)
        let zone = try #require(markups.first { $0["name"] as? String == "mcn-ldsl.konno-2017-mcn-right" })
        #expect(zone["type"] as? String == "ClosedCurve")
        #expect((zone["controlPoints"] as? [Any])?.count == 24)
        #expect(((zone["controlPoints"] as? [[String: Any]])?.first?["description"] as? String)?.contains("Konno et al. 2017 [konno-2017-mcn]") == true)
        let nerve = try #require(markups.first { $0["name"] as? String == "mcn-2-right" })
        #expect(nerve["type"] as? String == "Curve")
        let tender = try #require(markups.first { $0["name"] as? String == "cluneal-tender-point" })
        let point = try #require((tender["controlPoints"] as? [[String: Any]])?.first)
        #expect(point["label"] as? String == "tender-point-right")
        #expect(point["position"] as? [Double] == [-36, 0, -28.5])
        #expect((point["description"] as? String)?.contains("Best match: zone mcn-ldsl.konno-2017-mcn") == true)
    }

    @Test func theCSVHasOneRowPerPointInLPSMillimetres() throws {
        let dir = try Self.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let csv = dir.appendingPathComponent("points.csv"), json = dir.appendingPathComponent("points.mrk.json")
        let r = try CLIRunner.run(["export", "-o", csv.path, "-o", json.path, "--height", "180cm", "--what", "landmarks,sites"])
        #expect(r.status == 0, "\(r.stderr)")
        let rows = RFC4180.parse(try String(contentsOf: csv, encoding: .utf8))
        #expect(rows.first == ["name", "x", "y", "z", "type"])
        let markups = try Self.markups(json)
        let points = markups.flatMap { $0["controlPoints"] as? [[String: Any]] ?? [] }
        #expect(rows.count - 1 == points.count)
        for (row, p) in zip(rows.dropFirst(), points) {
            #expect(row.count == 5)
            #expect(row[0] == p["label"] as? String)
            #expect(row.dropFirst().prefix(3).compactMap(Double.init) == p["position"] as? [Double])
            #expect(["landmark", "site"].contains(row[4]))
        }
        #expect(rows.contains { $0.first == "psis-left" && $0[1] == "42.353" && $0[4] == "landmark" })
        #expect(!markups.contains { $0["type"] as? String == "ClosedCurve" }, "--what leaves the zones out")
    }

    @Test(arguments: [
        (["export"], Int32(64), "--output is required"),
        (["export", "-o", "x.txt"], 64, "--output x.txt: the file name must end in .mrk.json"),
        (["export", "-o", "x.csv", "--what", "landmarks,bones"], 64, "--what <list>': unknown item kind \"bones\""),
        (["export", "-o", "x.csv", "--from", "crest", "--lateral", "7cm"], 64, "--side is required"),
        (["export", "-o", "x.csv", "--side", "left", "--from", "crest", "--lateral", "7cm", "--vertical", "nan"], 64, "--vertical <length>': \"nan\" is not a finite length"),
        (["export", "-o", "/nonexistent-folder/x.mrk.json"], 73, "folder /nonexistent-folder does not exist"),
    ])
    func badOptionsAreRefused(arguments: [String], status: Int32, mentions: String) throws {
        let r = try CLIRunner.run(arguments)
        #expect(r.status == status, "\(r.stderr)")
        #expect(r.stderr.contains(mentions), "\(r.stderr)")
        #expect(r.stderr.split(separator: "\n").count == 1, "\(r.stderr)")
    }
}
